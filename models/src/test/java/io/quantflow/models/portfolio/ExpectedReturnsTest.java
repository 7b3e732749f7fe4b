package io.quantflow.models.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ExpectedReturnsTest {

  @Test
  void historicalMeansArePerPeriod() {
    double[][] r = {{0.01, -0.01, 0.03}, {0.02, 0.00, 0.01}};
    assertThat(ExpectedReturns.historicalMean(r)).containsExactly(new double[] {0.01, 0.01}, within(1e-18));
  }

  @Test
  void grinoldAlphaIsIcTimesVolatilityTimesScore() {
    // IC 0.05, daily vol 2%, score 1.5: 0.05 x 0.02 x 1.5 = 0.0015 a day
    assertThat(ExpectedReturns.fromSignals(new double[] {1.5, -1.0}, new double[] {0.02, 0.01}, 0.05))
        .containsExactly(new double[] {0.0015, -0.0005}, within(1e-18));
    Covariance s = Covariance.of(new double[][] {{4e-4, 0}, {0, 1e-4}});
    assertThat(ExpectedReturns.fromSignals(new double[] {1.5, -1.0}, s, 0.05))
        .containsExactly(new double[] {0.0015, -0.0005}, within(1e-18));
    // raw (1, 2, 3): mean 2, sd sqrt(2/3)
    assertThat(ExpectedReturns.zScores(new double[] {1, 2, 3}))
        .containsExactly(new double[] {-Math.sqrt(1.5), 0, Math.sqrt(1.5)}, within(1e-15));
    assertThatThrownBy(() -> ExpectedReturns.fromSignals(new double[] {1}, new double[] {0.01}, 2))
        .hasMessageContaining("'ic' must be in [-1.0, 1.0]");
  }

  @Test
  void equilibriumReturnsAreReverseOptimised() {
    // Pi = delta S w = 2.5 (0.04 x 0.5 + 0.006 x 0.5, 0.006 x 0.5 + 0.09 x 0.5) = 2.5 (0.023, 0.048) = (0.0575, 0.12)
    Covariance s = Covariance.of(new double[][] {{0.04, 0.006}, {0.006, 0.09}});
    assertThat(ExpectedReturns.equilibrium(s, new double[] {0.5, 0.5}, 2.5))
        .containsExactly(new double[] {0.0575, 0.12}, within(1e-15));
  }
}
