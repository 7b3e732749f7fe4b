package io.quantflow.models.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptimizationMethodTest {

  @Test
  void everyCliNameDispatchesToItsOptimizer() {
    assertThat(Arrays.stream(OptimizationMethod.values()).map(OptimizationMethod::cliName)).containsExactly(
        "volatility-target", "mean-variance", "minimum-variance", "risk-parity", "maximum-diversification",
        "black-litterman", "equal-weight", "inverse-volatility");
    PortfolioProblem p = PortfolioProblem.of(Fixtures.FOUR, Fixtures.fourAssets())
        .withExpectedReturns(new double[] {0.08, 0.10, 0.06, 0.12});
    for (OptimizationMethod m : OptimizationMethod.values()) {
      assertThat(OptimizationMethod.fromName(m.cliName())).isEqualTo(m);
      PortfolioOptimizer o = m.defaultOptimizer();
      assertThat(o.name()).isEqualTo(m.cliName());
      PortfolioResult r = o.optimize(p);
      assertThat(r.method()).isEqualTo(m.cliName());
      assertThat(r.weights().keySet()).containsExactlyElementsOf(Fixtures.FOUR);
    }
    assertThat(OptimizationMethod.MEAN_VARIANCE.needsExpectedReturns()).isTrue();
    assertThat(OptimizationMethod.fromName(" Risk-Parity ")).isEqualTo(OptimizationMethod.RISK_PARITY);
    assertThatThrownBy(() -> OptimizationMethod.fromName("sharpe"))
        .hasMessageContaining("Unknown optimisation method 'sharpe': use one of [volatility-target,");
  }

  @Test
  void equalAndInverseVolatilityWeightsByHand() {
    PortfolioProblem two = PortfolioProblem.of(List.of("X", "Y"), Covariance.of(new double[][] {{1e-4, 0},
        {0, 4e-4}}));
    assertThat(new EqualWeight().optimize(two).weightArray()).containsExactly(0.5, 0.5);
    // 1/0.01 : 1/0.02 = 2 : 1
    assertThat(new InverseVolatility().optimize(two).weightArray()).containsExactly(new double[] {2.0 / 3, 1.0 / 3},
        within(1e-15));
    assertThatThrownBy(() -> new EqualWeight().optimize(two.withConstraints(Constraints.defaults()
        .withBounds(0, 0.4)))).hasMessageContaining("equal-weight does not optimise under constraints");
  }

  @Test
  void constraintsNameWhatIsInfeasible() {
    Map<String, String> sectors = Map.of("A", "tech", "B", "tech", "C", "tech", "D", "energy");
    Constraints tooTight = Constraints.defaults().withBounds(0, 0.3)
        .withSectorCaps(sectors, Map.of("tech", 0.5));
    // at most 0.5 in tech plus 0.3 in D = 0.8 < 1
    assertThatThrownBy(() -> tooTight.checkFeasible(Fixtures.FOUR))
        .hasMessageContaining("allow a total weight of at most 0.8").hasMessageContaining("raise the caps");
    assertThatThrownBy(() -> Constraints.defaults().withSectorCaps(sectors, Map.of("Tech", 0.5)))
        .hasMessageContaining("Sector cap 'Tech' names no asset's sector");
    assertThatThrownBy(() -> Constraints.defaults().withBounds(0.3, 0.2))
        .hasMessageContaining("'minWeight' 0.3 must not exceed 'maxWeight' 0.2");
    assertThatThrownBy(() -> Constraints.longShort().withGrossLeverage(0.5).checkFeasible(Fixtures.FOUR))
        .hasMessageContaining("the budget 1.0 exceeds the gross leverage limit 0.5");
    assertThat(Constraints.defaults().describe()).isEqualTo("longOnly, 0.0 <= w_i <= Infinity, sum w = 1.0");
  }
}
