package io.quantflow.models.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FactorCovarianceTest {

  @Test
  void theCovarianceIsBFBPlusDByHand() {
    double[][] b = {{1.2, 0.5, 0}, {0.8, 0, 0.3}};
    double[][] f = {{4e-4, 1e-5, 0}, {1e-5, 1e-4, 0}, {0, 0, 9e-5}};
    FactorCovariance.Model m = FactorCovariance.of(List.of("market", "tech", "energy"), b, f,
        new double[] {1e-4, 2e-4});
    // S_11 = 1.44 * 4e-4 + 2 * 1.2 * 0.5 * 1e-5 + 0.25 * 1e-4 + 1e-4 = 7.13e-4
    assertThat(m.covariance().get(0, 0)).isCloseTo(7.13e-4, within(1e-18));
    // S_12 = 1.2 * 0.8 * 4e-4 + 0.5 * 0.8 * 1e-5 = 3.88e-4
    assertThat(m.covariance().get(0, 1)).isCloseTo(3.88e-4, within(1e-18));
    // S_22 = 0.64 * 4e-4 + 0.09 * 9e-5 + 2e-4 = 4.641e-4
    assertThat(m.covariance().get(1, 1)).isCloseTo(4.641e-4, within(1e-18));
  }

  @Test
  void theEstimateKeepsEverySampleVarianceExactly() {
    double[][] r = Fixtures.gaussianReturns(6, 80, 21);
    List<String> sectors = List.of("tech", "tech", "energy", "energy", "energy", "utilities");
    FactorCovariance.Model m = FactorCovariance.estimate(r, sectors);
    Covariance sample = SampleCovariance.estimate(r);
    for (int i = 0; i < 6; i++) {
      assertThat(m.covariance().get(i, i)).isCloseTo(sample.get(i, i), within(1e-15));
    }
    assertThat(m.factors()).containsExactly("market", "tech", "energy", "utilities");
    // each asset loads on the market and its own sector only
    double[][] b = m.loadings();
    assertThat(b[0][2]).isZero();
    assertThat(b[0][3]).isZero();
    assertThat(b[2][1]).isZero();
    // a sector of one asset: r = m + (r - m) exactly, so betas (1, 1) and no specific variance
    assertThat(b[5][0]).isCloseTo(1, within(1e-9));
    assertThat(b[5][3]).isCloseTo(1, within(1e-9));
    assertThat(m.specificVariances()[5]).isCloseTo(0, within(1e-15));
  }

  @Test
  void dataFromAKnownFactorModelGivesBackItsCovariance() {
    // true model: r_i = b_i M + c_i S_k(i) + e_i with sd(M) = 1%, sd(S_k) = 0.6%, sd(e) = 0.3%; 3 sectors x 8
    int n = 24;
    int t = 4000;
    SplittableRandom rnd = new SplittableRandom(2024);
    double[] beta = new double[n];
    double[] gamma = new double[n];
    List<String> sectors = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      beta[i] = 0.7 + 0.05 * (i % 8);
      gamma[i] = 0.6 + 0.1 * (i % 5);
      sectors.add("s" + i / 8);
    }
    double[][] r = new double[n][t];
    double[] market = new double[t];
    for (int k = 0; k < t; k++) {
      market[k] = 0.01 * Fixtures.gaussian(rnd);
      double[] s = {0.006 * Fixtures.gaussian(rnd), 0.006 * Fixtures.gaussian(rnd), 0.006 * Fixtures.gaussian(rnd)};
      for (int i = 0; i < n; i++) {
        r[i][k] = beta[i] * market[k] + gamma[i] * s[i / 8] + 0.003 * Fixtures.gaussian(rnd);
      }
    }
    double[][] truth = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        truth[i][j] = beta[i] * beta[j] * 1e-4 + (i / 8 == j / 8 ? gamma[i] * gamma[j] * 3.6e-5 : 0)
            + (i == j ? 9e-6 : 0);
      }
    }
    Covariance model = FactorCovariance.estimate(r, sectors, market).covariance();
    Covariance sample = SampleCovariance.estimate(r);
    // errors in correlation units; the sample covariance's error is the sampling error of this T
    double modelError = 0;
    double sampleError = 0;
    double modelOffDiagonal = 0;
    double sampleOffDiagonal = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double scale = Math.sqrt(truth[i][i] * truth[j][j]);
        double em = Math.abs(model.get(i, j) - truth[i][j]) / scale;
        double es = Math.abs(sample.get(i, j) - truth[i][j]) / scale;
        modelError = Math.max(modelError, em);
        sampleError = Math.max(sampleError, es);
        if (i != j) {
          modelOffDiagonal = Math.max(modelOffDiagonal, em);
          sampleOffDiagonal = Math.max(sampleOffDiagonal, es);
        }
      }
    }
    // the variances are the sample's; the factor structure makes the covariances no worse than the sample's
    assertThat(modelError).isLessThanOrEqualTo(sampleError * 1.05).isLessThan(0.04);
    assertThat(modelOffDiagonal).isLessThan(sampleOffDiagonal).isLessThan(0.03);
  }

  @Test
  void mismatchedSectorsAreRejected() {
    double[][] r = Fixtures.gaussianReturns(3, 20, 1);
    assertThatThrownBy(() -> FactorCovariance.estimate(r, List.of("a", "b")))
        .hasMessageContaining("must name the sector of each of the 3 assets but has 2");
  }
}
