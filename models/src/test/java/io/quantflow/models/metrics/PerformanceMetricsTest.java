package io.quantflow.models.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * A five-point equity curve worked by hand: returns +10%, -10%, +5.5556%, +14.8325%; mean 0.0509702286, sample
 * stdev 0.1075406513, downside deviation sqrt(0.1^2 / 4) = 0.05.
 */
class PerformanceMetricsTest {
  private static final double[] EQUITY = {100, 110, 99, 104.5, 120};

  @Test
  void ratiosFollowTheDocumentedConventions() {
    PerformanceMetrics m = PerformanceMetrics.of(EQUITY, 252, 0);
    assertThat(m.totalReturn()).isCloseTo(0.2, within(1e-12));
    assertThat(m.annualizedReturn()).isCloseTo(Math.pow(1.2, 252 / 4.0) - 1, within(1e-6));
    assertThat(m.annualizedVolatility()).isCloseTo(0.10754065125443246 * Math.sqrt(252), within(1e-12));
    assertThat(m.sharpe()).isCloseTo(7.523920354328489, within(1e-9));
    assertThat(m.sortino()).isCloseTo(16.182545897819324, within(1e-9));
    // peak 110, trough 99: 10%; under water for 2 periods (99, 104.5)
    assertThat(m.maxDrawdown()).isCloseTo(0.1, within(1e-12));
    assertThat(m.maxDrawdownPeriods()).isEqualTo(2);
    assertThat(m.periods()).isEqualTo(4);
  }

  @Test
  void calmarIsAnnualisedReturnOverMaxDrawdown() {
    PerformanceMetrics m = PerformanceMetrics.of(EQUITY, 252, 0);
    // (1.2^(252 / 4) - 1) / 0.1
    assertThat(m.calmar()).isCloseTo((Math.pow(1.2, 63) - 1) / 0.1, within(1e-3));
    assertThat(m.calmar()).isCloseTo(973675.0480227197, within(1e-3));
    // never under water: drawdown 0, Calmar undefined
    assertThat(PerformanceMetrics.of(new double[] {100, 101, 103}, 252, 0).calmar()).isNaN();
  }

  @Test
  void bestAndWorstPeriodsAreTheExtremeReturns() {
    PerformanceMetrics m = PerformanceMetrics.of(EQUITY, 252, 0);
    assertThat(m.bestPeriod()).isCloseTo(120 / 104.5 - 1, within(1e-15)); // +14.8325%
    assertThat(m.worstPeriod()).isCloseTo(-0.1, within(1e-15)); // 99 / 110 - 1
  }

  @Test
  void skewnessAndKurtosisAreTheBiasCorrectedSampleEstimators() {
    PerformanceMetrics m = PerformanceMetrics.of(EQUITY, 252, 0);
    // Reference values: scipy.stats.skew(r, bias=False) and scipy.stats.kurtosis(r, bias=False) of the 4 returns.
    assertThat(m.skewness()).isCloseTo(-1.286595352928587, within(1e-12));
    assertThat(m.excessKurtosis()).isCloseTo(1.8294036591719003, within(1e-12));
    // The same estimators written as Excel's SKEW and KURT, over z-scores with the sample standard deviation.
    double[] r = {0.1, -0.1, 104.5 / 99 - 1, 120 / 104.5 - 1};
    int n = r.length;
    double mean = (r[0] + r[1] + r[2] + r[3]) / n;
    double s = 0;
    for (double x : r) {
      s += (x - mean) * (x - mean);
    }
    s = Math.sqrt(s / (n - 1));
    double z3 = 0;
    double z4 = 0;
    for (double x : r) {
      z3 += Math.pow((x - mean) / s, 3);
      z4 += Math.pow((x - mean) / s, 4);
    }
    double skew = (double) n / ((n - 1) * (n - 2)) * z3;
    double kurt = (double) n * (n + 1) / ((n - 1) * (n - 2) * (n - 3)) * z4
        - 3.0 * (n - 1) * (n - 1) / ((n - 2) * (n - 3));
    assertThat(m.skewness()).isCloseTo(skew, within(1e-12));
    assertThat(m.excessKurtosis()).isCloseTo(kurt, within(1e-12));
  }

  @Test
  void higherMomentsNeedEnoughPeriods() {
    // 3 returns: skewness defined, excess kurtosis needs 4
    PerformanceMetrics three = PerformanceMetrics.of(new double[] {100, 110, 99, 104.5}, 252, 0);
    assertThat(three.skewness()).isFinite();
    assertThat(three.excessKurtosis()).isNaN();
    PerformanceMetrics two = PerformanceMetrics.of(new double[] {100, 110, 99}, 252, 0);
    assertThat(two.skewness()).isNaN();
    // symmetric returns -1%, 0, +1% (as equity 100 -> 99 -> 99 -> 99.99): skewness 0
    assertThat(PerformanceMetrics.of(new double[] {100, 99, 99, 99.99}, 252, 0).skewness())
        .isCloseTo(0, within(1e-9));
  }

  @Test
  void theRiskFreeRateIsDeductedPerPeriod() {
    PerformanceMetrics m = PerformanceMetrics.of(EQUITY, 252, 0.0252); // 0.0001 per period
    assertThat(m.sharpe()).isCloseTo(7.509158952308678, within(1e-9));
    assertThat(m.sortino()).isCloseTo(16.134662219866676, within(1e-9));
  }

  @Test
  void undefinedRatiosAreNaN() {
    PerformanceMetrics flat = PerformanceMetrics.of(new double[] {100, 100, 100}, 252, 0);
    assertThat(flat.sharpe()).isNaN();
    assertThat(flat.sortino()).isNaN();
    assertThat(flat.maxDrawdown()).isZero();
    assertThat(flat.calmar()).isNaN();
    assertThat(flat.skewness()).isNaN();
    assertThat(flat.bestPeriod()).isZero();
    assertThatThrownBy(() -> PerformanceMetrics.of(new double[] {100}, 252, 0))
        .hasMessageContaining("equity");
  }

  @Test
  void theMomentsAreThoseOfSampleMomentsOfThePeriodReturns() {
    double[] r = new double[EQUITY.length - 1];
    for (int i = 0; i < r.length; i++) {
      r[i] = EQUITY[i + 1] / EQUITY[i] - 1;
    }
    SampleMoments moments = SampleMoments.of(r);
    PerformanceMetrics m = PerformanceMetrics.of(EQUITY, 252, 0);
    assertThat(m.skewness()).isEqualTo(moments.skewness());
    assertThat(m.excessKurtosis()).isEqualTo(moments.excessKurtosis());
    assertThat(m.annualizedVolatility()).isEqualTo(moments.standardDeviation() * Math.sqrt(252));
    assertThatThrownBy(() -> PerformanceMetrics.of(new double[] {100, 101, Double.NaN}, 252, 0))
        .hasMessage("Argument 'equity[2]' must be finite but was NaN");
  }
}
