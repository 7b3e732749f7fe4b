package io.quantflow.models.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VolatilityTargetTest {
  /** Daily volatilities 1% and 2%, uncorrelated. */
  private static final PortfolioProblem TWO = PortfolioProblem.of(List.of("X", "Y"),
      Covariance.of(new double[][] {{1e-4, 0}, {0, 4e-4}}));
  /** Inverse volatility (2/3, 1/3): daily vol sqrt(4/9 1e-4 + 1/9 4e-4) = sqrt(8/9) 1%, annual x sqrt(252). */
  private static final double RAW_ANNUAL = Math.sqrt(8.0 / 9) * 0.01 * Math.sqrt(252);

  @Test
  void inverseVolatilityIsScaledToTheTarget() {
    PortfolioResult r = VolatilityTarget.inverseVolatility(0.10).optimize(TWO);
    double k = 0.10 / RAW_ANNUAL; // 0.668153...
    assertThat(r.detail("scale")).isCloseTo(k, within(1e-12));
    assertThat(r.weight("X")).isCloseTo(2.0 / 3 * k, within(1e-12));
    assertThat(r.weight("Y")).isCloseTo(1.0 / 3 * k, within(1e-12));
    assertThat(r.detail("annualVolatility")).isCloseTo(0.10, within(1e-12));
    assertThat(r.volatility() * Math.sqrt(252)).isCloseTo(0.10, within(1e-12));
    assertThat(r.detail("leverageCapped")).isZero();
  }

  @Test
  void theLeverageCapBindsAboveTwo() {
    // a 30% target needs k = 2.0045 (gross 2.0045 > 2): capped at k = 2, weights (4/3, 2/3), vol 2 x raw
    PortfolioResult r = VolatilityTarget.inverseVolatility(0.30).optimize(TWO);
    assertThat(r.weightArray()).containsExactly(new double[] {4.0 / 3, 2.0 / 3}, within(1e-12));
    assertThat(r.detail("leverageCapped")).isEqualTo(1.0);
    assertThat(r.detail("annualVolatility")).isCloseTo(2 * RAW_ANNUAL, within(1e-12));
  }

  @Test
  void signalsAndRawWeightsAreScaled() {
    // signals (1, -1) x inverse volatility: (2/3, -1/3), same volatility when uncorrelated
    PortfolioResult signals = VolatilityTarget.inverseVolatility(0.10).withSignals(Map.of("X", 1.0, "Y", -1.0))
        .optimize(TWO);
    double k = 0.10 / RAW_ANNUAL;
    assertThat(signals.weightArray()).containsExactly(new double[] {2.0 / 3 * k, -1.0 / 3 * k}, within(1e-12));
    // raw (0.5, 0.5) on monthly data: vol sqrt(0.25e-4 + 1e-4) = sqrt(1.25) 1% per month, x sqrt(12) a year
    VolatilityTarget monthly = new VolatilityTarget(0.10, 12, 3, Map.of("X", 0.5, "Y", 0.5), Map.of());
    double kRaw = 0.10 / (Math.sqrt(1.25) * 0.01 * Math.sqrt(12));
    assertThat(monthly.optimize(TWO).weight("X")).isCloseTo(0.5 * kRaw, within(1e-12));
    assertThatThrownBy(() -> monthly.withRawWeights(Map.of("Z", 1.0)).optimize(TWO))
        .hasMessageContaining("names asset 'Z', which is not among the problem's assets");
    assertThatThrownBy(() -> monthly.withRawWeights(Map.of("X", 0.0)).optimize(TWO))
        .hasMessageContaining("zero ex-ante volatility");
  }
}
