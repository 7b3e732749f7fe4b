package io.quantflow.models.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Strategy returns +2%, -1%, +3%, 0 against benchmark returns +1%, -2%, +2%, +1%, worked by hand: means 0.01 and
 * 0.005; deviations (0.01, -0.02, 0.02, -0.01) and (0.005, -0.025, 0.015, 0.005); sums of products: cross 0.0008,
 * strategy 0.001, benchmark 0.0009 (each over n - 1 = 3 for the sample moments).
 */
class BenchmarkMetricsTest {
  private static final double TOLERANCE = 1e-12;
  private static final double[] STRATEGY = equity(100, 0.02, -0.01, 0.03, 0.00);
  private static final double[] BENCHMARK = equity(100, 0.01, -0.02, 0.02, 0.01);

  @Test
  void matchesTheHandWorkedSeries() {
    BenchmarkMetrics m = BenchmarkMetrics.of(STRATEGY, BENCHMARK, 252, 0);
    // beta = 0.0008 / 0.0009
    assertThat(m.beta()).isCloseTo(8.0 / 9, within(TOLERANCE));
    // alpha = (0.01 - 8/9 * 0.005) * 252 = 0.05 / 9 * 252
    assertThat(m.alpha()).isCloseTo(1.4, within(TOLERANCE));
    // correlation = 0.0008 / sqrt(0.001 * 0.0009)
    assertThat(m.correlation()).isCloseTo(0.8 / Math.sqrt(0.9), within(TOLERANCE));
    // r_p - r_b = (0.01, 0.01, 0.01, -0.01): mean 0.005, squared deviations 3 * 0.005^2 + 0.015^2 = 0.0003,
    // sample stdev sqrt(0.0003 / 3) = 0.01
    assertThat(m.trackingError()).isCloseTo(0.01 * Math.sqrt(252), within(TOLERANCE));
    // 0.005 * 252 / (0.01 * sqrt(252)) = 0.5 * sqrt(252)
    assertThat(m.informationRatio()).isCloseTo(0.5 * Math.sqrt(252), within(1e-9));
    // 1.01 * 0.98 * 1.02 * 1.01 = 1.01969196; strategy 1.02 * 0.99 * 1.03 * 1.00 = 1.040094
    assertThat(m.benchmarkTotalReturn()).isCloseTo(0.01969196, within(TOLERANCE));
    assertThat(m.excessTotalReturn()).isCloseTo(0.040094 - 0.01969196, within(TOLERANCE));
    assertThat(m.periods()).isEqualTo(4);
  }

  @Test
  void alphaDeductsTheRiskFreeRatePerPeriod() {
    // rf / P = 0.0252 / 252 = 0.0001: ((0.01 - 0.0001) - 8/9 * (0.005 - 0.0001)) * 252 = 1.4 - 0.0252 / 9
    BenchmarkMetrics m = BenchmarkMetrics.of(STRATEGY, BENCHMARK, 252, 0.0252);
    assertThat(m.alpha()).isCloseTo(1.3972, within(TOLERANCE));
    assertThat(m.beta()).isCloseTo(8.0 / 9, within(TOLERANCE));
  }

  @Test
  void aBenchmarkAgainstItselfHasBetaOneAndNoAlpha() {
    BenchmarkMetrics m = BenchmarkMetrics.of(BENCHMARK, BENCHMARK, 252, 0.03);
    assertThat(m.beta()).isCloseTo(1, within(TOLERANCE));
    assertThat(m.alpha()).isCloseTo(0, within(TOLERANCE));
    assertThat(m.correlation()).isCloseTo(1, within(TOLERANCE));
    assertThat(m.trackingError()).isZero();
    assertThat(m.informationRatio()).isNaN();
    assertThat(m.excessTotalReturn()).isZero();
  }

  @Test
  void twiceTheBenchmarkReturnsHasBetaTwo() {
    double[] bench = equity(100, 0.01, -0.02, 0.02, 0.01, -0.005);
    double[] levered = equity(100, 0.02, -0.04, 0.04, 0.02, -0.01);
    double rf = 0.0252;
    BenchmarkMetrics m = BenchmarkMetrics.of(levered, bench, 252, rf);
    assertThat(m.beta()).isCloseTo(2, within(TOLERANCE));
    assertThat(m.correlation()).isCloseTo(1, within(TOLERANCE));
    // (mean(2 r_b) - rf/P - 2 (mean(r_b) - rf/P)) * P = rf: leverage without borrowing cost earns the rate
    assertThat(m.alpha()).isCloseTo(rf, within(TOLERANCE));
    // r_p - r_b = r_b: tracking error is the benchmark's volatility, IR its mean * P over that
    double mean = (0.01 - 0.02 + 0.02 + 0.01 - 0.005) / 5; // 0.003
    double ss = 0;
    for (double r : new double[] {0.01, -0.02, 0.02, 0.01, -0.005}) {
      ss += (r - mean) * (r - mean);
    }
    double vol = Math.sqrt(ss / 4) * Math.sqrt(252);
    assertThat(m.trackingError()).isCloseTo(vol, within(TOLERANCE));
    assertThat(m.informationRatio()).isCloseTo(mean * 252 / vol, within(1e-9));
  }

  @Test
  void aFlatBenchmarkLeavesBetaAlphaAndCorrelationUndefined() {
    BenchmarkMetrics m = BenchmarkMetrics.of(STRATEGY, new double[] {50, 50, 50, 50, 50}, 252, 0);
    assertThat(m.beta()).isNaN();
    assertThat(m.alpha()).isNaN();
    assertThat(m.correlation()).isNaN();
    assertThat(m.benchmarkTotalReturn()).isZero();
    assertThat(m.excessTotalReturn()).isCloseTo(0.040094, within(TOLERANCE));
  }

  @Test
  void rejectsMisalignedOrShortCurves() {
    assertThatThrownBy(() -> BenchmarkMetrics.of(STRATEGY, new double[] {100, 101, 102}, 252, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same length");
    assertThatThrownBy(() -> BenchmarkMetrics.of(new double[] {100, 101}, new double[] {100, 101}, 252, 0))
        .hasMessageContaining("strategyEquity");
    assertThatThrownBy(() -> BenchmarkMetrics.of(STRATEGY, new double[] {100, 101, 0, 102, 103}, 252, 0))
        .hasMessageContaining("benchmarkEquity[2]");
  }

  /** Equity curve starting at {@code start} and compounding the given simple returns. */
  private static double[] equity(double start, double... returns) {
    double[] e = new double[returns.length + 1];
    e[0] = start;
    for (int i = 0; i < returns.length; i++) {
      e[i + 1] = e[i] * (1 + returns[i]);
    }
    return e;
  }
}
