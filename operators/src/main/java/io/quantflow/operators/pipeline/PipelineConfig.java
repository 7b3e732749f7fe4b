package io.quantflow.operators.pipeline;

import io.quantflow.domain.Checks;
import io.quantflow.domain.FeatureSchema;
import io.quantflow.domain.Timeframe;
import io.quantflow.operators.align.Alignment;
import io.quantflow.operators.features.FeatureConfig;
import io.quantflow.operators.signals.SignalConfig;
import io.quantflow.operators.signals.VoteMethod;
import java.io.Serializable;
import java.util.ArrayList;
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
    FeatureSchema wide = alignmentOf(baseTimeframe, resampleTo, features).schema();
    for (Timeframe tf : signal.timeframes()) {
      for (VoteMethod m : signal.methods()) {
        Checks.isTrue(wide.names().contains(m.feature() + "_" + tf.label()),
            "The signal votes with feature '%s', which is not computed; it must be one of %s (set the period "
                + "under 'features')", m.feature(), features.schema().names());
      }
      Checks.isTrue(wide.names().contains(signal.volFeature() + "_" + tf.label()),
          "The signal's volatility feature '%s' is not computed; it must be one of %s", signal.volFeature(),
          features.schema().names());
    }
  }

  /** The multi-timeframe alignment: the input timeframe, then every resampled one, each with all features. */
  public Alignment alignment() {
    return alignmentOf(baseTimeframe, resampleTo, features);
  }

  // static so the compact constructor can validate before the fields are assigned
  private static Alignment alignmentOf(Timeframe base, List<Timeframe> resampleTo, FeatureConfig features) {
    List<Timeframe> all = new ArrayList<>();
    all.add(base);
    all.addAll(resampleTo);
    return new Alignment(base, all, features.schema());
  }
}
