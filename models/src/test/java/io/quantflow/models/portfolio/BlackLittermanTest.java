package io.quantflow.models.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlackLittermanTest {
  private static final Map<String, Double> MARKET = Map.of("A", 0.30, "B", 0.20, "C", 0.35, "D", 0.15);
  private static final double[] W_MKT = {0.30, 0.20, 0.35, 0.15};
  private static final double DELTA = 2.5;
  private static final double TAU = 0.05;
  private static final PortfolioProblem FOUR = PortfolioProblem.of(Fixtures.FOUR, Fixtures.fourAssets())
      .withConstraints(Constraints.none());

  private static double[] equilibrium() {
    double[] pi = Fixtures.times(Fixtures.fourAssets().matrix(), W_MKT);
    for (int i = 0; i < 4; i++) {
      pi[i] *= DELTA;
    }
    return pi;
  }

  @Test
  void withoutViewsThePosteriorIsTheEquilibriumAndTheWeightsAreTheMarketOverOnePlusTau() {
    BlackLitterman bl = BlackLitterman.of(MARKET, List.of());
    BlackLitterman.Posterior post = bl.posterior(FOUR);
    double[] pi = equilibrium();
    assertThat(post.equilibrium()).containsExactly(pi, within(1e-15));
    assertThat(post.returns()).containsExactly(pi, within(1e-15));
    assertThat(post.covariance().get(1, 3)).isCloseTo(1.05 * Fixtures.fourAssets().get(1, 3), within(1e-15));
    // He and Litterman: w = (delta (1 + tau) S)^-1 delta S w_mkt = w_mkt / (1 + tau)
    PortfolioResult r = bl.optimize(FOUR);
    for (int i = 0; i < 4; i++) {
      assertThat(r.weightArray()[i]).isCloseTo(W_MKT[i] / (1 + TAU), within(1e-10));
    }
    assertThat(r.detail("posterior:C")).isCloseTo(pi[2], within(1e-15));
    // a view held with zero confidence changes nothing
    BlackLitterman ignored = BlackLitterman.of(MARKET, List.of(View.absolute("A", 0.5).withConfidence(0)));
    assertThat(ignored.posterior(FOUR).returns()).containsExactly(pi, within(1e-15));
  }

  @Test
  void anAbsoluteViewAtFullIdzorekConfidenceIsThePosterior() {
    BlackLitterman bl = BlackLitterman.of(MARKET, List.of(View.absolute("A", 0.10).withConfidence(1)));
    BlackLitterman.Posterior post = bl.posterior(FOUR);
    assertThat(post.viewVariances()).containsExactly(0.0);
    assertThat(post.returns()[0]).isCloseTo(0.10, within(1e-12));
    assertThat(post.returns()[1]).isNotCloseTo(equilibrium()[1], within(1e-4));
  }

  @Test
  void thePosteriorMatchesThePrecisionFormula() {
    // one relative view with He-Litterman's omega, one absolute view at Idzorek confidence 0.3
    View relative = View.relative("B", "C", 0.02);
    View absolute = View.absolute("D", 0.09).withConfidence(0.3);
    BlackLitterman bl = new BlackLitterman(MARKET, DELTA, TAU, List.of(relative, absolute));
    BlackLitterman.Posterior post = bl.posterior(FOUR);
    double[][] s = Fixtures.fourAssets().matrix();
    double[][] p = {{0, 1, -1, 0}, {0, 0, 0, 1}};
    double[] q = {0.02, 0.09};
    double[] omega = {TAU * Fixtures.dot(p[0], Fixtures.times(s, p[0])),
        (0.7 / 0.3) * TAU * Fixtures.dot(p[1], Fixtures.times(s, p[1]))};
    assertThat(post.viewVariances()).containsExactly(omega, within(1e-16));
    // mu_BL = [(tau S)^-1 + P' Omega^-1 P]^-1 [(tau S)^-1 Pi + P' Omega^-1 Q], by Gauss-Jordan inverses
    double[][] tauS = new double[4][4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        tauS[i][j] = TAU * s[i][j];
      }
    }
    double[][] precision = Fixtures.inverse(tauS);
    double[] rhs = Fixtures.times(precision, equilibrium());
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        for (int k = 0; k < 2; k++) {
          precision[i][j] += p[k][i] * p[k][j] / omega[k];
        }
      }
      for (int k = 0; k < 2; k++) {
        rhs[i] += p[k][i] * q[k] / omega[k];
      }
    }
    double[][] m = Fixtures.inverse(precision);
    double[] mu = Fixtures.times(m, rhs);
    assertThat(post.returns()).containsExactly(mu, within(1e-12));
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        assertThat(post.covariance().get(i, j)).isCloseTo(s[i][j] + m[i][j], within(1e-14));
      }
    }
    // unconstrained weights (delta S_BL)^-1 mu_BL
    double[][] sbl = post.covariance().matrix();
    double[] w = Fixtures.times(Fixtures.inverse(sbl), mu);
    PortfolioResult r = bl.optimize(FOUR);
    for (int i = 0; i < 4; i++) {
      assertThat(r.weightArray()[i]).isCloseTo(w[i] / DELTA, within(1e-9));
    }
  }

  @Test
  void idzorekConfidenceIsTheShareOfTheFullConfidenceTilt() {
    double[] pi = equilibrium();
    double[] full = BlackLitterman.of(MARKET, List.of(View.relative("A", "D", 0.05).withConfidence(1)))
        .posterior(FOUR).returns();
    for (double c : new double[] {0.25, 0.5, 0.8}) {
      double[] mu = BlackLitterman.of(MARKET, List.of(View.relative("A", "D", 0.05).withConfidence(c)))
          .posterior(FOUR).returns();
      for (int i = 0; i < 4; i++) {
        assertThat(mu[i] - pi[i]).as("confidence %s asset %d", c, i).isCloseTo(c * (full[i] - pi[i]),
            within(1e-14));
      }
    }
    // He-Litterman's default omega is Idzorek's 50%
    double[] standard = BlackLitterman.of(MARKET, List.of(View.relative("A", "D", 0.05))).posterior(FOUR).returns();
    assertThat(standard[0] - pi[0]).isCloseTo(0.5 * (full[0] - pi[0]), within(1e-14));
  }

  @Test
  void withConstraintsTheWeightsAreMeanVarianceOnThePosterior() {
    BlackLitterman bl = BlackLitterman.of(MARKET, List.of(View.relative("B", "C", 0.03)));
    PortfolioProblem longOnly = FOUR.withConstraints(Constraints.defaults().withBounds(0, 0.4));
    PortfolioResult r = bl.optimize(longOnly);
    BlackLitterman.Posterior post = bl.posterior(longOnly);
    PortfolioResult direct = new MeanVariance(DELTA).optimize(longOnly.withCovariance(post.covariance())
        .withExpectedReturns(post.returns()));
    assertThat(r.weightArray()).containsExactly(direct.weightArray(), within(1e-9));
    assertThat(r.netExposure()).isCloseTo(1, within(1e-9));
    assertThat(r.expectedReturn()).isCloseTo(direct.expectedReturn(), within(1e-12));
  }

  @Test
  void viewsReadFromJsonAndUnknownAssetsAreRejected() throws Exception {
    View v = new ObjectMapper().readValue(
        "{\"weights\": {\"A\": 1, \"B\": -1}, \"return\": 0.02, \"confidence\": 0.6}", View.class);
    assertThat(v.weights()).containsExactly(Map.entry("A", 1.0), Map.entry("B", -1.0));
    assertThat(v.expectedReturn()).isEqualTo(0.02);
    assertThat(v.confidence()).isEqualTo(0.6);
    assertThat(new ObjectMapper().readValue("{\"weights\": {\"A\": 1}, \"return\": 0.01}", View.class).confidence())
        .isNull();
    assertThatThrownBy(() -> BlackLitterman.of(MARKET, List.of(View.absolute("Z", 0.1))).posterior(FOUR))
        .hasMessageContaining("names asset 'Z', which is not among the problem's assets");
    assertThatThrownBy(() -> View.absolute("A", 0.1).withConfidence(1.5))
        .hasMessageContaining("'confidence' must be in [0.0, 1.0]");
    // two identical views at full confidence: P tau S P' + Omega is singular
    assertThatThrownBy(() -> BlackLitterman.of(MARKET, List.of(View.absolute("A", 0.1).withConfidence(1),
        View.absolute("A", 0.1).withConfidence(1))).posterior(FOUR))
        .hasMessageContaining("redundant or conflicting");
  }
}
