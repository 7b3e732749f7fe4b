package io.quantflow.operators.pipeline;

import io.quantflow.domain.Checks;
import io.quantflow.domain.FeatureSchema;
import io.quantflow.domain.Timeframe;
import io.quantflow.operators.align.Alignment;
import io.quantflow.operators.features.FeatureRegistry;
import io.quantflow.operators.features.FeatureSpec;
import io.quantflow.operators.features.IndicatorSpec;
import io.quantflow.operators.signals.SignalConfig;
import io.quantflow.operators.signals.VoteMethod;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What the feature pipeline computes: the indicators of a {@link FeatureSpec} on each of its timeframes, the finest
 * of which is the input (base) timeframe and the others are resampled from it, and the signal rule on top.
 *
 * @param features indicators and timeframes; the finest timeframe is the input's
 * @param signal the signal rule
 * @param timing watermarks, allowed lateness and session settings
 * @param sliceRows whether the portfolio's slices carry the aligned rows of their step ({@link
 *     io.quantflow.domain.SymbolSlice#wide()}), which a model that validates signals needs; off by default, since the
 *     rows cost a serialization per base bar
 */
public record PipelineConfig(FeatureSpec features, SignalConfig signal, BarTiming timing, boolean sliceRows)
    implements Serializable {

  /** The default features: {@code ret_1, sma_20, ema_20, rsi_14_wilder, rvol_20_cc} on 1m, 5m and 15m. */
  public static final FeatureSpec DEFAULT_FEATURES = new FeatureSpec(List.of(
      IndicatorSpec.of("ret"),
      IndicatorSpec.of("sma", Map.of("period", 20)),
      IndicatorSpec.of("ema", Map.of("period", 20)),
      IndicatorSpec.of("rsi", Map.of("period", 14), List.of("wilder")),
      IndicatorSpec.of("rvol", Map.of("period", 20), List.of("cc"))),
      List.of("1m", "5m", "15m"));

  /** 1m bars resampled to 5m and 15m, the default features, the default signal. */
  public static final PipelineConfig DEFAULT = new PipelineConfig(DEFAULT_FEATURES, SignalConfig.DEFAULT);

  /** A pipeline with the default timing ({@link BarTiming#DEFAULT}). */
  public PipelineConfig(FeatureSpec features, SignalConfig signal) {
    this(features, signal, BarTiming.DEFAULT);
  }

  /** A pipeline whose slices carry no aligned rows. */
  public PipelineConfig(FeatureSpec features, SignalConfig signal, BarTiming timing) {
    this(features, signal, timing, false);
  }

  /** This pipeline with slices carrying their aligned rows or not (see {@link #sliceRows()}). */
  public PipelineConfig withSliceRows(boolean rows) {
    return new PipelineConfig(features, signal, timing, rows);
  }

  /** Checks that the timeframes nest, the signal votes on computed timeframes and features. */
  public PipelineConfig {
    Checks.notNull(features, "features");
    Checks.notNull(signal, "signal");
    timing = timing == null ? BarTiming.DEFAULT : timing;
    List<Timeframe> tfs = features.parsedTimeframes();
    Timeframe base = tfs.stream().min(Enum::compareTo).orElseThrow();
    for (Timeframe tf : tfs) {
      Checks.isTrue(tf.isMultipleOf(base), "Cannot resample %s bars to %s: not a multiple", base, tf);
    }
    Checks.isTrue(tfs.stream().distinct().count() == tfs.size(), "Feature timeframes %s repeat a timeframe", tfs);
    Checks.isTrue(signal.baseTimeframe() == base,
        "The signal's base timeframe %s must be the finest feature timeframe %s", signal.baseTimeframe(), base);
    for (Timeframe tf : signal.timeframes()) {
      Checks.isTrue(tfs.contains(tf), "The signal votes on %s, which is not among the feature timeframes %s", tf, tfs);
    }
    FeatureSchema schema = FeatureRegistry.standard().newFeatureSet(features.indicators()).schema();
    for (VoteMethod m : signal.methods()) {
      Checks.isTrue(schema.names().contains(m.feature()),
          "The signal votes with feature '%s', which is not computed; it must be one of %s (add it under "
              + "'features')", m.feature(), schema.names());
    }
    Checks.isTrue(schema.names().contains(signal.volFeature()),
        "The signal's volatility feature '%s' is not computed; it must be one of %s", signal.volFeature(),
        schema.names());
  }

  /** The input timeframe: the finest feature timeframe. */
  public Timeframe baseTimeframe() {
    return features.parsedTimeframes().stream().min(Enum::compareTo).orElseThrow();
  }

  /** The coarser timeframes built from the input with event-time windows, finest first. */
  public List<Timeframe> resampleTo() {
    Timeframe base = baseTimeframe();
    return features.parsedTimeframes().stream().filter(tf -> tf != base).sorted().toList();
  }

  /** The names of the feature values of every row, in order. */
  public FeatureSchema schema() {
    return FeatureRegistry.standard().newFeatureSet(features.indicators()).schema();
  }

  /** Every feature timeframe, finest first. */
  public List<Timeframe> timeframes() {
    return features.parsedTimeframes().stream().sorted().toList();
  }

  /** How long STREAMING operators keep rows revisable, microseconds (see {@link BarTiming}). */
  public long revisionHorizonMicros() {
    return timing.revisionHorizonMicros(timeframes());
  }

  /** The multi-timeframe alignment: the input timeframe, then every resampled one, each with all features. */
  public Alignment alignment() {
    List<Timeframe> all = new java.util.ArrayList<>();
    all.add(baseTimeframe());
    all.addAll(resampleTo());
    return new Alignment(baseTimeframe(), all, schema());
  }
}
