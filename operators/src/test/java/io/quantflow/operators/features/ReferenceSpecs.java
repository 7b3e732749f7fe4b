package io.quantflow.operators.features;

import java.util.List;
import java.util.Map;

/** The indicator list whose columns {@code reference/make_reference.py} writes, in the same order. */
final class ReferenceSpecs {
  private ReferenceSpecs() {}

  static final List<IndicatorSpec> SPECS = List.of(
      IndicatorSpec.of("ret"),
      IndicatorSpec.of("sma", Map.of("period", 5)),
      IndicatorSpec.of("ema", Map.of("period", 5)),
      IndicatorSpec.of("wma", Map.of("period", 5)),
      IndicatorSpec.of("sma", Map.of("period", 20)),
      IndicatorSpec.of("ema", Map.of("period", 20)),
      IndicatorSpec.of("wma", Map.of("period", 20)),
      IndicatorSpec.of("rsi", Map.of("period", 5), List.of("wilder", "cutler", "ema")),
      IndicatorSpec.of("rsi", Map.of("period", 14), List.of("wilder", "cutler", "ema")),
      IndicatorSpec.of("macd"),
      IndicatorSpec.of("macd", Map.of("fast", 5, "slow", 13, "signal", 4)),
      IndicatorSpec.of("bbands", Map.of("period", 20, "k", 2)),
      IndicatorSpec.of("bbands", Map.of("period", 10, "k", 2.5)),
      IndicatorSpec.of("atr", Map.of("period", 5)),
      IndicatorSpec.of("atr"),
      IndicatorSpec.of("rvol", Map.of("period", 5), List.of("cc", "parkinson", "gk", "yz")),
      IndicatorSpec.of("rvol", Map.of("period", "20"), List.of("cc", "parkinson", "gk", "yz")),
      IndicatorSpec.of("roc", Map.of("period", 1)),
      IndicatorSpec.of("roc"),
      IndicatorSpec.of("slope", Map.of("period", 5)),
      IndicatorSpec.of("zscore", Map.of("period", 5)),
      IndicatorSpec.of("slope", Map.of("period", 20)),
      IndicatorSpec.of("zscore", Map.of("period", 20)),
      IndicatorSpec.of("vwap", Map.of(), List.of("session")),
      IndicatorSpec.of("volratio", Map.of("period", 5)),
      IndicatorSpec.of("volratio", Map.of("period", 20)));
}
