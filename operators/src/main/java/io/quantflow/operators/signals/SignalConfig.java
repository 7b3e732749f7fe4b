package io.quantflow.operators.signals;

import io.quantflow.domain.Checks;
import io.quantflow.domain.Timeframe;
import java.io.Serializable;
import java.util.List;

/**
 * Settings of the trend-agreement signal.
 *
 * @param baseTimeframe the timeframe whose bars trigger evaluation, e.g. 1m
 * @param timeframes every timeframe that votes, including the base, e.g. 1m, 5m, 15m
 * @param trendFeature the moving-average feature a close is compared with, e.g. {@code ema_20}
 * @param volFeature the per-bar volatility feature that scales the distance into a strength, e.g. {@code rvol_20}
 * @param allowShort whether all-down agreement gives SHORT (otherwise FLAT)
 */
public record SignalConfig(Timeframe baseTimeframe, List<Timeframe> timeframes, String trendFeature,
    String volFeature, boolean allowShort) implements Serializable {

  /** 1m, 5m and 15m closes above (below) their EMA 20; long only. */
  public static final SignalConfig DEFAULT = new SignalConfig(Timeframe.M1,
      List.of(Timeframe.M1, Timeframe.M5, Timeframe.M15), "ema_20", "rvol_20", false);

  /** Checks that the base timeframe votes and every timeframe is a multiple of it. */
  public SignalConfig {
    Checks.notNull(baseTimeframe, "baseTimeframe");
    timeframes = List.copyOf(Checks.notNull(timeframes, "timeframes"));
    Checks.isTrue(timeframes.contains(baseTimeframe), "timeframes %s must include the base timeframe %s",
        timeframes, baseTimeframe);
    for (Timeframe tf : timeframes) {
      Checks.isTrue(tf.isMultipleOf(baseTimeframe), "Timeframe %s is not a multiple of the base timeframe %s",
          tf, baseTimeframe);
    }
    Checks.notBlank(trendFeature, "trendFeature");
    Checks.notBlank(volFeature, "volFeature");
  }

  /** The coarsest voting timeframe: a signal is expected to hold for one of its bars. */
  public Timeframe coarsest() {
    return timeframes.stream().max(Enum::compareTo).orElseThrow();
  }
}
