package io.quantflow.operators.features;

import io.quantflow.domain.Checks;
import io.quantflow.domain.Timeframe;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What to compute: a list of indicators and the timeframes to compute them on (labels such as {@code 1m},
 * {@code 5m}, {@code 15m}). Every timeframe gets the same columns. A plain record, so the jobs module can bind YAML
 * to it:
 *
 * <pre>
 * timeframes: [1m, 5m, 15m]
 * indicators:
 *   - {indicator: ema, params: {period: 20}}
 *   - {indicator: rsi, params: {period: 14}, methods: [wilder, cutler, ema]}
 *   - {indicator: macd, params: {fast: 12, slow: 26, signal: 9}}
 *   - {indicator: bbands, params: {period: 20, k: 2}}
 * </pre>
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param indicators the indicators, in column order
 * @param timeframes timeframe labels, see {@link Timeframe#parse}
 */
public record FeatureSpec(List<IndicatorSpec> indicators, List<String> timeframes) implements Serializable {

  /**
   * Every registered indicator once, with common periods, on 1m, 5m and 15m: {@code ret_1, sma_20, ema_20, wma_20,
   * rsi_14_{wilder,cutler,ema}, macd_12_26_9 (3 columns), bb_*_20_2 (4), atr_14, rvol_20_{cc,parkinson,gk,yz},
   * roc_10, slope_20, zscore_20, vwap_session, vwap_dist_session, volratio_20, spread_bps, quote_imbalance}.
   */
  public static final FeatureSpec DEFAULT = new FeatureSpec(List.of(
      IndicatorSpec.of("ret"),
      IndicatorSpec.of("sma", Map.of("period", 20)),
      IndicatorSpec.of("ema", Map.of("period", 20)),
      IndicatorSpec.of("wma", Map.of("period", 20)),
      IndicatorSpec.of("rsi", Map.of("period", 14), List.of("wilder", "cutler", "ema")),
      IndicatorSpec.of("macd", Map.of("fast", 12, "slow", 26, "signal", 9)),
      IndicatorSpec.of("bbands", Map.of("period", 20, "k", 2)),
      IndicatorSpec.of("atr", Map.of("period", 14)),
      IndicatorSpec.of("rvol", Map.of("period", 20), List.of("cc", "parkinson", "gk", "yz")),
      IndicatorSpec.of("roc", Map.of("period", 10)),
      IndicatorSpec.of("slope", Map.of("period", 20)),
      IndicatorSpec.of("zscore", Map.of("period", 20)),
      IndicatorSpec.of("vwap"),
      IndicatorSpec.of("volratio", Map.of("period", 20)),
      IndicatorSpec.of("spread"),
      IndicatorSpec.of("imbalance")),
      List.of("1m", "5m", "15m"));

  /** Checks both lists are non-empty and every timeframe label parses. */
  public FeatureSpec {
    indicators = List.copyOf(Checks.notNull(indicators, "indicators"));
    timeframes = List.copyOf(Checks.notNull(timeframes, "timeframes"));
    Checks.isTrue(!indicators.isEmpty(), "Argument 'indicators' must not be empty");
    Checks.isTrue(!timeframes.isEmpty(), "Argument 'timeframes' must not be empty");
    for (String tf : timeframes) {
      Timeframe.parse(tf);
    }
  }

  /** The timeframes, parsed. */
  public List<Timeframe> parsedTimeframes() {
    return timeframes.stream().map(Timeframe::parse).toList();
  }

  /** Fresh kernels for one key (symbol and timeframe), built by {@link FeatureRegistry#standard()}. */
  public FeatureSet newFeatureSet() {
    return FeatureRegistry.standard().newFeatureSet(indicators);
  }
}
