package io.quantflow.operators.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.domain.Direction;
import io.quantflow.domain.FeatureRow;
import io.quantflow.domain.FeatureSchema;
import io.quantflow.domain.Signal;
import io.quantflow.domain.Timeframe;
import io.quantflow.operators.features.FeatureConfig;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrendAgreementRuleTest {
  private static final FeatureSchema SCHEMA = FeatureConfig.DEFAULT.schema(); // ret_1, sma_20, ema_20, rsi_14, rvol_20
  private static final long AT = 1_549_895_460_000_000L;

  private static FeatureRow row(Timeframe tf, double close, double ema, double rvol) {
    return new FeatureRow("AAPL", tf, AT - tf.durationMicros(), close, new double[] {0, close, ema, 50, rvol});
  }

  private static Map<Timeframe, FeatureRow> rows(FeatureRow... rows) {
    Map<Timeframe, FeatureRow> m = new EnumMap<>(Timeframe.class);
    for (FeatureRow r : rows) {
      m.put(r.timeframe(), r);
    }
    return m;
  }

  @Test
  void allTimeframesUpIsLongWithStrengthFromTheVolatilityScaledDistance() {
    TrendAgreementRule rule = new TrendAgreementRule(SignalConfig.DEFAULT, SCHEMA);
    Signal s = rule.evaluate("AAPL", AT, rows(row(Timeframe.M1, 170.97, 170.80, 0.0010),
        row(Timeframe.M5, 170.97, 170.50, 0.0020), row(Timeframe.M15, 170.97, 170.00, 0.0040)));
    assertThat(s.direction()).isEqualTo(Direction.LONG);
    double expected = (Math.tanh(Math.log(170.97 / 170.80) / 0.0010) + Math.tanh(Math.log(170.97 / 170.50) / 0.0020)
        + Math.tanh(Math.log(170.97 / 170.00) / 0.0040)) / 3;
    assertThat(s.strength()).isCloseTo(expected, within(1e-12));
    assertThat(s.timestampMicros()).isEqualTo(AT);
    assertThat(s.horizonMicros()).isEqualTo(Timeframe.M15.durationMicros());
    assertThat(s.reason()).startsWith("1m:up(close 170.9700 > ema_20 170.8000) 5m:up");
  }

  @Test
  void disagreementOrWarmUpIsFlatAndDownIsFlatUnlessShortsAreAllowed() {
    TrendAgreementRule longOnly = new TrendAgreementRule(SignalConfig.DEFAULT, SCHEMA);
    Signal mixed = longOnly.evaluate("AAPL", AT, rows(row(Timeframe.M1, 170.97, 170.80, 0.001),
        row(Timeframe.M5, 170.97, 171.50, 0.002), row(Timeframe.M15, 170.97, 170.00, 0.004)));
    assertThat(mixed.direction()).isEqualTo(Direction.FLAT);
    assertThat(mixed.strength()).isZero();
    Signal warming = longOnly.evaluate("AAPL", AT, rows(row(Timeframe.M1, 170.97, 170.80, 0.001),
        row(Timeframe.M5, 170.97, 170.50, 0.002)));
    assertThat(warming.direction()).isEqualTo(Direction.FLAT);
    assertThat(warming.reason()).endsWith("15m:warming-up");

    FeatureRow[] down = {row(Timeframe.M1, 170.0, 170.8, 0.001), row(Timeframe.M5, 170.0, 170.5, 0.002),
        row(Timeframe.M15, 170.0, 171.0, 0.004)};
    assertThat(longOnly.evaluate("AAPL", AT, rows(down)).direction()).isEqualTo(Direction.FLAT);
    SignalConfig shorts = new SignalConfig(Timeframe.M1, SignalConfig.DEFAULT.timeframes(), "ema_20", "rvol_20", true);
    assertThat(new TrendAgreementRule(shorts, SCHEMA).evaluate("AAPL", AT, rows(down)).direction())
        .isEqualTo(Direction.SHORT);
  }
}
