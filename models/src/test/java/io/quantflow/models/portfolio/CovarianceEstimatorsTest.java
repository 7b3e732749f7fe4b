package io.quantflow.models.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CovarianceEstimatorsTest {

  @Test
  void sampleCovarianceIsUnbiasedAndHandComputed() {
    // a: mean 0.01, deviations (0, -0.02, 0.02); b: mean 0.01, deviations (0.01, -0.01, 0)
    double[][] r = {{0.01, -0.01, 0.03}, {0.02, 0.00, 0.01}};
    Covariance s = SampleCovariance.estimate(r);
    assertThat(s.get(0, 0)).isCloseTo(8e-4 / 2, within(1e-18));
    assertThat(s.get(1, 1)).isCloseTo(2e-4 / 2, within(1e-18));
    assertThat(s.get(0, 1)).isCloseTo(2e-4 / 2, within(1e-18));
  }

  @Test
  void missingValuesAndRaggedPanelsAreRejectedWithWhatToDo() {
    assertThatThrownBy(() -> SampleCovariance.estimate(new double[][] {{0.01, Double.NaN}, {0.0, 0.01}}))
        .hasMessageContaining("returns[0][1] is NaN: drop or fill missing values");
    assertThatThrownBy(() -> SampleCovariance.estimate(new double[][] {{0.01, 0.02}, {0.0}}))
        .hasMessageContaining("align the series on common dates");
  }

  @Test
  void ledoitWolfIdentityMatchesTheObservationWiseFormula() {
    double[][] r = Fixtures.gaussianReturns(4, 30, 7);
    LedoitWolf.Estimate est = LedoitWolf.identity(r);
    // independent: the LW 2004 formulas written per observation, with ||A||^2 = tr(AA')/p
    int p = 4;
    int t = 30;
    double[][] x = new double[p][t];
    for (int i = 0; i < p; i++) {
      double m = Fixtures.sum(r[i]) / t;
      for (int k = 0; k < t; k++) {
        x[i][k] = r[i][k] - m;
      }
    }
    double[][] s = new double[p][p];
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < p; j++) {
        s[i][j] = Fixtures.dot(x[i], x[j]) / t;
      }
    }
    double mu = 0;
    for (int i = 0; i < p; i++) {
      mu += s[i][i] / p;
    }
    double d2 = 0;
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < p; j++) {
        double e = s[i][j] - (i == j ? mu : 0);
        d2 += e * e / p;
      }
    }
    double bbar2 = 0;
    for (int k = 0; k < t; k++) {
      for (int i = 0; i < p; i++) {
        for (int j = 0; j < p; j++) {
          double e = x[i][k] * x[j][k] - s[i][j];
          bbar2 += e * e / p;
        }
      }
    }
    bbar2 /= (double) t * t;
    double delta = Math.min(bbar2, d2) / d2;
    assertThat(est.shrinkage()).isCloseTo(delta, within(1e-12)).isBetween(0.0, 1.0).isPositive();
    assertThat(est.covariance().get(0, 1)).isCloseTo((1 - delta) * s[0][1], within(1e-15));
    assertThat(est.covariance().get(2, 2)).isCloseTo((1 - delta) * s[2][2] + delta * mu, within(1e-15));
    assertThat(est.target()).isEqualTo(LedoitWolf.Target.SCALED_IDENTITY);
  }

  @Test
  void ledoitWolfMakesAWellConditionedMatrixFromFewerPeriodsThanAssets() {
    double[][] r = Fixtures.gaussianReturns(10, 6, 11);
    assertThat(SampleCovariance.estimate(r).isPositiveDefinite()).isFalse();
    LedoitWolf.Estimate identity = LedoitWolf.identity(r);
    LedoitWolf.Estimate constant = LedoitWolf.constantCorrelation(r);
    assertThat(identity.shrinkage()).isBetween(0.0, 1.0);
    assertThat(constant.shrinkage()).isBetween(0.0, 1.0);
    assertThat(identity.covariance().isPositiveDefinite()).isTrue();
    assertThat(identity.covariance().smallestEigenvalue()).isPositive();
    assertThat(constant.covariance().smallestEigenvalue()).isGreaterThan(-1e-15);
  }

  @Test
  void constantCorrelationMatchesThePapersSymmetricFormula() {
    double[][] r = Fixtures.gaussianReturns(5, 120, 3);
    LedoitWolf.Estimate est = LedoitWolf.constantCorrelation(r);
    int n = 5;
    int t = 120;
    double[][] x = new double[n][t];
    for (int i = 0; i < n; i++) {
      double m = Fixtures.sum(r[i]) / t;
      for (int k = 0; k < t; k++) {
        x[i][k] = r[i][k] - m;
      }
    }
    double[][] s = SampleCovariance.estimate(r).matrix();
    double rbar = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          rbar += s[i][j] / Math.sqrt(s[i][i] * s[j][j]) / (n * (n - 1));
        }
      }
    }
    // pi_ij = mean_t (x_i x_j - s_ij)^2; theta_ii,ij = mean_t (x_i^2 - s_ii)(x_i x_j - s_ij)
    double pi = 0;
    double rho = 0;
    double gamma = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double pij = 0;
        double thetaI = 0;
        double thetaJ = 0;
        for (int k = 0; k < t; k++) {
          double c = x[i][k] * x[j][k] - s[i][j];
          pij += c * c / t;
          thetaI += (x[i][k] * x[i][k] - s[i][i]) * c / t;
          thetaJ += (x[j][k] * x[j][k] - s[j][j]) * c / t;
        }
        pi += pij;
        if (i == j) {
          rho += pij;
        } else {
          rho += rbar / 2 * (Math.sqrt(s[j][j] / s[i][i]) * thetaI + Math.sqrt(s[i][i] / s[j][j]) * thetaJ);
          double f = rbar * Math.sqrt(s[i][i] * s[j][j]);
          gamma += (s[i][j] - f) * (s[i][j] - f);
        }
      }
    }
    double delta = Math.max(0, Math.min(1, (pi - rho) / gamma / t));
    assertThat(est.shrinkage()).isCloseTo(delta, within(1e-12)).isGreaterThan(0.0).isLessThan(1.0);
    // the target keeps the sample variances, so the diagonal is unchanged
    assertThat(est.covariance().get(3, 3)).isCloseTo(s[3][3], within(1e-18));
    double f01 = rbar * Math.sqrt(s[0][0] * s[1][1]);
    assertThat(est.covariance().get(0, 1)).isCloseTo(delta * f01 + (1 - delta) * s[0][1], within(1e-16));
    assertThat(est.covariance().smallestEigenvalue()).isPositive();
  }

  @Test
  void ewmaWeightsTwoPeriodsByHand() {
    // lambda = 0.5, T = 2: w = (0.25, 0.5) / 0.75 = (1/3, 2/3)
    EwmaCovariance ewma = new EwmaCovariance(0.5, false);
    assertThat(ewma.weights(2)).containsExactly(new double[] {1.0 / 3, 2.0 / 3}, within(1e-15));
    double[][] r = {{0.02, 0.01}};
    // mean zero: 0.0004 / 3 + 2 * 0.0001 / 3 = 0.0002
    assertThat(ewma.estimate(r).get(0, 0)).isCloseTo(2e-4, within(1e-18));
    // demeaned: m = 0.04 / 3, deviations (0.02 / 3, -0.01 / 3): (4e-4 / 9) / 3 + (1e-4 / 9) 2 / 3 = 6e-4 / 27
    assertThat(new EwmaCovariance(0.5, true).estimate(r).get(0, 0)).isCloseTo(6e-4 / 27, within(1e-18));
  }

  @Test
  void ewmaIsTheRiskMetricsRecursionRescaled() {
    double[][] r = Fixtures.gaussianReturns(3, 50, 5);
    EwmaCovariance ewma = EwmaCovariance.riskMetrics();
    double[][] rec = new double[3][3];
    for (int t = 0; t < 50; t++) {
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          rec[i][j] = 0.94 * rec[i][j] + 0.06 * r[i][t] * r[j][t];
        }
      }
    }
    double norm = 1 - Math.pow(0.94, 50);
    Covariance s = ewma.estimate(r);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertThat(s.get(i, j)).isCloseTo(rec[i][j] / norm, within(1e-17));
      }
    }
    EwmaCovariance half = EwmaCovariance.ofHalfLife(10, false);
    assertThat(Math.pow(half.decay(), 10)).isCloseTo(0.5, within(1e-15));
    assertThat(half.halfLife()).isCloseTo(10, within(1e-12));
    assertThatThrownBy(() -> new EwmaCovariance(1.0, false)).hasMessageContaining("'decay' must be in (0, 1)");
  }
}
