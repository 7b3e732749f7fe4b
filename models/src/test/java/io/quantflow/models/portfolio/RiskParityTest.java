package io.quantflow.models.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskParityTest {
  private static final RiskParity ERC = RiskParity.equalRisk();

  @Test
  void twoAssetsGetInverseVolatilityWeightsForAnyCorrelation() {
    // closed form: w_1 = sigma_2 / (sigma_1 + sigma_2), whatever rho
    for (double rho : new double[] {-0.6, 0.0, 0.3, 0.9}) {
      Covariance s = Covariance.fromCorrelation(new double[] {0.012, 0.025}, new double[][] {{1, rho}, {rho, 1}});
      PortfolioResult r = ERC.optimize(PortfolioProblem.of(List.of("X", "Y"), s));
      assertThat(r.weight("X")).as("rho %s", rho).isCloseTo(0.025 / 0.037, within(1e-12));
      assertThat(r.netExposure()).isCloseTo(1, within(1e-14));
    }
  }

  @Test
  void threeAssetsHaveEqualRiskContributions() {
    PortfolioResult r = ERC.optimize(PortfolioProblem.of(Fixtures.FOUR, Fixtures.fourAssets()));
    double third = r.volatility() / 4;
    for (double rc : r.riskContributions().values()) {
      assertThat(rc / r.volatility()).isCloseTo(0.25, within(1e-8));
      assertThat(rc).isCloseTo(third, within(1e-10));
    }
    PortfolioResult three = ERC.optimize(PortfolioProblem.of(Fixtures.THREE, Fixtures.threeAssets().scaled(1.0 / 252)));
    for (double rc : three.riskContributions().values()) {
      assertThat(rc / three.volatility()).isCloseTo(1.0 / 3, within(1e-8));
    }
    assertThat(three.detail("iterations")).isLessThan(30);
  }

  @Test
  void riskBudgetsSetTheShareOfEachContribution() {
    RiskParity budgeted = new RiskParity(Map.of("A", 2.0, "B", 1.0, "C", 1.0));
    PortfolioResult r = budgeted.optimize(PortfolioProblem.of(Fixtures.THREE, Fixtures.threeAssets()));
    assertThat(r.riskContributions().get("A") / r.volatility()).isCloseTo(0.5, within(1e-8));
    assertThat(r.riskContributions().get("B") / r.volatility()).isCloseTo(0.25, within(1e-8));
    assertThat(r.riskContributions().get("C") / r.volatility()).isCloseTo(0.25, within(1e-8));
  }

  @Test
  void constraintsItCannotMeetAreReported() {
    PortfolioProblem p = PortfolioProblem.of(List.of("X", "Y"),
        Covariance.of(new double[][] {{1e-4, 0}, {0, 4e-4}}));
    // ERC gives X 2/3, above a 60% cap
    assertThatThrownBy(() -> ERC.optimize(p.withConstraints(Constraints.defaults().withBounds(0, 0.6))))
        .hasMessageContaining("risk-parity does not optimise under constraints")
        .hasMessageContaining("the bounds of X").hasMessageContaining("use mean-variance or minimum-variance");
    assertThatThrownBy(() -> new RiskParity(Map.of("X", 1.0)).optimize(p))
        .hasMessageContaining("Risk budgets must name exactly the problem's assets");
  }
}
