package io.quantflow.models.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CovarianceTest {
  /** Volatilities 20% and 30%, correlation 0.1. */
  private static final double[][] TWO = {{0.04, 0.006}, {0.006, 0.09}};

  @Test
  void portfolioVarianceAndRiskContributionsAreHandComputed() {
    Covariance s = Covariance.of(TWO);
    double[] w = {0.6, 0.4};
    // S w = (0.024 + 0.0024, 0.0036 + 0.036) = (0.0264, 0.0396); w'Sw = 0.01584 + 0.01584 = 0.03168
    assertThat(s.variance(w)).isCloseTo(0.03168, within(1e-15));
    double vol = Math.sqrt(0.03168);
    assertThat(s.volatility(w)).isCloseTo(vol, within(1e-15));
    // both assets contribute 0.01584 / vol: this is already a risk-parity portfolio
    assertThat(s.riskContributions(w)).containsExactly(new double[] {0.01584 / vol, 0.01584 / vol},
        within(1e-15));
    assertThat(s.correlation()[0][1]).isCloseTo(0.1, within(1e-15));
    assertThat(s.volatilities()).containsExactly(new double[] {0.2, 0.3}, within(1e-15));
    assertThat(s.scaled(252).get(0, 1)).isCloseTo(0.006 * 252, within(1e-15));
  }

  @Test
  void riskContributionsSumToTheVolatility() {
    Covariance s = Fixtures.fourAssets();
    double[] w = {0.5, -0.2, 0.4, 0.3};
    assertThat(Fixtures.sum(s.riskContributions(w))).isCloseTo(s.volatility(w), within(1e-15));
  }

  @Test
  void aNonPsdMatrixIsRejectedWithItsSmallestEigenvalueAndAFix() {
    // eigenvalues of [[1, 2], [2, 1]] are 3 and -1
    assertThatThrownBy(() -> Covariance.of(new double[][] {{1, 2}, {2, 1}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not positive semi-definite (smallest eigenvalue -1.00000")
        .hasMessageContaining("use LedoitWolf shrinkage or check the returns for missing values");
  }

  @Test
  void aSingularPsdMatrixIsAcceptedButNotPositiveDefinite() {
    // v v' with v = (0.1, 0.2, -0.3): rank one, eigenvalues 0.14, 0, 0
    double[] v = {0.1, 0.2, -0.3};
    double[][] m = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        m[i][j] = v[i] * v[j];
      }
    }
    Covariance s = Covariance.of(m);
    assertThat(s.isPositiveDefinite()).isFalse();
    assertThat(s.smallestEigenvalue()).isCloseTo(0, within(1e-15));
    assertThat(Fixtures.fourAssets().isPositiveDefinite()).isTrue();
  }

  @Test
  void asymmetricRaggedAndNanMatricesAreRejectedWithWhatToDo() {
    assertThatThrownBy(() -> Covariance.of(new double[][] {{0.04, 0.006}, {0.007, 0.09}}))
        .hasMessageContaining("not symmetric").hasMessageContaining("(S + S') / 2");
    assertThatThrownBy(() -> Covariance.of(new double[][] {{0.04, Double.NaN}, {Double.NaN, 0.09}}))
        .hasMessageContaining("check the returns for missing values");
    assertThatThrownBy(() -> Covariance.of(new double[][] {{0.04, 0.0}, {0.0}}))
        .hasMessageContaining("must be square");
    assertThatThrownBy(() -> Covariance.of(TWO).variance(new double[] {1}))
        .hasMessageContaining("must have 2 entries (one per asset)");
  }

  @Test
  void equalityIsByValueAndTheMatrixIsCopied() {
    Covariance a = Covariance.of(TWO);
    double[][] m = a.matrix();
    m[0][0] = 99;
    assertThat(a.get(0, 0)).isEqualTo(0.04);
    assertThat(a).isEqualTo(Covariance.of(TWO)).hasSameHashCodeAs(Covariance.of(TWO));
  }
}
