package io.quantflow.models.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Monte Carlo estimates against closed forms. The tolerances are about three asymptotic standard errors for
 * {@code N = 200,000} paths at {@code c = 0.99} ({@code alpha = 0.01}), in units of the standard deviation:
 * the quantile {@code sqrt(alpha (1 - alpha) / N) / f(q)} and the tail mean
 * {@code sqrt((Var(X | X > q) + c (ES - q)^2) / (N alpha))}. Normal: 0.0083 on a VaR of 2.33 (0.36 percent) and
 * 0.0103 on an ES of 2.67 (0.39 percent). Student-t with 5 degrees of freedom, unit variance: 0.0158 on 2.61
 * (0.61 percent) and 0.030 on 3.45 (0.87 percent).
 */
class MonteCarloVarTest {
  private static final int N = 200_000;

  /** 500 daily returns, mean about 0.0005 and standard deviation about 0.01, seeded. */
  private static double[] series(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] r = new double[500];
    for (int i = 0; i < r.length; i++) {
      r[i] = 0.0005 + 0.01 * random.nextGaussian();
    }
    return r;
  }

  private static double mean(double[] r) {
    double s = 0;
    for (double x : r) {
      s += x;
    }
    return s / r.length;
  }

  private static double sd(double[] r) {
    double m = mean(r);
    double s = 0;
    for (double x : r) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / (r.length - 1));
  }

  @Test
  void normalPathsConvergeToTheParametricValues() {
    double[] r = series(11);
    VarEstimate mc = ValueAtRisk.monteCarlo(PortfolioReturns.ofSeries(r), VarSpec.of(0.99, 1).withPaths(N));
    assertThat(mc.method()).isEqualTo(VarMethod.MONTE_CARLO);
    assertThat(mc.samples()).isEqualTo(N);
    assertThat(mc.dailyMean()).isCloseTo(mean(r), within(1e-17));
    assertThat(mc.dailyVolatility()).isCloseTo(sd(r), within(1e-15));
    assertThat(mc.var()).isCloseTo(ValueAtRisk.normalVar(mean(r), sd(r), 0.99), withinPercentage(1.1));
    assertThat(mc.cvar()).isCloseTo(ValueAtRisk.normalCvar(mean(r), sd(r), 0.99), withinPercentage(1.2));
  }

  @Test
  void studentTPathsConvergeToTheAnalyticStudentT() {
    // Analytic, unit variance: VaR = sqrt(3/5) t_5^-1(0.99) = sqrt(0.6) * 3.364929999 = 2.606463569,
    // ES = sqrt(0.6) f_5(t) (5 + t^2) / (4 * 0.01) = 3.448836760 (mpmath)
    assertThat(ValueAtRisk.studentTVar(0, 1, 5, 0.99)).isCloseTo(2.606463569384280, within(1e-12));
    assertThat(ValueAtRisk.studentTCvar(0, 1, 5, 0.99)).isCloseTo(3.448836760048016, within(1e-12));
    double[] r = series(12);
    double mu = mean(r);
    double sigma = sd(r);
    VarEstimate mc = ValueAtRisk.monteCarlo(PortfolioReturns.ofSeries(r),
        VarSpec.of(0.99, 1).withStudentT(5).withPaths(N));
    assertThat(mc.var()).isCloseTo(ValueAtRisk.studentTVar(mu, sigma, 5, 0.99), withinPercentage(1.9));
    assertThat(mc.cvar()).isCloseTo(ValueAtRisk.studentTCvar(mu, sigma, 5, 0.99), withinPercentage(2.7));
    // the fat tail lies beyond the normal one at 99 percent
    assertThat(mc.var()).isGreaterThan(ValueAtRisk.normalVar(mu, sigma, 0.99));
  }

  @Test
  void aCorrelatedPanelMatchesItsParametricVar() {
    // two assets with correlation about 0.6, long 0.7 and short 0.3
    SplittableRandom random = new SplittableRandom(5);
    double[][] panel = new double[2][400];
    for (int t = 0; t < 400; t++) {
      double common = random.nextGaussian();
      panel[0][t] = 0.0003 + 0.012 * common;
      panel[1][t] = 0.0001 + 0.02 * (0.6 * common + 0.8 * random.nextGaussian());
    }
    PortfolioReturns p = new PortfolioReturns(panel, new double[] {0.7, -0.3});
    VarEstimate parametric = ValueAtRisk.parametric(p, VarSpec.of(0.99, 1));
    VarEstimate mc = ValueAtRisk.monteCarlo(p, VarSpec.of(0.99, 1).withPaths(N));
    // sqrt(w' Sigma w) is the standard deviation of the portfolio series
    assertThat(mc.dailyVolatility()).isCloseTo(parametric.dailyVolatility(), within(1e-15));
    assertThat(mc.var()).isCloseTo(parametric.var(), withinPercentage(1.1));
    assertThat(mc.cvar()).isCloseTo(parametric.cvar(), withinPercentage(1.2));
  }

  @Test
  void theSeedFixesTheEstimateAndTheSquareRootRuleScalesIt() {
    PortfolioReturns p = PortfolioReturns.ofSeries(series(13));
    VarSpec spec = VarSpec.of(0.95, 1).withPaths(20_000);
    VarEstimate a = ValueAtRisk.monteCarlo(p, spec);
    assertThat(ValueAtRisk.monteCarlo(p, spec)).isEqualTo(a);
    assertThat(ValueAtRisk.monteCarlo(p, spec.withSeed(2)).var()).isNotEqualTo(a.var());
    // the same draws over 10 days: sqrt(10) times the one-day figures
    VarEstimate ten = ValueAtRisk.monteCarlo(p, spec.withHorizonDays(10));
    assertThat(ten.var()).isCloseTo(Math.sqrt(10) * a.var(), within(1e-15));
    assertThat(ten.cvar()).isCloseTo(Math.sqrt(10) * a.cvar(), within(1e-15));
  }

  @Test
  void compoundedPathsAreCloseToTheTenDayParametricVar() {
    // Ten compounded normal days: the sum of the returns is normal with mean 10 mu and sd sqrt(10) sigma, and the
    // cross products r_i r_j (sd about sqrt(45) sigma^2 = 0.07 percent of value against a VaR of 7 percent) move
    // the quantile by well under 1 percent; with the Monte Carlo error 2 percent is ample.
    double[] r = series(14);
    PortfolioReturns p = PortfolioReturns.ofSeries(r);
    VarEstimate mc = ValueAtRisk.monteCarlo(p, VarSpec.of(0.99, 10).withScaling(HorizonScaling.COMPOUNDED)
        .withPaths(50_000));
    assertThat(mc.scaling()).isEqualTo(HorizonScaling.COMPOUNDED);
    assertThat(mc.var()).isCloseTo(ValueAtRisk.normalVar(10 * mean(r), Math.sqrt(10) * sd(r), 0.99),
        withinPercentage(2));
  }

  @Test
  void aGivenCovarianceMayBeSingularButNotIndefinite() {
    // a constant series has no variance: every path loses -mu
    VarEstimate flat = ValueAtRisk.monteCarlo(PortfolioReturns.ofSeries(new double[] {0.001, 0.001, 0.001}),
        VarSpec.of(0.99, 1).withPaths(100));
    assertThat(flat.var()).isCloseTo(-0.001, within(1e-18));
    // the same asset twice (a rank-1 covariance): half in each is the same as all in the first, draw by draw
    double[][] twice = {{1e-4, 1e-4}, {1e-4, 1e-4}};
    VarSpec spec = VarSpec.of(0.99, 1).withPaths(50_000).withMean(false);
    VarEstimate split = ValueAtRisk.monteCarlo(new double[] {0, 0}, twice, new double[] {0.5, 0.5}, spec);
    VarEstimate first = ValueAtRisk.monteCarlo(new double[] {0, 0}, twice, new double[] {1, 0}, spec);
    assertThat(split.var()).isCloseTo(first.var(), within(1e-17));
    assertThat(split.dailyVolatility()).isCloseTo(0.01, within(1e-17));
    assertThat(split.var()).isCloseTo(ValueAtRisk.normalVar(0, 0.01, 0.99), withinPercentage(2));
    assertThat(split.observations()).isZero();
    assertThatThrownBy(() -> ValueAtRisk.monteCarlo(new double[] {0, 0}, new double[][] {{1e-4, 2e-4}, {2e-4, 1e-4}},
        new double[] {0.5, 0.5}, spec)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Argument 'covariance' is not positive semi-definite");
    assertThatThrownBy(() -> ValueAtRisk.monteCarlo(new double[] {0, 0}, twice, new double[] {1}, spec))
        .hasMessageContaining("must have one entry per asset but have 2, 2 and 1");
  }
}
