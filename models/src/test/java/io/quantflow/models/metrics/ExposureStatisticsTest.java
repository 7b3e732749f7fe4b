package io.quantflow.models.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Five points: gross / equity = 0, 55/110, 99/99, 0, 60/120 = 0, 0.5, 1, 0, 0.5; net / equity = 0, 0.5, -0.5, 0,
 * 0.25; mean equity (100 + 110 + 99 + 104.5 + 120) / 5 = 106.7.
 */
class ExposureStatisticsTest {
  private static final double[] EQUITY = {100, 110, 99, 104.5, 120};
  private static final double[] GROSS = {0, 55, 99, 0, 60};
  private static final double[] NET = {0, 55, -49.5, 0, 30};

  @Test
  void averagesExposureAsFractionsOfEquity() {
    ExposureStatistics s = ExposureStatistics.of(EQUITY, GROSS, NET, 1067, 252);
    assertThat(s.averageGrossExposure()).isCloseTo(2.0 / 5, within(1e-12));
    assertThat(s.averageNetExposure()).isCloseTo(0.25 / 5, within(1e-12));
    // gross > 0 at 3 of 5 points
    assertThat(s.timeInMarket()).isCloseTo(0.6, within(1e-12));
  }

  @Test
  void turnoverIsOneWayAndAnnualised() {
    // 1067 traded / 106.7 mean equity = 10 both ways, 5 one way, over 4 periods of 252 a year: 5 * 252 / 4
    ExposureStatistics s = ExposureStatistics.of(EQUITY, GROSS, NET, 1067, 252);
    assertThat(s.annualTurnover()).isCloseTo(315, within(1e-9));
    // selling a 100 USD book and buying another: 200 traded, one turnover, here in one period of a 1-period year
    assertThat(ExposureStatistics.of(new double[] {100, 100}, new double[] {100, 100}, new double[] {100, 100},
        200, 1).annualTurnover()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void rejectsInconsistentExposures() {
    assertThatThrownBy(() -> ExposureStatistics.of(EQUITY, GROSS, new double[] {0, 56, 0, 0, 0}, 0, 252))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("netExposure[1]");
    assertThatThrownBy(() -> ExposureStatistics.of(EQUITY, new double[] {0, 1}, NET, 0, 252))
        .hasMessageContaining("grossExposure");
    assertThatThrownBy(() -> ExposureStatistics.of(EQUITY, GROSS, NET, -1, 252))
        .hasMessageContaining("tradedNotional");
  }
}
