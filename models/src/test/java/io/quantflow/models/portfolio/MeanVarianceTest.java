package io.quantflow.models.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class MeanVarianceTest {
  private static final double GAMMA = 3;
  private static final double[] MU4 = {0.08, 0.10, 0.06, 0.12};
  private static final MeanVariance MV = new MeanVariance(GAMMA);

  private static PortfolioProblem four(Constraints c) {
    return PortfolioProblem.of(Fixtures.FOUR, Fixtures.fourAssets()).withExpectedReturns(MU4).withConstraints(c);
  }

  /** Lagrangian closed form: w = (1/gamma) S^-1 (mu - eta 1), eta = (1'S^-1 mu - gamma b) / (1'S^-1 1). */
  private static double[] closedForm(double[][] s, double[] mu, double gamma, double budget) {
    double[][] inv = Fixtures.inverse(s);
    double[] a = Fixtures.times(inv, mu);
    double[] o = Fixtures.times(inv, new double[] {1, 1, 1, 1});
    double eta = (Fixtures.sum(a) - gamma * budget) / Fixtures.sum(o);
    double[] w = new double[mu.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = (a[i] - eta * o[i]) / gamma;
    }
    return w;
  }

  @Test
  void withOnlyTheBudgetTheWeightsAreTheLagrangianClosedForm() {
    double[] expected = closedForm(Fixtures.fourAssets().matrix(), MU4, GAMMA, 1.0);
    PortfolioResult r = MV.optimize(four(Constraints.longShort()));
    assertThat(r.weightArray()).containsExactly(expected, within(1e-6));
    assertThat(r.netExposure()).isCloseTo(1, within(1e-9));
    assertThat(r.expectedReturn()).isCloseTo(Fixtures.dot(MU4, expected), within(1e-8));
    assertThat(r.detail("riskAversion")).isEqualTo(GAMMA);
    // the same problem in daily units (S / 252, mu / 252) has the same optimum
    double[] daily = MU4.clone();
    for (int i = 0; i < 4; i++) {
      daily[i] /= 252;
    }
    PortfolioProblem d = PortfolioProblem.of(Fixtures.FOUR, Fixtures.fourAssets().scaled(1.0 / 252))
        .withExpectedReturns(daily).withConstraints(Constraints.longShort());
    assertThat(MV.optimize(d).weightArray()).containsExactly(expected, within(1e-6));
  }

  @Test
  void withoutABudgetTheOptimumIsSInverseMuOverGamma() {
    double[] expected = Fixtures.times(Fixtures.inverse(Fixtures.fourAssets().matrix()), MU4);
    for (int i = 0; i < 4; i++) {
      expected[i] /= GAMMA;
    }
    assertThat(MV.optimize(four(Constraints.none())).weightArray()).containsExactly(expected, within(1e-6));
  }

  @Test
  void aBindingMaxWeightMatchesAnIndependentProjectedGradientSolve() {
    Constraints c = Constraints.defaults().withBounds(0, 0.30);
    PortfolioResult r = MV.optimize(four(c));
    double[] reference = Fixtures.projectedGradient(Fixtures.fourAssets().matrix(), MU4, GAMMA, 0, 0.30, 1);
    assertThat(r.weightArray()).containsExactly(reference, within(1e-6));
    // the optimum without the bound puts 37.5% in C; the bound binds
    assertThat(MV.optimize(four(Constraints.defaults())).weight("C")).isGreaterThan(0.37);
    assertThat(r.weight("C")).isCloseTo(0.30, within(1e-9));
    for (double w : r.weightArray()) {
      assertThat(w).isBetween(0.0, 0.30 + 1e-9);
    }
  }

  @Test
  void longOnlyGivesZeroToAnAssetWithAVeryNegativeReturn() {
    double[] mu = {0.08, 0.10, 0.06, -0.50};
    PortfolioProblem p = four(Constraints.defaults()).withExpectedReturns(mu);
    PortfolioResult r = MV.optimize(p);
    assertThat(r.weight("D")).isCloseTo(0, within(1e-9));
    double[] reference = Fixtures.projectedGradient(Fixtures.fourAssets().matrix(), mu, GAMMA, 0, 10, 1);
    assertThat(r.weightArray()).containsExactly(reference, within(1e-6));
    // long-short would short it
    assertThat(MV.optimize(p.withConstraints(Constraints.longShort())).weight("D")).isLessThan(-0.5);
  }

  @Test
  void aBindingSectorCapSatisfiesTheKktConditionsAndBeatsAGrid() {
    double[] mu = {0.10, 0.12, 0.05};
    Covariance s = Fixtures.threeAssets();
    Constraints c = Constraints.defaults().withSectorCaps(Map.of("A", "tech", "B", "tech", "C", "utilities"),
        Map.of("tech", 0.5));
    PortfolioProblem p = PortfolioProblem.of(Fixtures.THREE, s).withExpectedReturns(mu).withConstraints(c);
    double[] w = MV.optimize(p).weightArray();
    assertThat(MV.optimize(p.withConstraints(Constraints.defaults())).weightArray()[0]
        + MV.optimize(p.withConstraints(Constraints.defaults())).weightArray()[1]).isGreaterThan(0.6);
    assertThat(w[0] + w[1]).isCloseTo(0.5, within(1e-8));
    // KKT with every weight interior: the gradients g = gamma S w - mu of A and B are equal (same constraints), and
    // C's exceeds them by the cap's multiplier lambda >= 0
    double[] g = Fixtures.times(s.matrix(), w);
    for (int i = 0; i < 3; i++) {
      g[i] = GAMMA * g[i] - mu[i];
      assertThat(w[i]).isPositive();
    }
    assertThat(g[0]).isCloseTo(g[1], within(1e-7));
    assertThat(g[2] - g[0]).isPositive();
    double[] grid = gridSearch(s.matrix(), mu, x -> x[0] + x[1] <= 0.5 + 1e-12);
    assertThat(Fixtures.meanVarianceLoss(s.matrix(), mu, GAMMA, w))
        .isLessThanOrEqualTo(Fixtures.meanVarianceLoss(s.matrix(), mu, GAMMA, grid) + 1e-12);
    assertThat(w).containsExactly(grid, within(2e-3));
  }

  @Test
  void aBindingTurnoverLimitIsMetExactlyAndBeatsAGrid() {
    double[] mu = {0.20, 0.04, 0.05};
    Covariance s = Fixtures.threeAssets();
    Map<String, Double> current = Map.of("A", 1.0 / 3, "B", 1.0 / 3, "C", 1.0 / 3);
    Constraints c = Constraints.defaults().withTurnover(current, 0.2);
    PortfolioProblem p = PortfolioProblem.of(Fixtures.THREE, s).withExpectedReturns(mu).withConstraints(c);
    double[] w = MV.optimize(p).weightArray();
    double turnover = 0;
    for (double x : w) {
      turnover += Math.abs(x - 1.0 / 3);
    }
    assertThat(turnover).isCloseTo(0.2, within(1e-8));
    // unconstrained, the optimum is far from equal weights
    double[] free = MV.optimize(p.withConstraints(Constraints.defaults())).weightArray();
    assertThat(Math.abs(free[0] - 1.0 / 3)).isGreaterThan(0.2);
    Predicate<double[]> withinTurnover = x -> {
      double t = 0;
      for (double v : x) {
        t += Math.abs(v - 1.0 / 3);
      }
      return t <= 0.2 + 1e-12;
    };
    double[] grid = gridSearch(s.matrix(), mu, withinTurnover);
    assertThat(Fixtures.meanVarianceLoss(s.matrix(), mu, GAMMA, w))
        .isLessThanOrEqualTo(Fixtures.meanVarianceLoss(s.matrix(), mu, GAMMA, grid) + 1e-12);
    assertThat(w).containsExactly(grid, within(2e-3));
  }

  @Test
  void aBindingGrossLeverageLimitIsMetExactlyAndBeatsAGrid() {
    double[] mu = {0.20, -0.10, 0.05};
    Covariance s = Fixtures.threeAssets();
    Constraints c = Constraints.longShort().withGrossLeverage(1.4);
    PortfolioProblem p = PortfolioProblem.of(Fixtures.THREE, s).withExpectedReturns(mu).withConstraints(c);
    PortfolioResult r = MV.optimize(p);
    assertThat(MV.optimize(p.withConstraints(Constraints.longShort())).grossExposure()).isGreaterThan(1.5);
    assertThat(r.grossExposure()).isCloseTo(1.4, within(1e-8));
    double[] grid = gridSearch(s.matrix(), mu, x -> Math.abs(x[0]) + Math.abs(x[1]) + Math.abs(x[2]) <= 1.4 + 1e-12,
        -1.5, 1.5, 0.002);
    double[] w = r.weightArray();
    assertThat(Fixtures.meanVarianceLoss(s.matrix(), mu, GAMMA, w))
        .isLessThanOrEqualTo(Fixtures.meanVarianceLoss(s.matrix(), mu, GAMMA, grid) + 1e-12);
    assertThat(w).containsExactly(grid, within(3e-3));
  }

  @Test
  void theEfficientPortfolioForATargetReturnIsTheTwoFundClosedForm() {
    // min w'Sw s.t. 1'w = 1, mu'w = r: w = S^-1 [1 mu] A^-1 (1, r), A = [1 mu]' S^-1 [1 mu]
    double[][] inv = Fixtures.inverse(Fixtures.fourAssets().matrix());
    double[] o = Fixtures.times(inv, new double[] {1, 1, 1, 1});
    double[] m = Fixtures.times(inv, MU4);
    double a = Fixtures.sum(o);
    double b = Fixtures.sum(m);
    double cc = Fixtures.dot(MU4, m);
    double det = a * cc - b * b;
    double target = 0.095;
    double l1 = (cc - b * target) / det;
    double l2 = (a * target - b) / det;
    double[] expected = new double[4];
    for (int i = 0; i < 4; i++) {
      expected[i] = l1 * o[i] + l2 * m[i];
    }
    PortfolioResult r = MV.efficientReturn(four(Constraints.longShort()), target);
    assertThat(r.weightArray()).containsExactly(expected, within(1e-6));
    assertThat(r.expectedReturn()).isCloseTo(target, within(1e-9));
  }

  @Test
  void infeasibleAndIncompleteProblemsFailWithWhatToChange() {
    assertThatThrownBy(() -> MV.optimize(four(Constraints.defaults().withBounds(0, 0.2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxWeight 0.2 x 4 assets = 0.8 is below the budget 1.0")
        .hasMessageContaining("raise maxWeight to at least 0.25");
    // half in cash today: reaching a budget of 1 needs a turnover of at least 0.5
    Constraints cash = Constraints.defaults().withTurnover(Map.of("A", 0.25, "B", 0.25), 0.1);
    assertThatThrownBy(() -> MV.optimize(four(cash)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mean-variance found no solution")
        .hasMessageContaining("turnover <= 0.1")
        .hasMessageContaining("relax the bounds, sector caps, turnover or leverage limit");
    assertThatThrownBy(() -> MV.optimize(PortfolioProblem.of(Fixtures.FOUR, Fixtures.fourAssets())))
        .hasMessageContaining("mean-variance needs expected returns");
    assertThatThrownBy(() -> MV.efficientReturn(four(Constraints.defaults()), 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target return 0.5");
  }

  /** The best long-only point of a grid with step 0.001 over {w1, w2, w3 = 1 - w1 - w2} passing {@code ok}. */
  private static double[] gridSearch(double[][] s, double[] mu, Predicate<double[]> ok) {
    return gridSearch(s, mu, x -> x[2] >= 0 && ok.test(x), 0, 1, 0.001);
  }

  /** The best point of a grid over {w1, w2 in [lo, hi], w3 = 1 - w1 - w2 in [lo, hi]} passing {@code ok}. */
  private static double[] gridSearch(double[][] s, double[] mu, Predicate<double[]> ok, double lo, double hi,
      double step) {
    double best = Double.POSITIVE_INFINITY;
    double[] arg = null;
    int steps = (int) Math.round((hi - lo) / step);
    for (int i = 0; i <= steps; i++) {
      for (int j = 0; j <= steps; j++) {
        double[] x = {lo + i * step, lo + j * step, 0};
        x[2] = 1 - x[0] - x[1];
        if (x[2] < lo - 1e-12 || x[2] > hi + 1e-12 || !ok.test(x)) {
          continue;
        }
        double f = Fixtures.meanVarianceLoss(s, mu, GAMMA, x);
        if (f < best) {
          best = f;
          arg = x;
        }
      }
    }
    return arg;
  }
}
