package io.quantflow.models.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TailRiskTest {
  /** Ten returns; sorted: -0.05, -0.03, -0.02, -0.01, 0, 0.01, 0.01, 0.02, 0.03, 0.04. */
  private static final double[] TEN = {-0.05, 0.02, -0.01, 0.03, -0.02, 0.01, 0.00, -0.03, 0.04, 0.01};

  @Test
  void theTailIsTheWorstShareOfThePeriods() {
    // c = 0.95: k = ceil(10 * 0.05) = ceil(0.5) = 1: the single worst return
    TailRisk t95 = TailRisk.of(TEN, 0.95);
    assertThat(t95.tail()).isEqualTo(1);
    assertThat(t95.valueAtRisk()).isCloseTo(0.05, within(1e-15));
    assertThat(t95.conditionalValueAtRisk()).isCloseTo(0.05, within(1e-15));
    // c = 0.8: k = 2; VaR = -r_(2) = 0.03; CVaR = (0.05 + 0.03) / 2 = 0.04
    TailRisk t80 = TailRisk.of(TEN, 0.8);
    assertThat(t80.tail()).isEqualTo(2);
    assertThat(t80.valueAtRisk()).isCloseTo(0.03, within(1e-15));
    assertThat(t80.conditionalValueAtRisk()).isCloseTo(0.04, within(1e-15));
    assertThat(TEN[0]).isEqualTo(-0.05); // the input is not sorted in place
  }

  @Test
  void aHundredReturnsHaveATailOfExactlyFive() {
    // r_i = (i - 50) / 1000 for i = 1..100, in scrambled order; the 5 worst are -0.049 .. -0.045
    double[] r = new double[100];
    for (int i = 1; i <= 100; i++) {
      r[(i * 37) % 100] = (i - 50) / 1000.0;
    }
    TailRisk t = TailRisk.of(r, 0.95);
    assertThat(t.observations()).isEqualTo(100);
    assertThat(t.tail()).isEqualTo(5);
    assertThat(t.valueAtRisk()).isCloseTo(0.045, within(1e-15));
    // (0.049 + 0.048 + 0.047 + 0.046 + 0.045) / 5 = 0.047
    assertThat(t.conditionalValueAtRisk()).isCloseTo(0.047, within(1e-15));
  }

  @Test
  void equityCurvesGiveTheirSimpleReturns() {
    // 100 -> 110 (+10%) -> 99 (-10%) -> 104.5 (+5.56%) -> 120 (+14.83%); c = 0.75: k = ceil(4 * 0.25) = 1
    TailRisk t = TailRisk.ofEquity(new double[] {100, 110, 99, 104.5, 120}, 0.75);
    assertThat(t.tail()).isEqualTo(1);
    assertThat(t.valueAtRisk()).isCloseTo(0.1, within(1e-15));
    // c = 0.5: k = 2: the -10% and the +5.56% periods; CVaR = (0.1 - 5.5 / 99) / 2
    TailRisk half = TailRisk.ofEquity(new double[] {100, 110, 99, 104.5, 120}, 0.5);
    assertThat(half.valueAtRisk()).isCloseTo(-(104.5 / 99 - 1), within(1e-15));
    assertThat(half.conditionalValueAtRisk()).isCloseTo((0.1 - 5.5 / 99) / 2, within(1e-15));
  }

  @Test
  void gainsOnlyGiveANegativeLossAndNoReturnsGiveNaN() {
    TailRisk gains = TailRisk.of(new double[] {0.01, 0.02}, 0.95);
    assertThat(gains.valueAtRisk()).isCloseTo(-0.01, within(1e-15));
    assertThat(TailRisk.of(new double[0], 0.95).valueAtRisk()).isNaN();
    assertThat(TailRisk.ofEquity(new double[] {100}, 0.95).conditionalValueAtRisk()).isNaN();
    assertThatThrownBy(() -> TailRisk.of(TEN, 1.0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'confidence'");
    assertThatThrownBy(() -> TailRisk.of(new double[] {Double.NaN}, 0.95))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'returns[]'");
  }
}
