package io.quantflow.operators.pipeline;

import io.quantflow.domain.Checks;
import io.quantflow.domain.Timeframe;
import io.quantflow.operators.features.FeatureConfig;
import io.quantflow.operators.signals.SignalConfig;
import java.io.Serializable;
import java.util.List;

/**
 * What the feature pipeline computes.
 *
 * @param baseTimeframe timeframe of the input bars, e.g. 1m
 * @param resampleTo coarser timeframes built from the input with event-time windows, e.g. 5m and 15m
 * @param features indicators computed on every timeframe
 * @param signal the signal rule
 */
public record PipelineConfig(Timeframe baseTimeframe, List<Timeframe> resampleTo, FeatureConfig features,
    SignalConfig signal) implements Serializable {

  /** 1m input resampled to 5m and 15m, default features and signal. */
  public static final PipelineConfig DEFAULT = new PipelineConfig(Timeframe.M1,
      List.of(Timeframe.M5, Timeframe.M15), FeatureConfig.DEFAULT, SignalConfig.DEFAULT);

  /** Checks that every resampled timeframe is a coarser multiple of the base and every voting one is computed. */
  public PipelineConfig {
    Checks.notNull(baseTimeframe, "baseTimeframe");
    resampleTo = List.copyOf(Checks.notNull(resampleTo, "resampleTo"));
    Checks.notNull(features, "features");
    Checks.notNull(signal, "signal");
    for (Timeframe tf : resampleTo) {
      Checks.isTrue(tf != baseTimeframe && tf.isMultipleOf(baseTimeframe),
          "Cannot resample %s bars to %s: the target must be a coarser multiple of the input", baseTimeframe, tf);
    }
    Checks.isTrue(signal.baseTimeframe() == baseTimeframe,
        "The signal's base timeframe %s must be the input timeframe %s", signal.baseTimeframe(), baseTimeframe);
    for (Timeframe tf : signal.timeframes()) {
      Checks.isTrue(tf == baseTimeframe || resampleTo.contains(tf),
          "The signal votes on %s, which is neither the input timeframe %s nor in resampleTo %s", tf,
          baseTimeframe, resampleTo);
    }
    List<String> names = features.schema().names();
    Checks.isTrue(names.contains(signal.trendFeature()),
        "The signal's trend feature '%s' is not computed; it must be one of %s (set the period under 'features')",
        signal.trendFeature(), names);
    Checks.isTrue(names.contains(signal.volFeature()),
        "The signal's volatility feature '%s' is not computed; it must be one of %s", signal.volFeature(), names);
  }
}
