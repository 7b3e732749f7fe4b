package io.quantflow.connectors.synthetic;

import io.quantflow.domain.Timeframe;
import java.time.LocalDate;
import java.util.List;

/**
 * The part of a synthetic universe every symbol shares, computed once and read by all workers: the sessions, the
 * intraday profile, the market's volatility regime per day and the market factor's path per day.
 *
 * <p>The market path is held for all days: {@code days * steps * 8} bytes, 0.8 MB for 250 days of 1-minute steps
 * and 47 MB for 250 days of 1-second steps. Immutable after construction, so safe to share between threads.
 */
final class MarketModel {
  /** Random stream keys: each use of randomness gets its own stream (see {@link SeededRandom#of}). */
  static final long STREAM_REGIME = 1;
  static final long STREAM_MARKET_DAY = 2;
  static final long STREAM_SYMBOL = 3;
  static final long STREAM_SYMBOL_DAY = 4;

  final SyntheticConfig cfg;
  final List<LocalDate> sessions;
  /** Session open per day, UTC epoch microseconds. */
  final long[] openMicros;
  /** Midnight UTC of each trading date, the label of its daily bar, epoch microseconds. */
  final long[] dateMicros;
  /** Length of one simulation step: 1 second for 1s and 15s bars, else 60 seconds. */
  final int stepSeconds;
  /** Steps per session. */
  final int steps;
  /** Square root of each step's share of the day's variance; the shares sum to 1. */
  final double[] sqrtVarianceShare;
  /** Relative volume rate of each step (U-shaped, 1 at midday). */
  final double[] volumeShape;
  /** Whether the market is in its volatile regime, per day. */
  final boolean[] volatileDay;
  /** Volatility factor per day: 1 on calm days, {@link SyntheticConfig#highVolMultiplier()} on volatile ones. */
  final double[] volMultiplier;
  /** The market factor's log return per day and step, drift and market jumps included. */
  final double[][] marketReturns;
  /** The market's close-to-open log return before each day (unused for day 0). */
  final double[] marketGap;

  MarketModel(SyntheticConfig cfg) {
    this.cfg = cfg;
    int days = cfg.days();
    sessions = UsEquityCalendar.tradingDays(cfg.startDate(), days);
    openMicros = new long[days];
    dateMicros = new long[days];
    for (int d = 0; d < days; d++) {
      openMicros[d] = UsEquityCalendar.sessionOpenMicros(sessions.get(d));
      dateMicros[d] = sessions.get(d).toEpochDay() * Timeframe.D1.durationMicros();
    }
    stepSeconds = cfg.timeframe().durationMicros() < Timeframe.M1.durationMicros() ? 1 : 60;
    steps = UsEquityCalendar.SESSION_MINUTES * 60 / stepSeconds;

    volumeShape = new double[steps];
    double sum = 0;
    for (int k = 0; k < steps; k++) {
      double minute = (k + 0.5) * stepSeconds / 60.0; // middle of the step, minutes since the open
      double u = 1 + (cfg.volumeOpenMultiplier() - 1) * StrictMath.exp(-minute / cfg.volumeProfileDecayMinutes())
          + (cfg.volumeCloseMultiplier() - 1)
          * StrictMath.exp(-(UsEquityCalendar.SESSION_MINUTES - minute) / cfg.volumeProfileDecayMinutes());
      volumeShape[k] = Math.max(u, 1e-6); // multipliers far below 1 with a slow decay could push it to 0
      sum += volumeShape[k];
    }
    // Variance follows volume through the day (more trading, more price discovery): the open and close are the
    // most volatile minutes, as in real data, while the day's total variance stays as configured.
    sqrtVarianceShare = new double[steps];
    for (int k = 0; k < steps; k++) {
      sqrtVarianceShare[k] = StrictMath.sqrt(volumeShape[k] / sum);
    }

    volatileDay = new boolean[days];
    volMultiplier = new double[days];
    // The regime is a Markov chain, so it is drawn in day order from one stream; starting calm keeps a prefix of
    // the days identical whatever the number of days.
    SeededRandom regime = SeededRandom.of(cfg.seed(), STREAM_REGIME);
    for (int d = 0; d < days; d++) {
      double u = regime.nextDouble();
      if (d > 0) {
        volatileDay[d] = volatileDay[d - 1] ? u >= cfg.highVolExitProbability() : u < cfg.highVolEnterProbability();
      }
      volMultiplier[d] = volatileDay[d] ? cfg.highVolMultiplier() : 1;
    }

    marketReturns = new double[days][];
    marketGap = new double[days];
    double nu = cfg.tailDegreesOfFreedom();
    double drift = cfg.marketDrift() / SyntheticConfig.TRADING_DAYS_PER_YEAR / steps;
    for (int d = 0; d < days; d++) {
      SeededRandom rng = SeededRandom.of(cfg.seed(), STREAM_MARKET_DAY, d);
      double s = volMultiplier[d];
      marketGap[d] = s * cfg.marketGapVol() * rng.nextStudentT(nu);
      double[] ret = new double[steps];
      int jumps = rng.nextPoisson(cfg.marketJumpsPerDay());
      for (int j = 0; j < jumps; j++) {
        int at = rng.nextInt(steps);
        ret[at] += cfg.marketJumpStdDev() * rng.nextGaussian();
      }
      double sigma = s * cfg.marketVol() / Math.sqrt(SyntheticConfig.TRADING_DAYS_PER_YEAR);
      for (int k = 0; k < steps; k++) {
        ret[k] += drift + sigma * sqrtVarianceShare[k] * rng.nextStudentT(nu);
      }
      marketReturns[d] = ret;
    }
  }

  /** The market's variance per day on day {@code d} (diffusive part: no jumps). */
  double marketDayVariance(int d) {
    double s = volMultiplier[d] * cfg.marketVol();
    return s * s / SyntheticConfig.TRADING_DAYS_PER_YEAR;
  }
}
