package io.quantflow.models.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import smile.math.special.Erf;

class KupiecTestTest {
  /** The likelihood ratio written out independently: -2 ln[(1-p)^(T-x) p^x] + 2 ln[(1-x/T)^(T-x) (x/T)^x]. */
  private static double lr(int t, int x, double p) {
    double q = (double) x / t;
    return -2 * ((t - x) * Math.log(1 - p) + x * Math.log(p)) + 2 * ((t - x) * Math.log(1 - q) + x * Math.log(q));
  }

  @Test
  void eightExceptionsInTwoHundredFiftyDaysAtNinetyNinePercent() {
    // LR = 7.7335507244945 (mpmath), p-value = erfc(sqrt(LR / 2)) = 0.0054204051941278
    KupiecTest k = KupiecTest.of(250, 8, 0.99);
    assertThat(k.likelihoodRatio()).isCloseTo(lr(250, 8, 0.01), within(1e-12))
        .isCloseTo(7.7335507244945, within(1e-12));
    assertThat(k.pValue()).isCloseTo(Erf.erfc(Math.sqrt(k.likelihoodRatio() / 2)), within(1e-9))
        .isCloseTo(0.0054204051941278, within(1e-15));
    assertThat(k.expectedRate()).isCloseTo(0.01, within(1e-16));
    assertThat(k.observedRate()).isEqualTo(0.032);
    assertThat(k.rejects(0.05)).isTrue();
    assertThat(k.rejects(0.001)).isFalse();
    assertThat(k.zone()).isEqualTo(BaselZone.YELLOW);
  }

  @Test
  void noExceptionsAllExceptionsAndTheExpectedCount() {
    // x = 0: LR = -2 T ln(1 - p) = 5.0251679267507 (mpmath), p-value 0.0249815030534498
    KupiecTest none = KupiecTest.of(250, 0, 0.99);
    assertThat(none.likelihoodRatio()).isCloseTo(-500 * Math.log(0.99), within(1e-12))
        .isCloseTo(5.0251679267507, within(1e-12));
    assertThat(none.pValue()).isCloseTo(0.0249815030534498, within(1e-14));
    // x = T: LR = -2 T ln p
    assertThat(KupiecTest.of(250, 250, 0.99).likelihoodRatio()).isCloseTo(-500 * Math.log(0.01), within(1e-9));
    assertThat(KupiecTest.of(250, 250, 0.99).pValue()).isZero();
    // x / T = p: LR = 0, p-value 1
    KupiecTest exact = KupiecTest.of(200, 2, 0.99);
    assertThat(exact.likelihoodRatio()).isCloseTo(0, within(1e-12));
    assertThat(exact.pValue()).isCloseTo(1, within(1e-6));
    // 3 exceptions at 99 percent over 250 days: LR = lr(250, 3, 0.01)
    assertThat(KupiecTest.of(250, 3, 0.99).likelihoodRatio()).isCloseTo(lr(250, 3, 0.01), within(1e-12));
  }

  @Test
  void countsOutOfRangeAreRejected() {
    assertThatThrownBy(() -> KupiecTest.of(250, 251, 0.99)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Argument 'exceptions' must be in [0, observations = 250] but was 251");
    assertThatThrownBy(() -> KupiecTest.of(250, 3, 1.0)).hasMessageContaining("'confidence'");
    assertThatThrownBy(() -> KupiecTest.of(0, 0, 0.99)).hasMessageContaining("'observations'");
  }
}
