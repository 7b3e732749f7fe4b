package io.quantflow.models.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SharpeStatisticsTest {
  private static final double NORMAL_KURTOSIS = 3;

  @Test
  void psrIsPhiOfTheStandardisedExcessSharpe() {
    // skew 0, kurtosis 1: denominator 1, z = 0.196 * sqrt(100) = 1.96, Phi(1.96) = 0.9750021048517795
    assertThat(SharpeStatistics.probabilisticSharpe(0.196, 0, 101, 0, 1)).isCloseTo(0.9750021048517795,
        within(1e-14));
    // normal returns: denominator sqrt(1 + 2/4 * 0.196^2) = sqrt(1.019208), z = 1.96 / 1.0095583 = 1.9414431
    double z = 1.96 / Math.sqrt(1.019208);
    assertThat(SharpeStatistics.probabilisticSharpe(0.196, 0, 101, 0, NORMAL_KURTOSIS))
        .isCloseTo(StandardNormal.cdf(z), within(1e-14));
    // against a benchmark: (0.3 - 0.1) * sqrt(100) / sqrt(1 - 0.5 * 0.3 + 4/4 * 0.09) = 2 / sqrt(0.94)
    assertThat(SharpeStatistics.probabilisticSharpe(0.3, 0.1, 101, 0.5, 5))
        .isCloseTo(StandardNormal.cdf(2 / Math.sqrt(0.94)), within(1e-14));
  }

  @Test
  void negativeSkewAndFatTailsLowerThePsr() {
    double normal = SharpeStatistics.probabilisticSharpe(0.1, 0, 250, 0, NORMAL_KURTOSIS);
    double crashy = SharpeStatistics.probabilisticSharpe(0.1, 0, 250, -3, 10);
    // z = 0.1 sqrt(249) / sqrt(1.005) = 1.5740 vs 0.1 sqrt(249) / sqrt(1 + 0.3 + 0.0225) = 1.3721
    assertThat(normal).isCloseTo(StandardNormal.cdf(0.1 * Math.sqrt(249) / Math.sqrt(1.005)), within(1e-14));
    assertThat(crashy).isCloseTo(StandardNormal.cdf(0.1 * Math.sqrt(249) / Math.sqrt(1.3225)), within(1e-14));
    assertThat(crashy).isLessThan(normal);
  }

  @Test
  void expectedMaxSharpeFollowsTheExtremeValueFormula() {
    // N = 100, V = 1: 0.42278 * PhiInv(0.99) + 0.57722 * PhiInv(1 - 1/(100 e)) = 0.42278 * 2.32635 + 0.57722 * 2.68021
    double z = (1 - SharpeStatistics.EULER_GAMMA) * 2.3263478740408408
        + SharpeStatistics.EULER_GAMMA * StandardNormal.inverseCdf(1 - 1 / (100 * Math.E));
    assertThat(SharpeStatistics.expectedMaxSharpe(1, 100)).isCloseTo(z, within(1e-14))
        .isCloseTo(2.530602893201682, within(1e-13));
    // scales with the standard deviation of the trials
    assertThat(SharpeStatistics.expectedMaxSharpe(0.25, 100)).isCloseTo(0.5 * 2.530602893201682, within(1e-13));
    assertThat(SharpeStatistics.expectedMaxSharpe(0.25, 1)).isZero();
    assertThat(SharpeStatistics.expectedMaxSharpe(0, 100)).isZero();
  }

  /**
   * Bailey and López de Prado (2014), numerical example: annualised SR 2.5 over 5 years of daily returns (T = 1250,
   * 250 days a year), N = 100 trials whose annualised Sharpe ratios have variance 1/2, skew -3, kurtosis 10. The
   * paper quotes a per-day expected maximum of about 0.1132 and DSR of about 0.9004. By hand:
   *
   * <pre>
   * SR     = 2.5 / sqrt(250)                  = 0.158114 per day
   * V      = 0.5 / 250                        = 0.002, sqrt(V) = 0.044721
   * E[max] = 0.044721 * (0.422784 * 2.326348 + 0.577216 * PhiInv(0.996321) = 2.680210)
   *        = 0.044721 * 2.530603              = 0.113172 per day (1.7894 annualised)
   * z      = (0.158114 - 0.113172) * sqrt(1249) / sqrt(1 + 3 * 0.158114 + 9/4 * 0.025)
   *        = 0.044942 * 35.341194 / 1.237171 = 1.283816
   * DSR    = Phi(1.283816)                    = 0.900397
   * </pre>
   */
  @Test
  void deflatedSharpeReproducesThePapersNumericalExample() {
    double daysPerYear = 250;
    double sr = 2.5 / Math.sqrt(daysPerYear);
    double variance = 0.5 / daysPerYear;

    double sr0 = SharpeStatistics.expectedMaxSharpe(variance, 100);
    assertThat(sr0).isCloseTo(0.1132, within(5e-5)).isCloseTo(0.11317200186513203, within(1e-13));
    assertThat(sr0 * Math.sqrt(daysPerYear)).isCloseTo(1.7894, within(5e-5));

    double dsr = SharpeStatistics.deflatedSharpe(sr, 1250, -3, 10, variance, 100);
    assertThat(dsr).isCloseTo(0.9004, within(5e-5)).isCloseTo(0.9003968344493910, within(1e-11));
    assertThat(dsr).isEqualTo(SharpeStatistics.probabilisticSharpe(sr, sr0, 1250, -3, 10));
  }

  @Test
  void minimumTrackRecordLengthIsWherePsrReachesTheConfidence() {
    // 1 + (1 + 2/4 * 0.01) * (1.959963984540054 / 0.1)^2 = 1 + 1.005 * 384.1458820694124 = 387.0666114797595
    double minTrl = SharpeStatistics.minimumTrackRecordLength(0.1, 0, 0, NORMAL_KURTOSIS, 0.975);
    assertThat(minTrl).isCloseTo(387.0666114797595, within(1e-9));
    assertThat(SharpeStatistics.probabilisticSharpe(0.1, 0, 388, 0, NORMAL_KURTOSIS)).isGreaterThan(0.975);
    assertThat(SharpeStatistics.probabilisticSharpe(0.1, 0, 387, 0, NORMAL_KURTOSIS)).isLessThan(0.975);
  }

  @Test
  void argumentsAreChecked() {
    assertThatThrownBy(() -> SharpeStatistics.probabilisticSharpe(0.1, 0, 1, 0, 3)).hasMessageContaining("'n'");
    assertThatThrownBy(() -> SharpeStatistics.probabilisticSharpe(0.1, 0, 100, 0, 0.5))
        .hasMessageContaining("'kurtosis'");
    // 1 - 10 * 0.5 + 2/4 * 0.25 < 0
    assertThatThrownBy(() -> SharpeStatistics.probabilisticSharpe(0.5, 0, 100, 10, 3))
        .hasMessageContaining("'skew'");
    assertThatThrownBy(() -> SharpeStatistics.expectedMaxSharpe(-1, 10))
        .hasMessageContaining("'trialSharpeVariance'");
    assertThatThrownBy(() -> SharpeStatistics.expectedMaxSharpe(1, 0)).hasMessageContaining("'trials'");
    assertThatThrownBy(() -> SharpeStatistics.minimumTrackRecordLength(0.1, 0.2, 0, 3, 0.95))
        .hasMessageContaining("'sr'");
    assertThatThrownBy(() -> SharpeStatistics.minimumTrackRecordLength(0.1, 0, 0, 3, 1))
        .hasMessageContaining("'confidence'");
  }
}
