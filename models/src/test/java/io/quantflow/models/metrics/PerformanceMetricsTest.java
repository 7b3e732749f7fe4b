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
    assertThatThrownBy(() -> PerformanceMetrics.of(new double[] {100}, 252, 0))
        .hasMessageContaining("equity");
  }
}
