package io.quantflow.models.risk.hedge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HedgeTest {
  private static final double TOL = 1e-12;

  @Test
  void betaIsCovarianceOverVariance() {
    // index (0.01, -0.02, 0.03, 0.00): mean 0.005, deviations (0.005, -0.025, 0.025, -0.005), sum sq = 0.0013
    // asset (0.02, -0.01, 0.05, -0.02): mean 0.01, deviations (0.01, -0.02, 0.04, -0.03)
    // cross = 0.00005 + 0.0005 + 0.001 + 0.00015 = 0.0017; beta = 0.0017 / 0.0013 = 17 / 13
    double beta = Beta.estimate(new double[] {0.02, -0.01, 0.05, -0.02}, new double[] {0.01, -0.02, 0.03, 0.00});
    assertThat(beta).isCloseTo(17.0 / 13, within(TOL));
  }

  @Test
  void betaOfAConstantIndexIsRefused() {
    assertThatThrownBy(() -> Beta.estimate(new double[] {0.01, 0.02}, new double[] {0.01, 0.01}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero variance");
    assertThatThrownBy(() -> Beta.estimate(new double[] {0.01, 0.02}, new double[] {0.01}))
        .hasMessageContaining("same length");
  }

  @Test
  void betaHedgeSellsTheBetaExposureAndRoundsSharesTowardZero() {
    // B = 100000 * 1.2 - 50000 * 0.8 + 30000 * 1.5 = 120000 - 40000 + 45000 = 125000; H = -125000
    Map<String, Double> values = Map.of("AAA", 100_000.0, "BBB", -50_000.0, "CCC", 30_000.0);
    Map<String, Double> betas = Map.of("AAA", 1.2, "BBB", 0.8, "CCC", 1.5);
    assertThat(BetaHedge.hedgeNotional(values, betas)).isCloseTo(-125_000, within(1e-9));
    // at 430 USD a share: -125000 / 430 = -290.70 -> -290 shares (toward zero), residual 125000 - 124700 = 300
    BetaHedge hedge = BetaHedge.of(values, betas, 430);
    assertThat(hedge.betaExposureUsd()).isCloseTo(125_000, within(1e-9));
    assertThat(hedge.hedgeShares()).isEqualTo(-290);
    assertThat(hedge.residualBetaExposureUsd()).isCloseTo(300, within(1e-9));
    // a net-short beta book buys the index: H = +40000 -> 93 shares at 430 (93.02)
    BetaHedge shortBook = BetaHedge.of(Map.of("BBB", -50_000.0), betas, 430);
    assertThat(shortBook.hedgeNotionalUsd()).isCloseTo(40_000, within(1e-9));
    assertThat(shortBook.hedgeShares()).isEqualTo(93);
  }

  @Test
  void betaHedgeNeedsEveryBeta() {
    assertThatThrownBy(() -> BetaHedge.hedgeNotional(Map.of("AAA", 1.0, "ZZZ", 2.0), Map.of("AAA", 1.0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ZZZ has no beta");
  }

  @Test
  void oneHedgeRatioIsCovarianceOverVariance() {
    double[] rp = {0.02, -0.01, 0.05, -0.02};
    double[] rh = {0.01, -0.02, 0.03, 0.00};
    MinimumVarianceHedge fit = MinimumVarianceHedge.fit(rp, rh);
    // the same data as betaIsCovarianceOverVariance: h = 17 / 13
    assertThat(fit.ratios()[0]).isCloseTo(17.0 / 13, within(TOL));
    assertThat(fit.ratios()[0]).isCloseTo(Beta.estimate(rp, rh), within(TOL));
    // unhedged: deviations (0.01, -0.02, 0.04, -0.03): sum sq 0.003, / 3 = 0.001
    // hedged = Var(r_p) - h cov = (0.003 - 0.0017^2 / 0.0013) / 3
    assertThat(fit.unhedgedVariance()).isCloseTo(0.001, within(TOL));
    assertThat(fit.hedgedVariance()).isCloseTo((0.003 - 0.0017 * 0.0017 / 0.0013) / 3, within(TOL));
    assertThat(fit.varianceReduction()).isCloseTo(0.0017 * 0.0017 / 0.0013 / 0.003, within(TOL));
  }

  @Test
  void seededNoisyPortfolioRecoversItsHedgeRatio() {
    // r_p = 0.7 r_h + e, sd(r_h) = 1%, sd(e) = 0.5%: the standard error of h is about 0.005 / (0.01 sqrt(5000))
    // = 0.007, so 0.7 +- 0.03 is over 4 standard errors. R^2 = 0.49e-4 / (0.49e-4 + 0.25e-4) = 0.66
    SplittableRandom random = new SplittableRandom(20240607);
    int n = 5000;
    double[] rh = new double[n];
    double[] rp = new double[n];
    for (int t = 0; t < n; t++) {
      rh[t] = 0.01 * gaussian(random);
      rp[t] = 0.7 * rh[t] + 0.005 * gaussian(random);
    }
    MinimumVarianceHedge fit = MinimumVarianceHedge.fit(rp, rh);
    assertThat(fit.ratios()[0]).isCloseTo(0.7, within(0.03));
    assertThat(fit.varianceReduction()).isCloseTo(0.49 / 0.74, within(0.03));
    assertThat(fit.hedgedVariance()).isCloseTo(0.005 * 0.005, within(0.1 * 0.005 * 0.005));
  }

  @Test
  void twoHedgesSplitAPortfolioIntoItsParts() {
    // r_1, r_2 and e are centred and mutually orthogonal, so Cov(H) is diagonal (4/3 * 1e-4 each) and
    // r_p = 0.3 r_1 - 0.2 r_2 + 0.1 e gives h = (0.3, -0.2) with residual 0.1 e:
    // Var(r_p) = (0.09 + 0.04 + 0.01) * 4e-4 / 3, hedged = 0.01 * 4e-4 / 3, reduction = 0.13 / 0.14
    double[] r1 = {0.01, -0.01, 0.01, -0.01};
    double[] r2 = {0.01, 0.01, -0.01, -0.01};
    double[] e = {0.01, -0.01, -0.01, 0.01};
    double[] rp = new double[4];
    for (int t = 0; t < 4; t++) {
      rp[t] = 0.3 * r1[t] - 0.2 * r2[t] + 0.1 * e[t];
    }
    MinimumVarianceHedge fit = MinimumVarianceHedge.fit(rp, new double[][] {r1, r2});
    assertThat(fit.ratios()[0]).isCloseTo(0.3, within(TOL));
    assertThat(fit.ratios()[1]).isCloseTo(-0.2, within(TOL));
    assertThat(fit.unhedgedVariance()).isCloseTo(0.14 * 4e-4 / 3, within(TOL));
    assertThat(fit.hedgedVariance()).isCloseTo(0.01 * 4e-4 / 3, within(TOL));
    assertThat(fit.varianceReduction()).isCloseTo(0.13 / 0.14, within(TOL));
  }

  @Test
  void correlatedHedgesMatchTheNormalEquationsSolvedByHand() {
    // r_1 = (2, 0, -2, 0)%, r_2 = (1, 1, -1, -1)%: Cov(H) * 3 / 1e-4 = [[8, 4], [4, 4]];
    // r_p = (3, -1, -1, -1)% (mean 0): Cov(H, r_p) * 3 / 1e-4 = (8, 4); [[8, 4], [4, 4]] h = (8, 4) gives
    // h = (1, 0); residual r_p - r_1 = (1, -1, 1, -1)%, variance 4e-4 / 3
    double[] r1 = {0.02, 0.0, -0.02, 0.0};
    double[] r2 = {0.01, 0.01, -0.01, -0.01};
    double[] rp = {0.03, -0.01, -0.01, -0.01};
    MinimumVarianceHedge fit = MinimumVarianceHedge.fit(rp, new double[][] {r1, r2});
    assertThat(fit.ratios()[0]).isCloseTo(1.0, within(TOL));
    assertThat(fit.ratios()[1]).isCloseTo(0.0, within(TOL));
    assertThat(fit.hedgedVariance()).isCloseTo(4e-4 / 3, within(TOL));
  }

  @Test
  void collinearHedgesAreRefused() {
    double[] r1 = {0.01, -0.02, 0.03, 0.00};
    double[] r2 = {0.02, -0.04, 0.06, 0.00};
    assertThatThrownBy(() -> MinimumVarianceHedge.fit(new double[] {0.01, 0.0, 0.02, -0.01},
        new double[][] {r1, r2})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("collinear");
  }

  /** Box-Muller, so the test depends on nothing but the seed. */
  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
