package io.quantflow.operators.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.operators.indicators.BarIndicator;
import io.quantflow.operators.indicators.Sma;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation messages of {@link FeatureRegistry} and {@link FeatureSpec}: each names the culprit and the choices. */
class FeatureRegistryTest {
  private static final FeatureRegistry REGISTRY = FeatureRegistry.standard();

  private static void assertRejected(IndicatorSpec spec, String... fragments) {
    assertThatThrownBy(() -> REGISTRY.create(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
  }

  @Test
  void knowsEveryIndicator() {
    assertThat(REGISTRY.ids()).containsExactly("ret", "sma", "ema", "wma", "rsi", "macd", "bbands", "atr", "rvol",
        "roc", "slope", "zscore", "vwap", "volratio", "spread", "imbalance");
    assertThat(REGISTRY.methods("rsi")).containsExactly("wilder", "cutler", "ema");
    assertThat(REGISTRY.methods("rvol")).containsExactly("cc", "parkinson", "gk", "yz");
    assertThat(REGISTRY.defaults("macd")).containsEntry("fast", 12).containsEntry("slow", 26)
        .containsEntry("signal", 9);
  }

  @Test
  void unknownIndicatorListsTheValidIds() {
    assertRejected(IndicatorSpec.of("stoch"), "Unknown indicator 'stoch'", "[ret, sma, ema, wma, rsi, macd, bbands,"
        + " atr, rvol, roc, slope, zscore, vwap, volratio, spread, imbalance]");
  }

  @Test
  void unknownParameterListsTheValidOnes() {
    assertRejected(IndicatorSpec.of("sma", Map.of("perod", 5)), "Unknown parameter 'perod'", "'sma'", "[period]");
    assertRejected(IndicatorSpec.of("ret", Map.of("period", 2)), "Unknown parameter 'period'", "'ret'", "none");
    assertRejected(IndicatorSpec.of("macd", Map.of("fsat", 3)), "Unknown parameter 'fsat'",
        "valid parameters are [fast, slow, signal]");
    assertRejected(IndicatorSpec.of("bbands", Map.of("n", 3)), "valid parameters are [period, k]");
  }

  @Test
  void badValuesNameTheParameterAndTheRange() {
    assertRejected(IndicatorSpec.of("sma", Map.of("period", 0)), "'sma'", "'period'", "positive", "0");
    assertRejected(IndicatorSpec.of("ema", Map.of("period", -3)), "'ema'", "'period'", "positive", "-3");
    assertRejected(IndicatorSpec.of("rvol", Map.of("period", 1)), "'rvol'", "'period'", "at least 2");
    assertRejected(IndicatorSpec.of("slope", Map.of("period", 1)), "'slope'", "'period'", "at least 2");
    assertRejected(IndicatorSpec.of("bbands", Map.of("k", 0)), "'bbands'", "'k'", "positive", "0.0");
    assertRejected(IndicatorSpec.of("bbands", Map.of("k", -1.5)), "'k'", "-1.5");
    assertRejected(IndicatorSpec.of("macd", Map.of("fast", 26, "slow", 12)), "'macd'", "'fast'", "'slow'",
        "less than");
    assertRejected(IndicatorSpec.of("macd", Map.of("fast", 12, "slow", 12)), "'fast'", "'slow'");
    assertRejected(IndicatorSpec.of("sma", Map.of("period", 2.5)), "'period'", "integer", "2.5");
    assertRejected(IndicatorSpec.of("sma", Map.of("period", "twenty")), "'period'", "number", "'twenty'");
  }

  @Test
  void numbersMayComeAsDecimalsOrStringsFromYaml() {
    assertThat(REGISTRY.create(IndicatorSpec.of("sma", Map.of("period", 20.0))).get(0).names())
        .containsExactly("sma_20");
    assertThat(REGISTRY.create(IndicatorSpec.of("bbands", Map.of("period", "10", "k", "2.50"))).get(0).names())
        .containsExactly("bb_mid_10_2.5", "bb_upper_10_2.5", "bb_lower_10_2.5", "bb_pctb_10_2.5");
    assertThat(REGISTRY.create(IndicatorSpec.of("bbands", Map.of("k", 2L))).get(0).names())
        .contains("bb_mid_20_2");
  }

  @Test
  void unknownMethodListsTheValidOnes() {
    assertRejected(IndicatorSpec.of("rsi", Map.of(), List.of("wilder", "smma")), "Unknown method 'smma'", "'rsi'",
        "[wilder, cutler, ema]");
    assertRejected(IndicatorSpec.of("sma", Map.of(), List.of("ema")), "Unknown method 'ema'", "'sma'", "none");
  }

  @Test
  void methodsExpandToOneKernelEachAndDefaultToTheFirst() {
    assertThat(REGISTRY.create(IndicatorSpec.of("rsi")).get(0).names()).containsExactly("rsi_14_wilder");
    assertThat(REGISTRY.create(IndicatorSpec.of("rvol", Map.of("period", 10), List.of("yz", "cc"))))
        .flatExtracting(BarIndicator::names).containsExactly("rvol_10_yz", "rvol_10_cc");
  }

  @Test
  void duplicateColumnsAreRejected() {
    assertThatThrownBy(() -> REGISTRY.newFeatureSet(List.of(IndicatorSpec.of("sma"), IndicatorSpec.of("sma"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sma_20").hasMessageContaining("twice");
  }

  @Test
  void anIndicatorIsOneRegistryLine() {
    FeatureRegistry extended = REGISTRY.with("sma_close", Map.of("period", 3), List.of(),
        (p, m) -> BarIndicator.onClose("sma_close_" + p.period(), new Sma(p.period())));
    assertThat(extended.ids()).endsWith("sma_close");
    assertThat(REGISTRY.ids()).doesNotContain("sma_close");
    assertThat(extended.create(IndicatorSpec.of("sma_close")).get(0).names()).containsExactly("sma_close_3");
    assertThatThrownBy(() -> REGISTRY.with("sma", Map.of(), List.of(), (p, m) -> null))
        .hasMessageContaining("'sma' is already registered");
  }

  @Test
  void specsAreCheckedStructurally() {
    assertThatThrownBy(() -> new IndicatorSpec(" ", null, null)).hasMessageContaining("'indicator'");
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("period", null);
    assertThatThrownBy(() -> new IndicatorSpec("sma", withNull, null)).hasMessageContaining("'params.period'");
    assertThat(new IndicatorSpec("sma", null, null).params()).isEmpty();
    assertThatThrownBy(() -> new FeatureSpec(List.of(IndicatorSpec.of("sma")), List.of("1m", "7m")))
        .hasMessageContaining("Unknown timeframe '7m'");
    assertThatThrownBy(() -> new FeatureSpec(List.of(), List.of("1m"))).hasMessageContaining("'indicators'");
  }
}
