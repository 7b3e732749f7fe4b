package io.quantflow.models.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Reference values are the usual table values, printed to 16-17 digits by a 30-digit mpmath evaluation of
 * {@code ncdf} and {@code sqrt(2) erfinv(2p - 1)}.
 */
class StandardNormalTest {
  private static final double TIGHT = 1e-15;

  @Test
  void cdfMatchesReferenceValues() {
    assertThat(StandardNormal.cdf(1.96)).isCloseTo(0.9750021048517795, within(TIGHT));
    assertThat(StandardNormal.cdf(0)).isEqualTo(0.5);
    assertThat(StandardNormal.cdf(-1)).isCloseTo(0.15865525393145705, within(TIGHT));
    assertThat(StandardNormal.cdf(0.5)).isCloseTo(0.6914624612740131, within(TIGHT));
    assertThat(StandardNormal.cdf(3)).isCloseTo(0.9986501019683699, within(TIGHT));
    // either side of the switch from the series to the continued fraction at |x| = 2.5
    assertThat(StandardNormal.cdf(2.5)).isCloseTo(0.9937903346742239, within(TIGHT));
    assertThat(StandardNormal.cdf(-2.5)).isCloseTo(0.006209665325776135, within(TIGHT));
    assertThat(StandardNormal.cdf(Math.nextDown(2.5))).isCloseTo(0.9937903346742239, within(1e-14));
  }

  @Test
  void lowerTailKeepsRelativeAccuracy() {
    assertThat(StandardNormal.cdf(-5) / 2.8665157187919391e-7).isCloseTo(1, within(1e-13));
    assertThat(StandardNormal.cdf(-7.5) / 3.1908916729108962e-14).isCloseTo(1, within(1e-13));
    assertThat(StandardNormal.cdf(-10) / 7.619853024160526e-24).isCloseTo(1, within(1e-13));
    assertThat(StandardNormal.cdf(Double.NEGATIVE_INFINITY)).isZero();
    assertThat(StandardNormal.cdf(Double.POSITIVE_INFINITY)).isEqualTo(1);
    assertThat(StandardNormal.cdf(Double.NaN)).isNaN();
  }

  @Test
  void cdfAgreesWithSimpsonIntegrationOfTheDensity() {
    for (double x = -6; x <= 6; x += 0.37) {
      assertThat(StandardNormal.cdf(x)).as("Phi(%s)", x).isCloseTo(simpsonCdf(x), within(1e-13));
    }
  }

  @Test
  void densityIsTheGaussianBell() {
    assertThat(StandardNormal.density(0)).isCloseTo(1 / Math.sqrt(2 * Math.PI), within(TIGHT));
    assertThat(StandardNormal.density(-1.5)).isCloseTo(Math.exp(-1.125) / Math.sqrt(2 * Math.PI), within(TIGHT));
    assertThat(StandardNormal.density(Double.POSITIVE_INFINITY)).isZero();
    assertThat(StandardNormal.density(Double.NaN)).isNaN();
  }

  @Test
  void inverseMatchesReferenceValues() {
    // the inverse inherits Phi's absolute error divided by the density: 1e-16 / phi(1.96) = 2e-15
    assertThat(StandardNormal.inverseCdf(0.975)).isCloseTo(1.959963984540054, within(1e-14));
    assertThat(StandardNormal.inverseCdf(0.99)).isCloseTo(2.3263478740408408, within(1e-14));
    assertThat(StandardNormal.inverseCdf(0.5)).isZero();
    assertThat(StandardNormal.inverseCdf(0.3)).isCloseTo(-0.5244005127080408, within(1e-14));
    // 0.02425 is where Acklam's central and tail approximations meet
    assertThat(StandardNormal.inverseCdf(0.02425)).isCloseTo(-1.9729610513118848, within(1e-14));
    assertThat(StandardNormal.inverseCdf(0.9999)).isCloseTo(3.7190164854557084, within(1e-13));
    assertThat(StandardNormal.inverseCdf(1e-10)).isCloseTo(-6.361340902404056, within(1e-14));
    assertThat(StandardNormal.inverseCdf(0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(StandardNormal.inverseCdf(1)).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void inverseUndoesTheCdf() {
    for (double p : new double[] {1e-300, 1e-50, 1e-12, 1e-4, 0.01, 0.1, 0.25, 0.5, 0.6, 0.9, 0.999}) {
      double x = StandardNormal.inverseCdf(p);
      assertThat(StandardNormal.cdf(x) / p).as("Phi(PhiInv(%s))", p).isCloseTo(1, within(1e-13));
    }
  }

  @Test
  void inverseIsOddAboutOneHalf() {
    for (double p : new double[] {1e-4, 0.01, 0.1, 0.25, 0.4}) {
      assertThat(StandardNormal.inverseCdf(1 - p)).as("p = %s", p)
          .isCloseTo(-StandardNormal.inverseCdf(p), within(1e-12));
    }
  }

  @Test
  void inverseRejectsNonProbabilities() {
    assertThatThrownBy(() -> StandardNormal.inverseCdf(1.5)).hasMessageContaining("'p'");
    assertThatThrownBy(() -> StandardNormal.inverseCdf(Double.NaN)).hasMessageContaining("'p'");
  }

  /** {@code 1/2 + integral_0^x exp(-t^2/2) / sqrt(2 pi) dt} by composite Simpson with 4000 panels. */
  private static double simpsonCdf(double x) {
    int panels = 4000;
    double h = x / panels;
    double sum = f(0) + f(x);
    for (int i = 1; i < panels; i++) {
      sum += (i % 2 == 1 ? 4 : 2) * f(i * h);
    }
    return 0.5 + sum * h / 3;
  }

  private static double f(double t) {
    return Math.exp(-t * t / 2) / Math.sqrt(2 * Math.PI);
  }
}
