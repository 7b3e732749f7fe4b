package io.quantflow.models.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MaximumDiversificationTest {
  private static final MaximumDiversification MDP = new MaximumDiversification();

  @Test
  void uncorrelatedAssetsGetWeightsProportionalToInverseVolatility() {
    double[] sigma = {0.1, 0.2, 0.25, 0.4};
    double[][] corr = new double[4][4];
    for (int i = 0; i < 4; i++) {
      corr[i][i] = 1;
    }
    PortfolioResult r = MDP.optimize(PortfolioProblem.of(Fixtures.FOUR, Covariance.fromCorrelation(sigma, corr)));
    double inv = 1 / 0.1 + 1 / 0.2 + 1 / 0.25 + 1 / 0.4;
    for (int i = 0; i < 4; i++) {
      assertThat(r.weightArray()[i]).isCloseTo(1 / sigma[i] / inv, within(1e-7));
    }
    // with w ~ 1/sigma: D = n / sqrt(n) = 2
    assertThat(r.detail("diversificationRatio")).isCloseTo(2, within(1e-7));
  }

  @Test
  void theRatioBeatsEqualWeightsAndAThousandRandomPortfolios() {
    Covariance s = Fixtures.fourAssets();
    PortfolioResult r = MDP.optimize(PortfolioProblem.of(Fixtures.FOUR, s));
    double best = r.detail("diversificationRatio");
    assertThat(best).isCloseTo(MaximumDiversification.diversificationRatio(s, r.weightArray()), within(1e-15));
    assertThat(best).isGreaterThan(MaximumDiversification.diversificationRatio(s, new double[] {0.25, 0.25, 0.25,
        0.25}));
    SplittableRandom rnd = new SplittableRandom(42);
    for (int k = 0; k < 1000; k++) {
      double[] w = new double[4];
      for (int i = 0; i < 4; i++) {
        w[i] = -Math.log(1 - rnd.nextDouble()); // Dirichlet(1) after normalising
      }
      assertThat(best).isGreaterThanOrEqualTo(MaximumDiversification.diversificationRatio(s, w) - 1e-12);
    }
    for (double w : r.weightArray()) {
      assertThat(w).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void weightBoundsAndSectorCapsAreHonoured() {
    Covariance s = Fixtures.fourAssets();
    PortfolioResult free = MDP.optimize(PortfolioProblem.of(Fixtures.FOUR, s));
    double top = 0;
    for (double w : free.weightArray()) {
      top = Math.max(top, w);
    }
    double cap = top - 0.05;
    PortfolioResult bounded = MDP.optimize(PortfolioProblem.of(Fixtures.FOUR, s)
        .withConstraints(Constraints.defaults().withBounds(0, cap)));
    for (double w : bounded.weightArray()) {
      assertThat(w).isLessThanOrEqualTo(cap + 1e-9);
    }
    assertThat(java.util.Arrays.stream(bounded.weightArray()).max().orElseThrow()).isCloseTo(cap, within(1e-7));
    assertThat(bounded.detail("diversificationRatio")).isLessThanOrEqualTo(free.detail("diversificationRatio"));
    assertThat(bounded.netExposure()).isCloseTo(1, within(1e-12));
    assertThatThrownBy(() -> MDP.optimize(PortfolioProblem.of(Fixtures.FOUR, s)
        .withConstraints(Constraints.longShort()))).hasMessageContaining("maximum-diversification is long-only");
  }
}
