package io.quantflow.models.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.models.metrics.SampleMoments;
import io.quantflow.models.metrics.TailRisk;
import io.quantflow.models.stats.StandardNormal;
import org.junit.jupiter.api.Test;

class ValueAtRiskTest {
  /** z_0.99 = PhiInv(0.99) and phi(z_0.99) / 0.01, from mpmath at 30 digits. */
  private static final double Z99 = 2.326347874040841;
  private static final double PHI_OVER_ALPHA_99 = 2.665214220345805;

  /**
   * Four returns +-a with a = 0.02 sqrt(3/4): mean 0, sample standard deviation sqrt(4 a^2 / 3) = 0.02 exactly
   * (up to rounding), skewness 0.
   */
  private static double[] zeroMeanTwoPercent() {
    double a = 0.02 * Math.sqrt(0.75);
    return new double[] {a, -a, a, -a};
  }

  /** Twenty returns; sorted the worst are -0.045, -0.038, -0.031, -0.027, -0.019, -0.013, ... */
  private static final double[] TWENTY = {0.012, -0.031, 0.004, -0.008, 0.021, -0.045, 0.007, -0.002, 0.015,
      -0.019, 0.003, -0.027, 0.010, -0.006, 0.018, -0.013, 0.001, -0.038, 0.009, -0.004};

  @Test
  void parametricMatchesTheAnalyticNormalValues() {
    // mu = 0, sigma = 0.02, c = 0.99: VaR = 0.02 * 2.326347874 = 0.04652695748,
    // CVaR = 0.02 * phi(2.326347874) / 0.01 = 0.02 * 2.665214220 = 0.0533042844
    assertThat(ValueAtRisk.normalVar(0, 0.02, 0.99)).isCloseTo(0.04652695748, within(1e-11));
    assertThat(ValueAtRisk.normalCvar(0, 0.02, 0.99)).isCloseTo(0.0533042844, within(1e-10));
    VarEstimate one = ValueAtRisk.parametric(PortfolioReturns.ofSeries(zeroMeanTwoPercent()), VarSpec.of(0.99, 1));
    assertThat(one.method()).isEqualTo(VarMethod.PARAMETRIC);
    assertThat(one.dailyVolatility()).isCloseTo(0.02, within(1e-16));
    assertThat(one.var()).isCloseTo(0.02 * Z99, within(1e-15));
    assertThat(one.cvar()).isCloseTo(0.02 * PHI_OVER_ALPHA_99, within(1e-15));
    assertThat(one.observations()).isEqualTo(4);
    assertThat(one.samples()).isZero();
    // ten days: sigma sqrt(10), the mean is 0
    VarEstimate ten = ValueAtRisk.parametric(PortfolioReturns.ofSeries(zeroMeanTwoPercent()), VarSpec.of(0.99, 10));
    assertThat(ten.var()).isCloseTo(Math.sqrt(10) * 0.02 * Z99, within(1e-15));
    assertThat(ten.cvar()).isCloseTo(Math.sqrt(10) * 0.02 * PHI_OVER_ALPHA_99, within(1e-14));
  }

  @Test
  void parametricScalesTheMeanByTheHorizonAndCanLeaveItOut() {
    // returns 0.01 +- a: mean 0.01, sigma 0.02; h = 10: VaR = -0.1 + 0.02 sqrt(10) z_c
    double[] r = zeroMeanTwoPercent();
    for (int i = 0; i < r.length; i++) {
      r[i] += 0.01;
    }
    PortfolioReturns p = PortfolioReturns.ofSeries(r);
    VarEstimate withMean = ValueAtRisk.parametric(p, VarSpec.of(0.99, 10));
    assertThat(withMean.dailyMean()).isCloseTo(0.01, within(1e-17));
    assertThat(withMean.var()).isCloseTo(-0.1 + 0.02 * Math.sqrt(10) * Z99, within(1e-15));
    assertThat(withMean.cvar()).isCloseTo(-0.1 + 0.02 * Math.sqrt(10) * PHI_OVER_ALPHA_99, within(1e-14));
    VarEstimate noMean = ValueAtRisk.parametric(p, VarSpec.of(0.99, 10).withMean(false));
    assertThat(noMean.includeMean()).isFalse();
    assertThat(noMean.var()).isCloseTo(0.02 * Math.sqrt(10) * Z99, within(1e-15));
  }

  @Test
  void historicalIsTailRiskOfThePortfolioReturns() {
    PortfolioReturns p = PortfolioReturns.ofSeries(TWENTY);
    // c = 0.95: k = ceil(20 * 0.05) = 1, the worst return
    VarEstimate t95 = ValueAtRisk.historical(p, VarSpec.of(0.95, 1));
    assertThat(t95.var()).isCloseTo(0.045, within(1e-15));
    assertThat(t95.cvar()).isCloseTo(0.045, within(1e-15));
    assertThat(t95.samples()).isEqualTo(20);
    // c = 0.9: k = 2; VaR = 0.038, CVaR = (0.045 + 0.038) / 2 = 0.0415
    VarEstimate t90 = ValueAtRisk.historical(p, VarSpec.of(0.9, 1));
    assertThat(t90.var()).isCloseTo(0.038, within(1e-15));
    assertThat(t90.cvar()).isCloseTo(0.0415, within(1e-15));
    // c = 0.8: k = 4; VaR = 0.027, CVaR = (0.045 + 0.038 + 0.031 + 0.027) / 4 = 0.03525; h = 4: times sqrt(4) = 2
    VarEstimate t80 = ValueAtRisk.historical(p, VarSpec.of(0.8, 4));
    assertThat(t80.var()).isCloseTo(2 * 0.027, within(1e-15));
    assertThat(t80.cvar()).isCloseTo(2 * 0.03525, within(1e-15));
  }

  @Test
  void historicalCompoundsOverlappingWindows() {
    // 2-day windows of 0.01, -0.02, 0.03, -0.01, -0.02: 1.01 * 0.98 - 1 = -0.0102, 0.98 * 1.03 - 1 = 0.0094,
    // 1.03 * 0.99 - 1 = 0.0197, 0.99 * 0.98 - 1 = -0.0298
    PortfolioReturns p = PortfolioReturns.ofSeries(new double[] {0.01, -0.02, 0.03, -0.01, -0.02});
    VarSpec spec = VarSpec.of(0.75, 2).withScaling(HorizonScaling.COMPOUNDED);
    VarEstimate e75 = ValueAtRisk.historical(p, spec); // 4 windows, k = 1
    assertThat(e75.samples()).isEqualTo(4);
    assertThat(e75.var()).isCloseTo(0.0298, within(1e-15));
    assertThat(e75.cvar()).isCloseTo(0.0298, within(1e-15));
    VarEstimate half = ValueAtRisk.historical(p, spec.withMean(false).withConfidence(0.5)); // k = 2
    assertThat(half.var()).isCloseTo(0.0102, within(1e-15));
    assertThat(half.cvar()).isCloseTo(0.02, within(1e-15));
    assertThatThrownBy(() -> ValueAtRisk.historical(p, VarSpec.of(0.95, 6).withScaling(HorizonScaling.COMPOUNDED)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 6 daily returns");
  }

  @Test
  void aPanelIsReducedToItsWeightedPortfolioReturns() {
    // r_p,t = 0.5 a_t + 0.5 b_t; the historical estimate equals TailRisk of that series
    double[] a = {0.02, -0.04, 0.01, -0.01, 0.03};
    double[] b = {-0.02, 0.00, -0.03, 0.01, 0.01};
    PortfolioReturns p = new PortfolioReturns(new double[][] {a, b}, new double[] {0.5, 0.5});
    assertThat(p.portfolioReturns()).containsExactly(new double[] {0, -0.02, -0.01, 0, 0.02}, within(1e-17));
    VarEstimate e = ValueAtRisk.estimate(VarMethod.HISTORICAL, p, VarSpec.of(0.8, 1));
    TailRisk t = TailRisk.of(p.portfolioReturns(), 0.8);
    assertThat(e.var()).isEqualTo(t.valueAtRisk()).isCloseTo(0.02, within(1e-17));
    assertThat(e.cvar()).isEqualTo(t.conditionalValueAtRisk());
  }

  @Test
  void cornishFisherIsTheNormalWithoutSkewAndKurtosis() {
    double z = StandardNormal.inverseCdf(0.01);
    assertThat(ValueAtRisk.cornishFisherQuantile(z, 0, 0)).isEqualTo(z);
    assertThat(ValueAtRisk.cornishFisherTailMean(0.99, 0, 0)).isCloseTo(-PHI_OVER_ALPHA_99, within(1e-13));
  }

  @Test
  void cornishFisherQuantileByHand() {
    // c = 0.99, S = -1, K = 2; z = -2.326347874040841, z^2 = 5.411894431054341, z^3 = -12.589949104216734:
    // z + (z^2 - 1) S/6 + (z^3 - 3z) K/24 - (2 z^3 - 5z) S^2/36
    // = -2.326347874 - 0.735315739 - 0.467575427 + 0.376338215 = -3.152901324 (mpmath: -3.15290132388471)
    double z = -Z99;
    assertThat(ValueAtRisk.cornishFisherQuantile(z, -1, 2)).isCloseTo(-3.15290132388471, within(1e-13));
    // negative skew and fat tails each push the quantile further into the loss tail
    assertThat(ValueAtRisk.cornishFisherQuantile(z, -0.5, 0)).isLessThan(z);
    assertThat(ValueAtRisk.cornishFisherQuantile(z, 0, 3)).isLessThan(z);
    assertThat(ValueAtRisk.cornishFisherQuantile(z, 0.5, 0)).isGreaterThan(z);
  }

  @Test
  void cornishFisherTailMeanIsTheIntegralOfTheQuantileOverTheTail() {
    // E[z_cf(Z) | Z < z] by composite Simpson on [z - 12, z] in z space (the density beyond is below 1e-40);
    // mpmath gives -3.951178725016749 for S = -1, K = 2
    double s = -1;
    double k = 2;
    double b = -Z99;
    int intervals = 20_000;
    double width = 12.0 / intervals;
    double sum = 0;
    for (int i = 0; i <= intervals; i++) {
      double x = b - 12 + i * width;
      double weight = i == 0 || i == intervals ? 1 : i % 2 == 1 ? 4 : 2;
      sum += weight * ValueAtRisk.cornishFisherQuantile(x, s, k) * StandardNormal.density(x);
    }
    double simpson = sum * width / 3 / 0.01;
    assertThat(ValueAtRisk.cornishFisherTailMean(0.99, s, k)).isCloseTo(simpson, within(1e-10))
        .isCloseTo(-3.951178725016749, within(1e-12));
  }

  @Test
  void cornishFisherEstimateUsesTheSampleMomentsAndScalesThemWithTheHorizon() {
    // many small gains and a few large losses: negative skew and fat tails raise VaR above the normal one
    double[] r = new double[100];
    for (int i = 0; i < r.length; i++) {
      r[i] = i % 20 == 0 ? -0.06 : 0.004 + 0.0001 * (i % 7);
    }
    PortfolioReturns p = PortfolioReturns.ofSeries(r);
    SampleMoments m = SampleMoments.of(r);
    assertThat(m.skewness()).isLessThan(-3);
    assertThat(m.excessKurtosis()).isGreaterThan(5);
    VarEstimate cf = ValueAtRisk.cornishFisher(p, VarSpec.of(0.95, 1));
    VarEstimate normal = ValueAtRisk.parametric(p, VarSpec.of(0.95, 1));
    assertThat(cf.var()).isGreaterThan(normal.var());
    assertThat(cf.skewness()).isEqualTo(m.skewness());
    double z = StandardNormal.inverseCdf(0.05);
    assertThat(cf.var()).isCloseTo(-m.mean() - m.standardDeviation()
        * ValueAtRisk.cornishFisherQuantile(z, m.skewness(), m.excessKurtosis()), within(1e-15));
    assertThat(cf.cvar()).isCloseTo(-m.mean() - m.standardDeviation()
        * ValueAtRisk.cornishFisherTailMean(0.95, m.skewness(), m.excessKurtosis()), within(1e-15));
    // h = 4: mean 4 mu, volatility 2 sigma, skewness S / 2, excess kurtosis K / 4
    VarEstimate four = ValueAtRisk.cornishFisher(p, VarSpec.of(0.95, 4));
    assertThat(four.var()).isCloseTo(-4 * m.mean() - 2 * m.standardDeviation()
        * ValueAtRisk.cornishFisherQuantile(z, m.skewness() / 2, m.excessKurtosis() / 4), within(1e-15));
  }

  @Test
  void methodsHaveCliNames() {
    assertThat(VarMethod.fromCliName("cornish-fisher")).isEqualTo(VarMethod.CORNISH_FISHER);
    assertThat(VarMethod.fromCliName(" Monte-Carlo ")).isEqualTo(VarMethod.MONTE_CARLO);
    assertThat(VarMethod.PARAMETRIC.cliName()).isEqualTo("parametric");
    assertThat(VarMethod.HISTORICAL.cliName()).isEqualTo("historical");
    assertThat(HorizonScaling.fromCliName("compounded")).isEqualTo(HorizonScaling.COMPOUNDED);
    assertThatThrownBy(() -> VarMethod.fromCliName("delta-normal")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown VaR method 'delta-normal': use one of parametric, cornish-fisher, historical, "
            + "monte-carlo");
  }

  @Test
  void badInputsGiveClearMessages() {
    assertThatThrownBy(() -> PortfolioReturns.ofSeries(new double[] {0.01, 0.02, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Argument 'returns[2]' must be finite but was NaN");
    assertThatThrownBy(() -> new PortfolioReturns(new double[][] {{0.01, Double.NaN}, {0.0, 0.0}},
        new double[] {0.5, 0.5})).hasMessage("Argument 'assetReturns[0][1]' must be finite but was NaN");
    assertThatThrownBy(() -> new PortfolioReturns(new double[][] {{0.01, 0.02}, {0.0, 0.0}},
        new double[] {0.5, 0.3, 0.2}))
        .hasMessage("Argument 'weights' must hold one weight per asset (2 assets) but has 3");
    assertThatThrownBy(() -> new PortfolioReturns(new double[][] {{0.01, 0.02}, {0.0}}, new double[] {0.5, 0.5}))
        .hasMessageContaining("asset 1 has 1 and asset 0 has 2");
    assertThatThrownBy(() -> VarSpec.of(1.5, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Argument 'confidence' must be in (0, 1) but was 1.5");
    assertThatThrownBy(() -> VarSpec.of(0, 1)).hasMessageContaining("'confidence'");
    assertThatThrownBy(() -> VarSpec.of(0.99, 0)).hasMessage("Argument 'horizonDays' must be positive but was 0");
    assertThatThrownBy(() -> VarSpec.of(0.99, 1).withStudentT(2)).hasMessageContaining("at least 3");
    PortfolioReturns p = PortfolioReturns.ofSeries(TWENTY);
    assertThatThrownBy(() -> ValueAtRisk.parametric(p, VarSpec.of(0.99, 5).withScaling(HorizonScaling.COMPOUNDED)))
        .hasMessageContaining("use sqrt-time scaling, not compounded");
    assertThatThrownBy(() -> ValueAtRisk.parametric(PortfolioReturns.ofSeries(new double[] {0.01}),
        VarSpec.of(0.99, 1))).hasMessage("The parametric method needs at least 2 daily returns but there are 1");
    assertThatThrownBy(() -> ValueAtRisk.cornishFisher(PortfolioReturns.ofSeries(new double[] {0.01, 0.01, 0.01,
        0.01}), VarSpec.of(0.99, 1))).hasMessageContaining("positive variance");
  }
}
