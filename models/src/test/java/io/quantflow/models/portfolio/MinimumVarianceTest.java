package io.quantflow.models.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MinimumVarianceTest {
  private static final MinimumVariance MIN_VAR = new MinimumVariance();

  /** S^-1 1 / (1'S^-1 1), by Gauss-Jordan. */
  private static double[] closedForm(double[][] s) {
    double[] x = Fixtures.times(Fixtures.inverse(s), ones(s.length));
    double total = Fixtures.sum(x);
    for (int i = 0; i < x.length; i++) {
      x[i] /= total;
    }
    return x;
  }

  private static double[] ones(int n) {
    double[] o = new double[n];
    java.util.Arrays.fill(o, 1);
    return o;
  }

  @Test
  void twoAssetsGiveTheTextbookWeights() {
    // w_1 = (s_2^2 - s_12) / (s_1^2 + s_2^2 - 2 s_12) = (0.09 - 0.006) / (0.04 + 0.09 - 0.012) = 0.084 / 0.118
    Covariance s = Covariance.of(new double[][] {{0.04, 0.006}, {0.006, 0.09}});
    PortfolioResult r = MIN_VAR.optimize(PortfolioProblem.of(List.of("X", "Y"), s)
        .withConstraints(Constraints.longShort()));
    assertThat(r.weight("X")).isCloseTo(0.084 / 0.118, within(1e-12));
    assertThat(r.detail("closedForm")).isEqualTo(1.0);
    assertThat(r.expectedReturn()).isNaN();
  }

  @Test
  void theLongOnlyQpEqualsTheClosedFormWhenThatIsLongOnly() {
    Covariance s = Fixtures.threeAssets();
    double[] expected = closedForm(s.matrix());
    for (double w : expected) {
      assertThat(w).isPositive();
    }
    PortfolioProblem p = PortfolioProblem.of(Fixtures.THREE, s);
    PortfolioResult qp = MIN_VAR.optimize(p);
    assertThat(qp.detail("closedForm")).isEqualTo(0.0);
    assertThat(qp.weightArray()).containsExactly(expected, within(1e-6));
    assertThat(MIN_VAR.optimize(p.withConstraints(Constraints.longShort())).weightArray())
        .containsExactly(expected, within(1e-12));
    // a budget of 2 doubles every weight
    assertThat(MIN_VAR.optimize(p.withConstraints(Constraints.longShort().withBudget(2))).weight("A"))
        .isCloseTo(2 * expected[0], within(1e-12));
  }

  @Test
  void aBindingLongOnlyConstraintDropsTheShortedAsset() {
    // C is highly correlated with A and more volatile: the closed form shorts it
    Covariance s = Covariance.fromCorrelation(new double[] {0.15, 0.20, 0.30},
        new double[][] {{1, 0.2, 0.9}, {0.2, 1, 0.3}, {0.9, 0.3, 1}});
    PortfolioProblem p = PortfolioProblem.of(Fixtures.THREE, s);
    double[] free = MIN_VAR.optimize(p.withConstraints(Constraints.longShort())).weightArray();
    assertThat(free[2]).isLessThan(-0.05);
    PortfolioResult r = MIN_VAR.optimize(p);
    assertThat(r.weight("C")).isCloseTo(0, within(1e-9));
    // the rest is the two-asset closed form on A and B: (0.04 - 0.006) / (0.0225 + 0.04 - 0.012)
    assertThat(r.weight("A")).isCloseTo(0.034 / 0.0505, within(1e-6));
    // and adding C back cannot lower the variance: its marginal risk (S w)_C exceeds that of A and B
    double[] sw = Fixtures.times(s.matrix(), r.weightArray());
    assertThat(sw[2]).isGreaterThan(sw[0]);
    assertThat(sw[0]).isCloseTo(sw[1], within(1e-7));
  }

  @Test
  void aSingularCovarianceWithoutBoundsAsksForShrinkage() {
    Covariance singular = Covariance.of(new double[][] {{0.04, 0.04}, {0.04, 0.04}});
    assertThatThrownBy(() -> MIN_VAR.optimize(PortfolioProblem.of(List.of("X", "Y"), singular)
        .withConstraints(Constraints.longShort())))
        .hasMessageContaining("covariance is singular").hasMessageContaining("use LedoitWolf shrinkage");
    assertThatThrownBy(() -> MIN_VAR.optimize(PortfolioProblem.of(Fixtures.FOUR, Fixtures.fourAssets())
        .withConstraints(Constraints.none()))).hasMessageContaining("needs a budget");
  }
}
