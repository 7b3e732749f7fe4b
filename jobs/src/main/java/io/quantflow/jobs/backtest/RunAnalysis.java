package io.quantflow.jobs.backtest;

import io.quantflow.connectors.parquet.ParquetTable;
import io.quantflow.domain.EquityPoint;
import io.quantflow.domain.Fill;
import io.quantflow.models.metrics.BenchmarkMetrics;
import io.quantflow.models.metrics.ExposureStatistics;
import io.quantflow.models.metrics.PerformanceMetrics;
import io.quantflow.models.metrics.RoundTrip;
import io.quantflow.models.metrics.TradeStatistics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statistics of a finished run, computed from its tables alone (equity, fills and the base-timeframe closes), so
 * a backtest and {@code quant report <run-dir>} give the same numbers. Conventions in {@code docs/metrics.md}.
 *
 * <p>The equity curve is {@code E_0} = initial cash followed by one point per valuation instant. The benchmark is
 * buying and holding the benchmark symbol at its first close in the run with the initial cash (no costs, fractional
 * shares), marked at its latest close at or before each instant; it is absent when the symbol is not in the run.
 *
 * @param times valuation instants of {@code E_1 ... E_n}, UTC epoch micros ({@code times[0]} is the first instant,
 *     repeated for {@code E_0})
 * @param equity {@code E_0 ... E_n}, USD
 * @param benchmark benchmark equity on the same points, USD, or null
 * @param grossExposure gross exposure per point, USD
 * @param netExposure net exposure per point, USD
 * @param performance statistics of the equity curve
 * @param benchmarkMetrics alpha, beta and friends, or null without benchmark
 * @param tradeStatistics round trips and their statistics
 * @param exposure exposure and turnover
 */
public record RunAnalysis(long[] times, double[] equity, double[] benchmark, double[] grossExposure,
    double[] netExposure, PerformanceMetrics performance, BenchmarkMetrics benchmarkMetrics,
    TradeStatistics tradeStatistics, ExposureStatistics exposure) {

  /** The trades table ({@code trades.parquet}): one closed round trip per row. */
  public static final ParquetTable<RoundTrip> TRADES = ParquetTable.<RoundTrip>builder("trade")
      .string("symbol", RoundTrip::symbol)
      .string("direction", t -> t.direction() > 0 ? "LONG" : "SHORT")
      .float64("quantity", RoundTrip::quantity)
      .timestampMicros("entry_timestamp", RoundTrip::entryMicros)
      .timestampMicros("exit_timestamp", RoundTrip::exitMicros)
      .float64("entry_price", RoundTrip::entryPrice)
      .float64("exit_price", RoundTrip::exitPrice)
      .float64("pnl", RoundTrip::pnl)
      .float64("return", RoundTrip::returnFraction)
      .build();

  /**
   * Closes of one symbol: its bars' availability instants (increasing) and closes.
   *
   * @param availableAtMicros when each close became known, UTC epoch micros
   * @param close closes, USD
   */
  public record Closes(long[] availableAtMicros, double[] close) {
    /** As rows of {@link #BENCHMARK}. */
    public List<long[]> rows() {
      List<long[]> out = new ArrayList<>();
      for (int i = 0; i < close.length; i++) {
        out.add(new long[] {availableAtMicros[i], Double.doubleToRawLongBits(close[i])});
      }
      return out;
    }
  }

  /** The benchmark's closes of a run ({@code benchmark.parquet}): {@code timestamp} (when known), {@code close}. */
  public static final ParquetTable<long[]> BENCHMARK = ParquetTable.<long[]>builder("benchmark")
      .timestampMicros("timestamp", r -> r[0])
      .float64("close", r -> Double.longBitsToDouble(r[1]))
      .build();

  /** The first-version closes of the bar blocks {@code blocks} (one symbol), or null when there are none. */
  public static Closes closesOf(List<?> blocks) {
    java.util.TreeMap<Long, Double> byTime = new java.util.TreeMap<>();
    for (Object o : blocks) {
      io.quantflow.domain.BarBlock b = (io.quantflow.domain.BarBlock) o;
      for (int i = 0; i < b.size(); i++) {
        if (b.revision()[i] == 0 && !b.isRetracted(i)) {
          byTime.put(b.availableAtMicros(i), b.close()[i]);
        }
      }
    }
    if (byTime.isEmpty()) {
      return null;
    }
    long[] times = new long[byTime.size()];
    double[] closes = new double[byTime.size()];
    int k = 0;
    for (java.util.Map.Entry<Long, Double> e : byTime.entrySet()) {
      times[k] = e.getKey();
      closes[k++] = e.getValue();
    }
    return new Closes(times, closes);
  }

  /**
   * Analyses a run.
   *
   * @param initialCash USD
   * @param equity valuations in time order
   * @param fills fills in time order
   * @param benchmark the benchmark symbol's closes, or null for none
   * @param periodsPerYear periods per year of the base timeframe
   * @param riskFreeRate annual, decimal
   */
  public static RunAnalysis of(double initialCash, List<EquityPoint> equity, List<Fill> fills, Closes benchmark,
      double periodsPerYear, double riskFreeRate) {
    int n = equity.size();
    long[] times = new long[n + 1];
    double[] curve = new double[n + 1];
    double[] gross = new double[n + 1];
    double[] net = new double[n + 1];
    curve[0] = initialCash;
    for (int i = 0; i < n; i++) {
      EquityPoint p = equity.get(i);
      times[i + 1] = p.timestampMicros();
      curve[i + 1] = p.equity();
      gross[i + 1] = p.longValue() - p.shortValue();
      net[i + 1] = p.longValue() + p.shortValue();
    }
    times[0] = n > 0 ? times[1] : 0;
    double[] bench = benchmarkCurve(initialCash, times, benchmark);
    PerformanceMetrics perf = n >= 1 ? PerformanceMetrics.of(curve, periodsPerYear, riskFreeRate) : null;
    BenchmarkMetrics bm = bench != null && curve.length >= 3
        ? BenchmarkMetrics.of(curve, bench, periodsPerYear, riskFreeRate) : null;
    double traded = 0;
    for (Fill f : fills) {
      traded += Math.abs(f.notional());
    }
    ExposureStatistics exposure = n >= 1 ? ExposureStatistics.of(curve, gross, net, traded, periodsPerYear) : null;
    return new RunAnalysis(times, curve, bench, gross, net, perf, bm, TradeStatistics.of(fills), exposure);
  }

  private static double[] benchmarkCurve(double initialCash, long[] times, Closes closes) {
    if (closes == null || times.length < 2) {
      return null;
    }
    double[] out = new double[times.length];
    out[0] = initialCash;
    double first = Double.NaN;
    double last = Double.NaN;
    int j = 0;
    for (int i = 1; i < times.length; i++) {
      while (j < closes.close().length && closes.availableAtMicros()[j] <= times[i]) {
        last = closes.close()[j];
        j++;
      }
      if (Double.isNaN(first) && !Double.isNaN(last)) {
        first = last;
      }
      out[i] = Double.isNaN(first) ? initialCash : initialCash * last / first;
    }
    return out;
  }

  /** The keys of {@code metrics.json} this analysis provides, in a fixed order; undefined values are null. */
  public Map<String, Object> metrics() {
    Map<String, Object> json = new LinkedHashMap<>();
    PerformanceMetrics m = performance;
    if (m != null) {
      json.put("total_return", finite(m.totalReturn()));
      json.put("annualized_return", finite(m.annualizedReturn()));
      json.put("annualized_volatility", finite(m.annualizedVolatility()));
      json.put("sharpe", finite(m.sharpe()));
      json.put("sortino", finite(m.sortino()));
      json.put("calmar", finite(m.calmar()));
      json.put("max_drawdown", finite(m.maxDrawdown()));
      json.put("max_drawdown_duration_periods", m.maxDrawdownPeriods());
      json.put("skewness", finite(m.skewness()));
      json.put("excess_kurtosis", finite(m.excessKurtosis()));
      json.put("best_period", finite(m.bestPeriod()));
      json.put("worst_period", finite(m.worstPeriod()));
      json.put("periods", m.periods());
      json.put("periods_per_year", m.periodsPerYear());
      json.put("risk_free_rate", m.riskFreeRate());
    }
    BenchmarkMetrics b = benchmarkMetrics;
    json.put("benchmark_total_return", b == null ? null : finite(b.benchmarkTotalReturn()));
    json.put("excess_total_return", b == null ? null : finite(b.excessTotalReturn()));
    json.put("alpha", b == null ? null : finite(b.alpha()));
    json.put("beta", b == null ? null : finite(b.beta()));
    json.put("correlation", b == null ? null : finite(b.correlation()));
    json.put("tracking_error", b == null ? null : finite(b.trackingError()));
    json.put("information_ratio", b == null ? null : finite(b.informationRatio()));
    TradeStatistics t = tradeStatistics;
    json.put("trades", t.trades());
    json.put("open_positions", t.openPositions());
    json.put("hit_rate", finite(t.hitRate()));
    json.put("profit_factor", Double.isInfinite(t.profitFactor()) ? "inf" : finite(t.profitFactor()));
    json.put("average_win", finite(t.averageWin()));
    json.put("average_loss", finite(t.averageLoss()));
    json.put("payoff_ratio", finite(t.payoffRatio()));
    json.put("average_holding_seconds", Double.isNaN(t.averageHoldingMicros()) ? null
        : t.averageHoldingMicros() / 1e6);
    json.put("largest_win", finite(t.largestWin()));
    json.put("largest_loss", finite(t.largestLoss()));
    if (exposure != null) {
      json.put("average_gross_exposure", finite(exposure.averageGrossExposure()));
      json.put("average_net_exposure", finite(exposure.averageNetExposure()));
      json.put("time_in_market", finite(exposure.timeInMarket()));
      json.put("annual_turnover", finite(exposure.annualTurnover()));
    }
    return json;
  }

  /** An instant as ISO-8601 UTC. */
  public static String iso(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L)
        .toString();
  }

  /** JSON has no NaN: an undefined ratio is written as null. */
  public static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
