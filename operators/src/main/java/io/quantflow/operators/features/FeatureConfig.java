package io.quantflow.operators.features;

import io.quantflow.domain.Checks;
import io.quantflow.domain.FeatureSchema;
import io.quantflow.operators.indicators.Ema;
import io.quantflow.operators.indicators.Indicator;
import io.quantflow.operators.indicators.RealizedVolatility;
import io.quantflow.operators.indicators.RsiWilder;
import io.quantflow.operators.indicators.SimpleReturn;
import io.quantflow.operators.indicators.Sma;
import java.io.Serializable;
import java.util.List;

/**
 * The indicators computed on the closes of every timeframe, and their periods (in bars of that timeframe). The
 * output names carry the period: {@code ret_1, sma_20, ema_20, rsi_14, rvol_20} with the defaults. Formulas are in
 * {@code docs/features.md}.
 *
 * @param smaPeriod simple moving average period, bars
 * @param emaPeriod exponential moving average period, bars
 * @param rsiPeriod Wilder RSI period, bars
 * @param rvolPeriod realised volatility window, returns
 */
public record FeatureConfig(int smaPeriod, int emaPeriod, int rsiPeriod, int rvolPeriod) implements Serializable {

  /** The defaults: SMA 20, EMA 20, RSI 14, realised volatility 20. */
  public static final FeatureConfig DEFAULT = new FeatureConfig(20, 20, 14, 20);

  /** Checks every period. */
  public FeatureConfig {
    Checks.positive(smaPeriod, "smaPeriod");
    Checks.positive(emaPeriod, "emaPeriod");
    Checks.positive(rsiPeriod, "rsiPeriod");
    Checks.isTrue(rvolPeriod >= 2, "Argument 'rvolPeriod' must be at least 2 but was %d", rvolPeriod);
  }

  /** Output names in order. */
  public FeatureSchema schema() {
    return FeatureSchema.of(List.of("ret_1", "sma_" + smaPeriod, "ema_" + emaPeriod, "rsi_" + rsiPeriod,
        "rvol_" + rvolPeriod));
  }

  /** Fresh kernels, in schema order. */
  public IndicatorSet newIndicators() {
    return new IndicatorSet(new Indicator[] {
        new SimpleReturn(), new Sma(smaPeriod), new Ema(emaPeriod), new RsiWilder(rsiPeriod),
        new RealizedVolatility(rvolPeriod)});
  }
}
