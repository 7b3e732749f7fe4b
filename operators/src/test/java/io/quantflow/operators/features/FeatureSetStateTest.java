package io.quantflow.operators.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.domain.Bar;
import io.quantflow.domain.testing.SampleBars;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A {@link FeatureSet} restored from its saved state continues exactly like one that never stopped. */
class FeatureSetStateTest {
  private static final List<Bar> BARS = SampleBars.of("SPY").subList(0, 450);

  @Test
  void restoringMidSeriesGivesIdenticalOutputs() {
    // Restore points during warm-up, just after, mid-session and right before the New York day boundary (bar 390).
    for (int restoreAt : new int[] {3, 27, 200, 389}) {
      FeatureSet whole = FeatureRegistry.standard().newFeatureSet(ReferenceSpecs.SPECS);
      FeatureSet resumed = FeatureRegistry.standard().newFeatureSet(ReferenceSpecs.SPECS);
      for (int t = 0; t < BARS.size(); t++) {
        if (t == restoreAt) {
          double[] state = resumed.save();
          resumed = FeatureRegistry.standard().newFeatureSet(ReferenceSpecs.SPECS);
          resumed.load(state.clone());
        }
        double[] expected = whole.update(BARS.get(t));
        double[] actual = resumed.update(BARS.get(t));
        assertThat(actual).as("restored at %d, bar %d", restoreAt, t).containsExactly(expected);
      }
    }
  }

  @Test
  void restoringEveryBarGivesIdenticalOutputs() {
    FeatureSet whole = FeatureSpec.DEFAULT.newFeatureSet();
    double[] state = FeatureSpec.DEFAULT.newFeatureSet().save();
    for (int t = 0; t < BARS.size(); t++) {
      FeatureSet resumed = FeatureSpec.DEFAULT.newFeatureSet();
      resumed.load(state);
      double[] actual = resumed.update(BARS.get(t));
      state = resumed.save();
      assertThat(actual).as("bar %d", t).containsExactly(whole.update(BARS.get(t)));
    }
  }

  @Test
  void aStateOfAnotherSpecIsRejected() {
    FeatureSet small = FeatureRegistry.standard().newFeatureSet(List.of(IndicatorSpec.of("sma", Map.of("period", 5))));
    FeatureSet large = FeatureRegistry.standard().newFeatureSet(List.of(IndicatorSpec.of("sma")));
    assertThatThrownBy(() -> large.load(small.save()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'state'").hasMessageContaining("sma_20");
  }

  @Test
  void theDefaultSpecCoversEveryIndicatorOnce() {
    FeatureSet set = FeatureSpec.DEFAULT.newFeatureSet();
    assertThat(FeatureSpec.DEFAULT.indicators()).extracting(IndicatorSpec::indicator)
        .containsExactlyInAnyOrderElementsOf(FeatureRegistry.standard().ids());
    assertThat(set.schema().names()).containsExactly("ret_1", "sma_20", "ema_20", "wma_20", "rsi_14_wilder",
        "rsi_14_cutler", "rsi_14_ema", "macd_12_26_9", "macd_signal_12_26_9", "macd_hist_12_26_9", "bb_mid_20_2",
        "bb_upper_20_2", "bb_lower_20_2", "bb_pctb_20_2", "atr_14", "rvol_20_cc", "rvol_20_parkinson", "rvol_20_gk",
        "rvol_20_yz", "roc_10", "slope_20", "zscore_20", "vwap_session", "vwap_dist_session", "volratio_20",
        "spread_bps", "quote_imbalance");
    assertThat(set.warmUp()).isEqualTo(26 + 9 - 1);
    double[] last = null;
    for (int t = 0; t < set.warmUp(); t++) {
      last = set.update(BARS.get(t));
    }
    int quoteFeatures = 2; // spread_bps and quote_imbalance need quotes, which store bars do not have
    assertThat(java.util.Arrays.copyOf(last, last.length - quoteFeatures)).doesNotContain(Double.NaN);
    assertThat(java.util.Arrays.copyOfRange(last, last.length - quoteFeatures, last.length))
        .containsOnly(Double.NaN);
    assertThat(FeatureSpec.DEFAULT.parsedTimeframes()).extracting(tf -> tf.label()).containsExactly("1m", "5m", "15m");
  }
}
