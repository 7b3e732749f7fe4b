package io.quantflow.models.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ComponentVarTest {
  private static final double Z99 = 2.326347874040841; // PhiInv(0.99), mpmath
  private static final double[][] SIGMA = {{0.0004, 0.0001}, {0.0001, 0.0009}};

  @Test
  void twoAssetsByHand() {
    // w = (0.5, 0.5): Sigma w = (0.00025, 0.0005), w' Sigma w = 0.000375, sigma_p = 0.019364916731037084;
    // marginal_i = z (Sigma w)_i / sigma_p; component = z (0.000125, 0.00025) / sigma_p: one third and two thirds
    ComponentVar c = ComponentVar.of(new double[] {0, 0}, SIGMA, new double[] {0.5, 0.5}, VarSpec.of(0.99, 1));
    double sigmaP = Math.sqrt(0.000375);
    assertThat(c.portfolioVolatility()).isCloseTo(0.019364916731037084, within(1e-17));
    assertThat(c.var()).isCloseTo(Z99 * sigmaP, within(1e-15));
    assertThat(c.marginal()).containsExactly(new double[] {Z99 * 0.00025 / sigmaP, Z99 * 0.0005 / sigmaP},
        within(1e-15));
    assertThat(c.component()).containsExactly(new double[] {Z99 * 0.000125 / sigmaP, Z99 * 0.00025 / sigmaP},
        within(1e-15));
    assertThat(c.percent()).containsExactly(new double[] {1.0 / 3, 2.0 / 3}, within(1e-15));
  }

  @Test
  void theMeanEntersEachMarginalAndTheHorizonScalesIt() {
    // mu = (0.001, 0.0002), h = 4: marginal_i = -4 mu_i + 2 z (Sigma w)_i / sigma_p;
    // VaR = -4 (0.0006) + 2 z sigma_p
    VarSpec spec = VarSpec.of(0.99, 4);
    ComponentVar c = ComponentVar.of(new double[] {0.001, 0.0002}, SIGMA, new double[] {0.5, 0.5}, spec);
    double sigmaP = Math.sqrt(0.000375);
    assertThat(c.includeMean()).isTrue();
    assertThat(c.marginal()[0]).isCloseTo(-0.004 + 2 * Z99 * 0.00025 / sigmaP, within(1e-15));
    assertThat(c.marginal()[1]).isCloseTo(-0.0008 + 2 * Z99 * 0.0005 / sigmaP, within(1e-15));
    assertThat(c.var()).isCloseTo(-0.0024 + 2 * Z99 * sigmaP, within(1e-15));
    ComponentVar noMean = ComponentVar.of(new double[] {0.001, 0.0002}, SIGMA, new double[] {0.5, 0.5},
        spec.withMean(false));
    assertThat(noMean.var()).isCloseTo(2 * Z99 * sigmaP, within(1e-15));
  }

  @Test
  void componentsSumToTheParametricVarOfTheSameReturns() {
    SplittableRandom random = new SplittableRandom(3);
    double[][] panel = new double[4][300];
    for (int t = 0; t < 300; t++) {
      double market = random.nextGaussian();
      for (int i = 0; i < 4; i++) {
        panel[i][t] = 0.0002 * i + 0.01 * (1 + i) * (0.5 * market + random.nextGaussian());
      }
    }
    PortfolioReturns p = new PortfolioReturns(panel, new double[] {0.4, 0.3, -0.2, 0.5});
    for (boolean withMean : new boolean[] {true, false}) {
      VarSpec spec = VarSpec.of(0.975, 10).withMean(withMean);
      ComponentVar c = ComponentVar.of(p, spec);
      double sum = 0;
      double percent = 0;
      for (int i = 0; i < 4; i++) {
        sum += c.component()[i];
        percent += c.percent()[i];
      }
      assertThat(sum).isCloseTo(c.var(), within(1e-12));
      assertThat(percent).isCloseTo(1, within(1e-12));
      // Euler: the total is the parametric VaR of the portfolio series
      assertThat(c.var()).isCloseTo(ValueAtRisk.parametric(p, spec).var(), within(1e-12));
    }
    // the short position hedges: its component is negative
    assertThat(ComponentVar.of(p, VarSpec.of(0.99, 1)).component()[2]).isNegative();
  }

  @Test
  void badInputsGiveClearMessages() {
    VarSpec spec = VarSpec.of(0.99, 1);
    assertThatThrownBy(() -> ComponentVar.of(new double[] {0, 0}, SIGMA, new double[] {1}, spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must have one entry per asset but have 2, 2 and 1");
    assertThatThrownBy(() -> ComponentVar.of(new double[] {0, 0}, new double[][] {{1, 2}, {2, 1}},
        new double[] {0.5, 0.5}, spec)).hasMessageContaining("not positive semi-definite");
    assertThatThrownBy(() -> ComponentVar.of(new double[] {0, 0}, SIGMA, new double[] {0, 0}, spec))
        .hasMessageContaining("without variance");
    assertThatThrownBy(() -> ComponentVar.of(new double[] {0, Double.NaN}, SIGMA, new double[] {0.5, 0.5}, spec))
        .hasMessage("Argument 'mean[1]' must be finite but was NaN");
  }
}
