package io.quantflow.jobs.report;

import io.quantflow.domain.Direction;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Synthetic tearsheets from a seeded random walk. The derived series (drawdown, rolling statistics, monthly returns)
 * are computed here with plain loops, independently of the report code.
 */
final class SampleTearsheets {
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final double INITIAL_EQUITY = 100_000;
  static final int WINDOW = 20;

  private SampleTearsheets() {}

  /** Weekday closes (16:00 New York) from {@code first} to {@code last}, UTC epoch microseconds. */
  static long[] dailyCloses(LocalDate first, LocalDate last) {
    List<Long> ts = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
        ts.add(micros(ZonedDateTime.of(d.atTime(16, 0), NEW_YORK)));
      }
    }
    return ts.stream().mapToLong(Long::longValue).toArray();
  }

  static long micros(ZonedDateTime t) {
    return t.toEpochSecond() * 1_000_000L;
  }

  /** Equity from {@link #INITIAL_EQUITY} compounding Gaussian daily returns (mean 0.05 %, sd 1 %). */
  static double[] randomWalk(Random random, int n, double drift, double sd) {
    double[] e = new double[n];
    e[0] = INITIAL_EQUITY;
    for (int i = 1; i < n; i++) {
      e[i] = e[i - 1] * (1 + drift + sd * random.nextGaussian());
    }
    return e;
  }

  /** {@code e_i / max(e_0..e_i) - 1}. */
  static double[] drawdown(double[] e) {
    double[] dd = new double[e.length];
    double peak = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < e.length; i++) {
      peak = Math.max(peak, e[i]);
      dd[i] = e[i] / peak - 1;
    }
    return dd;
  }

  /** Rolling annualised (252) Sharpe or volatility of the last {@code window} simple returns; NaN until then. */
  static double[] rolling(double[] e, int window, boolean sharpe) {
    double[] out = new double[e.length];
    Arrays.fill(out, Double.NaN);
    for (int i = window; i < e.length; i++) {
      double[] r = new double[window];
      for (int k = 0; k < window; k++) {
        r[k] = e[i - k] / e[i - k - 1] - 1;
      }
      double mean = Arrays.stream(r).average().orElseThrow();
      double var = Arrays.stream(r).map(x -> (x - mean) * (x - mean)).sum() / (window - 1);
      double sd = Math.sqrt(var);
      out[i] = sharpe ? mean / sd * Math.sqrt(252) : sd * Math.sqrt(252);
    }
    return out;
  }

  /** Month-end equity over the previous month-end (the first month over the first point). */
  static List<MonthlyReturn> monthly(long[] ts, double[] e) {
    List<MonthlyReturn> out = new ArrayList<>();
    double base = e[0];
    for (int i = 0; i < ts.length; i++) {
      ZonedDateTime t = ny(ts[i]);
      boolean monthEnd = i == ts.length - 1 || ny(ts[i + 1]).getMonthValue() != t.getMonthValue();
      if (monthEnd) {
        out.add(new MonthlyReturn(t.getYear(), t.getMonthValue(), e[i] / base - 1));
        base = e[i];
      }
    }
    return out;
  }

  static ZonedDateTime ny(long micros) {
    return java.time.Instant.ofEpochSecond(micros / 1_000_000L).atZone(NEW_YORK);
  }

  /** {@code count} round trips between random points, PnL and return consistent with the prices. */
  static List<TradeRow> trades(Random random, long[] ts, int count) {
    String[] symbols = {"AAPL", "MSFT", "NVDA", "SPY"};
    List<TradeRow> out = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      int entry = random.nextInt(ts.length - 1);
      int exit = entry + 1 + random.nextInt(Math.min(10, ts.length - 1 - entry));
      Direction side = random.nextBoolean() ? Direction.LONG : Direction.SHORT;
      double quantity = 10 + random.nextInt(50) * 10;
      double entryPrice = 50 + 400 * random.nextDouble();
      double exitPrice = entryPrice * (1 + 0.05 * random.nextGaussian());
      double ret = side.sign() * (exitPrice / entryPrice - 1);
      out.add(new TradeRow(symbols[k % symbols.length], side, quantity, ts[entry], ts[exit], entryPrice, exitPrice,
          quantity * entryPrice * ret, ret));
    }
    return out;
  }

  /**
   * January to March 2024 of daily closes, a benchmark ("SPY"), 20 trades, rolling statistics over 20 days and the
   * usual metrics keys.
   */
  static Tearsheet threeMonthsDaily(long seed) {
    Random random = new Random(seed);
    long[] ts = dailyCloses(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 3, 28));
    int n = ts.length;
    double[] equity = randomWalk(random, n, 0.0005, 0.01);
    double[] benchmark = randomWalk(random, n, 0.0003, 0.008);
    double[] gross = new double[n];
    double[] net = new double[n];
    for (int i = 0; i < n; i++) {
      gross[i] = 0.8 + 0.4 * random.nextDouble();
      net[i] = gross[i] * (1.2 * random.nextDouble() - 0.4);
    }
    List<TradeRow> trades = trades(random, ts, 20);
    return new Tearsheet("run-2024q1-" + seed, "Momentum backtest, 2024 Q1", "ema-cross", ts, equity, benchmark,
        "SPY", drawdown(equity), rolling(equity, WINDOW, true), rolling(equity, WINDOW, false), WINDOW,
        monthly(ts, equity), gross, net, trades, metrics(ts, equity), config());
  }

  /** The keys of metrics.json, computed here from {@code e} (252 periods a year). */
  static Map<String, Object> metrics(long[] ts, double[] e) {
    int n = e.length - 1;
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = e[i + 1] / e[i] - 1;
    }
    double mean = Arrays.stream(r).average().orElseThrow();
    double sd = Math.sqrt(Arrays.stream(r).map(x -> (x - mean) * (x - mean)).sum() / (n - 1));
    double downside = Math.sqrt(Arrays.stream(r).map(x -> Math.min(0, x) * Math.min(0, x)).sum() / n);
    double maxDd = -Arrays.stream(drawdown(e)).min().orElseThrow();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total_return", e[n] / e[0] - 1);
    m.put("annualized_return", Math.pow(e[n] / e[0], 252.0 / n) - 1);
    m.put("annualized_volatility", sd * Math.sqrt(252));
    m.put("sharpe", mean / sd * Math.sqrt(252));
    m.put("sortino", mean / downside * Math.sqrt(252));
    m.put("max_drawdown", maxDd);
    m.put("periods", n);
    m.put("periods_per_year", 252.0);
    m.put("risk_free_rate", 0.0);
    m.put("initial_equity", e[0]);
    m.put("final_equity", e[n]);
    m.put("start", java.time.Instant.ofEpochSecond(ts[0] / 1_000_000L).toString());
    m.put("end", java.time.Instant.ofEpochSecond(ts[n] / 1_000_000L).toString());
    return m;
  }

  static Map<String, Object> config() {
    Map<String, Object> signal = new LinkedHashMap<>();
    signal.put("methods", List.of("ema_20", "sma_20"));
    signal.put("methodQuorum", 1);
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("mode", "batch");
    c.put("timeframe", "1d");
    c.put("parallelism", 2);
    c.put("riskFreeRate", 0.0);
    c.put("signal", signal);
    return c;
  }

  /** The components of a tearsheet, to change one or two and build again. Mutable, test-only. */
  static final class Parts {
    String runId;
    String title;
    String strategyName;
    long[] ts;
    double[] equity;
    double[] benchmark;
    String benchmarkSymbol;
    double[] drawdown;
    double[] rollingSharpe;
    double[] rollingVolatility;
    int window;
    List<MonthlyReturn> months;
    double[] gross;
    double[] net;
    List<TradeRow> trades;
    Map<String, Object> metrics;
    Map<String, Object> config;

    Parts(Tearsheet t) {
      runId = t.runId();
      title = t.title();
      strategyName = t.strategyName();
      ts = t.timestampsMicros();
      equity = t.equity();
      benchmark = t.benchmarkEquity();
      benchmarkSymbol = t.benchmarkSymbol();
      drawdown = t.drawdown();
      rollingSharpe = t.rollingSharpe();
      rollingVolatility = t.rollingVolatility();
      window = t.rollingWindow();
      months = t.monthlyReturns();
      gross = t.grossExposure();
      net = t.netExposure();
      trades = t.trades();
      metrics = t.metrics();
      config = t.config();
    }

    Tearsheet build() {
      return new Tearsheet(runId, title, strategyName, ts, equity, benchmark, benchmarkSymbol, drawdown,
          rollingSharpe, rollingVolatility, window, months, gross, net, trades, metrics, config);
    }
  }

  /**
   * A flat run: {@code n} daily closes from 2024-01-02 at exactly {@link #INITIAL_EQUITY}, no benchmark, no trades,
   * zero drawdown and exposure, rolling statistics never warmed up, one month of 0 return and no metrics.
   */
  static Parts flat(int n) {
    long[] ts = Arrays.copyOf(dailyCloses(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 31)), n);
    double[] equity = new double[n];
    Arrays.fill(equity, INITIAL_EQUITY);
    double[] nan = new double[n];
    Arrays.fill(nan, Double.NaN);
    Parts p = new Parts(threeMonthsDaily(1));
    p.ts = ts;
    p.equity = equity;
    p.benchmark = null;
    p.benchmarkSymbol = null;
    p.drawdown = new double[n];
    p.rollingSharpe = nan;
    p.rollingVolatility = nan;
    p.months = List.of(new MonthlyReturn(2024, 1, 0.0));
    p.gross = new double[n];
    p.net = new double[n];
    p.trades = List.of();
    p.metrics = Map.of();
    p.config = Map.of();
    return p;
  }
}
