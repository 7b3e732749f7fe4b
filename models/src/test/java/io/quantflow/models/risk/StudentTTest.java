package io.quantflow.models.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StudentTTest {
  @Test
  void quantilesMatchTheKnownConstants() {
    // t_5^-1(0.99) = 3.364929999, t_5^-1(0.95) = 2.015048373; more digits from mpmath root-finding on the closed
    // form: 3.3649299989072178, 2.0150483733330235; nu = 3, c = 0.999: 10.214531852407383
    assertThat(StudentT.inverseCdf(0.99, 5)).isCloseTo(3.364929999, within(1e-9))
        .isCloseTo(3.3649299989072178, within(1e-13));
    assertThat(StudentT.inverseCdf(0.95, 5)).isCloseTo(2.015048373, within(1e-9))
        .isCloseTo(2.0150483733330235, within(1e-13));
    assertThat(StudentT.inverseCdf(0.999, 3)).isCloseTo(10.214531852407383, within(1e-11));
    assertThat(StudentT.inverseCdf(0.01, 5)).isCloseTo(-3.3649299989072178, within(1e-13));
    assertThat(StudentT.inverseCdf(0.5, 7)).isZero();
    assertThat(StudentT.inverseCdf(1, 7)).isInfinite();
  }

  @Test
  void distributionFunctionsAgreeWithTheElementaryCases() {
    for (double t : new double[] {-7.5, -1.2, 0, 0.3, 2.0, 40}) {
      // nu = 1 (Cauchy): 1/2 + atan(t) / pi, density 1 / (pi (1 + t^2))
      assertThat(StudentT.cdf(t, 1)).isCloseTo(0.5 + Math.atan(t) / Math.PI, within(1e-15));
      assertThat(StudentT.density(t, 1)).isCloseTo(1 / (Math.PI * (1 + t * t)), within(1e-15));
      // nu = 2: 1/2 + t / (2 sqrt(2 + t^2)), density (2 + t^2)^(-3/2)
      assertThat(StudentT.cdf(t, 2)).isCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), within(1e-15));
      assertThat(StudentT.density(t, 2)).isCloseTo(Math.pow(2 + t * t, -1.5), within(1e-15));
      assertThat(StudentT.cdf(t, 6) + StudentT.cdf(-t, 6)).isCloseTo(1, within(1e-15));
    }
    // nu = 5 at the 99 percent quantile: density 0.010910975291951026 (mpmath)
    assertThat(StudentT.density(3.3649299989072178, 5)).isCloseTo(0.010910975291951026, within(1e-16));
    assertThat(StudentT.cdf(3.3649299989072178, 5)).isCloseTo(0.99, within(1e-15));
    assertThatThrownBy(() -> StudentT.cdf(1, 0)).hasMessage("Argument 'nu' must be positive but was 0");
    assertThatThrownBy(() -> StudentT.inverseCdf(1.2, 5)).hasMessageContaining("'p'");
  }
}
