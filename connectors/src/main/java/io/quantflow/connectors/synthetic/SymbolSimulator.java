package io.quantflow.connectors.synthetic;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Timeframe;
import java.util.Arrays;
import java.util.List;

/**
 * Simulates one symbol day after day and turns each day into bars of the configured timeframe.
 *
 * <p>Each day is simulated in steps (1 s or 1 min, see {@link MarketModel#stepSeconds}); a step becomes one base bar
 * whose high and low are drawn from the exact distributions of the maximum and minimum of a Brownian bridge between
 * its open and close. Bars of the timeframe aggregate the base bars that fall in their interval. Prices are rounded
 * to ticks only when bars are emitted; the latent path keeps full precision.
 *
 * <p>Days must be simulated in order, since each opens from the previous close. Not thread-safe: one instance per
 * worker and symbol.
 */
final class SymbolSimulator {
  private final MarketModel m;
  private final SyntheticConfig cfg;
  private final int index;
  private final String symbol;
  private final double beta;
  private final double idioVol;
  private final double baseDailyVolume;
  private final double priceScale;
  private final double subDollarScale;

  private double lastClose;
  private int nextDay;
  private int halts;
  /** The current day's halt as steps {@code [haltStart, haltEnd)}; both -1 without a halt. */
  private int haltStart;
  private int haltEnd;

  // Per-step buffers, reused day after day.
  private final double[] open;
  private final double[] high;
  private final double[] low;
  private final double[] close;
  private final double[] volume;
  private final double[] tradeSize;
  private final double[] jump;

  SymbolSimulator(MarketModel m, int index, String symbol) {
    this.m = m;
    this.cfg = m.cfg;
    this.index = index;
    this.symbol = symbol;
    SeededRandom rng = SeededRandom.of(cfg.seed(), MarketModel.STREAM_SYMBOL, index);
    beta = rng.nextDouble(cfg.betaMin(), cfg.betaMax());
    idioVol = rng.nextDouble(cfg.idioVolMin(), cfg.idioVolMax());
    lastClose = rng.nextLogUniform(cfg.priceMin(), cfg.priceMax());
    baseDailyVolume = rng.nextLogUniform(cfg.dailyVolumeMin(), cfg.dailyVolumeMax());
    priceScale = Math.pow(10, cfg.priceDecimals());
    subDollarScale = Math.pow(10, Math.max(4, cfg.priceDecimals()));
    int n = m.steps;
    open = new double[n];
    high = new double[n];
    low = new double[n];
    close = new double[n];
    volume = new double[n];
    tradeSize = new double[n];
    jump = new double[n];
  }

  String symbol() {
    return symbol;
  }

  /** Symbol-days simulated so far that had a halt. */
  int halts() {
    return halts;
  }

  /** Simulates the next day and appends its bars, in time order, to {@code out}. */
  void nextDay(List<Bar> out) {
    int d = nextDay++;
    simulate(d);
    emit(d, out);
  }

  private void simulate(int d) {
    // Draw order is part of the output format: change it and every seed gives different bytes.
    SeededRandom rng = SeededRandom.of(cfg.seed(), MarketModel.STREAM_SYMBOL_DAY, index, d);
    double nu = cfg.tailDegreesOfFreedom();
    double s = m.volMultiplier[d];
    double idioDayVariance = s * s * idioVol * idioVol / SyntheticConfig.TRADING_DAYS_PER_YEAR;
    double sigmaIdio = Math.sqrt(idioDayVariance);
    double dayVariance = beta * beta * m.marketDayVariance(d) + idioDayVariance;

    double gap = beta * m.marketGap[d] + s * cfg.overnightGapVol() * rng.nextStudentT(nu);
    double price = d == 0 ? lastClose : lastClose * StrictMath.exp(gap);

    Arrays.fill(jump, 0);
    int jumps = rng.nextPoisson(cfg.jumpsPerDay());
    for (int j = 0; j < jumps; j++) {
      int at = rng.nextInt(m.steps);
      jump[at] += cfg.jumpStdDev() * rng.nextGaussian();
    }

    haltStart = -1;
    haltEnd = -1;
    if (rng.nextDouble() < cfg.haltProbability()) {
      int minutes = cfg.haltMinMinutes() + rng.nextInt(cfg.haltMaxMinutes() - cfg.haltMinMinutes() + 1);
      // Trading before and after the halt: it starts at minute 1 or later and ends before the last minute.
      int startMinute = 1 + rng.nextInt(UsEquityCalendar.SESSION_MINUTES - 1 - minutes);
      haltStart = startMinute * 60 / m.stepSeconds;
      haltEnd = (startMinute + minutes) * 60 / m.stepSeconds;
      halts++;
    }

    double dayVolume = baseDailyVolume * (m.volatileDay[d] ? cfg.highVolVolumeMultiplier() : 1)
        * StrictMath.exp(0.3 * rng.nextGaussian() - 0.045); // log-normal with mean 1

    double[] market = m.marketReturns[d];
    double rawVolumeSum = 0;
    for (int k = 0; k < m.steps; k++) {
      double share = m.sqrtVarianceShare[k];
      double r = beta * market[k] + sigmaIdio * share * rng.nextStudentT(nu) + jump[k];
      double stepVariance = dayVariance * share * share;
      // Extremes of a Brownian bridge from 0 to r with variance v: P(max > x) = exp(-2 x (x - r) / v) for
      // x >= max(0, r), inverted at a uniform; the minimum likewise.
      double up = 0.5 * (r + Math.sqrt(r * r - 2 * stepVariance * StrictMath.log(rng.nextOpenDouble())));
      double down = 0.5 * (r - Math.sqrt(r * r - 2 * stepVariance * StrictMath.log(rng.nextOpenDouble())));
      open[k] = price;
      high[k] = price * StrictMath.exp(up);
      low[k] = price * StrictMath.exp(down);
      price *= StrictMath.exp(r);
      close[k] = price;
      // Volume: U-shaped rate, log-normal noise, and more trading on big moves (capped so a jump does not take the
      // whole day's volume).
      double move = stepVariance > 0 ? Math.min(Math.abs(r) / Math.sqrt(stepVariance), 20) : 0;
      volume[k] = m.volumeShape[k] * StrictMath.exp(0.4 * rng.nextGaussian() - 0.08) * (1 + move);
      rawVolumeSum += volume[k];
      tradeSize[k] = cfg.averageTradeSize() * (0.5 + rng.nextDouble());
    }
    lastClose = price;
    double volumeScale = dayVolume / rawVolumeSum;
    for (int k = 0; k < m.steps; k++) {
      volume[k] = Math.max(1, Math.rint(volume[k] * volumeScale)); // whole shares; a bar means something traded
    }
  }

  /** Aggregates the day's steps outside the halt into bars of the timeframe. */
  private void emit(int d, List<Bar> out) {
    Timeframe tf = cfg.timeframe();
    long stepMicros = m.stepSeconds * 1_000_000L;
    long bucket = Long.MIN_VALUE;
    double o = 0;
    double h = 0;
    double l = 0;
    double c = 0;
    double v = 0;
    double pv = 0;
    long trades = 0;
    for (int k = 0; k < m.steps; k++) {
      if (k >= haltStart && k < haltEnd) {
        continue; // halted: no trades, no bar (as Alpaca shows halts); the latent price moved on meanwhile
      }
      long ts = m.openMicros[d] + k * stepMicros;
      long b = tf == Timeframe.D1 ? m.dateMicros[d] : tf.startOf(ts);
      double ko = round(open[k]);
      double kc = round(close[k]);
      double kh = Math.max(round(high[k]), Math.max(ko, kc));
      double kl = Math.min(round(low[k]), Math.min(ko, kc));
      double kv = volume[k];
      if (b != bucket) {
        if (bucket != Long.MIN_VALUE) {
          out.add(bar(tf, bucket, o, h, l, c, v, trades, pv));
        }
        bucket = b;
        o = ko;
        h = kh;
        l = kl;
        v = 0;
        pv = 0;
        trades = 0;
      }
      h = Math.max(h, kh);
      l = Math.min(l, kl);
      c = kc;
      v += kv;
      pv += kv * (kh + kl + kc) / 3; // a step's VWAP is approximated by its typical price
      trades += Math.max(1, Math.round(kv / tradeSize[k]));
    }
    out.add(bar(tf, bucket, o, h, l, c, v, trades, pv));
  }

  private Bar bar(Timeframe tf, long ts, double o, double h, double l, double c, double v, long trades, double pv) {
    double vwap = Math.min(h, Math.max(l, pv / v)); // the weighted mean may round an ulp outside [low, high]
    return new Bar(symbol, tf, ts, o, h, l, c, v, trades, vwap);
  }

  /** Rounds to the configured decimals, to at least 4 below 1 USD, and never to zero. */
  private double round(double price) {
    double scale = price >= 1 ? priceScale : subDollarScale;
    // rint(x * 10^n) / 10^n gives the double nearest to the decimal, unlike rint(x / tick) * tick.
    return Math.max(Math.rint(price * scale), 1) / scale;
  }
}
