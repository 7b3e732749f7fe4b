package io.quantflow.models.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Returns of {@code EQUITY}: +10%, -10%, +5.5556%, +14.8325%. */
class RollingStatisticsTest {
  private static final double[] EQUITY = {100, 110, 99, 104.5, 120};
  private static final double SQRT_252 = Math.sqrt(252);

  @Test
  void drawdownIsTheUnderwaterCurve() {
    // peaks 100, 110, 110, 110, 120
    assertThat(RollingStatistics.drawdown(EQUITY))
        .containsExactly(new double[] {0, 0, 99 / 110.0 - 1, 104.5 / 110 - 1, 0}, within(1e-15));
    assertThat(RollingStatistics.drawdown(EQUITY)[2]).isCloseTo(-0.1, within(1e-15));
    assertThat(RollingStatistics.drawdown(EQUITY)[3]).isCloseTo(-0.05, within(1e-15));
  }

  @Test
  void volatilityOverTwoReturnsIsTheirGapOverRootTwo() {
    // sample stdev of {a, b} is |a - b| / sqrt(2)
    double[] r = {0.1, -0.1, 104.5 / 99 - 1, 120 / 104.5 - 1};
    double[] v = RollingStatistics.volatility(EQUITY, 2, 252);
    assertThat(v).hasSize(5);
    assertThat(v[0]).isNaN();
    assertThat(v[1]).isNaN();
    assertThat(v[2]).isCloseTo(0.2 / Math.sqrt(2) * SQRT_252, within(1e-12));
    assertThat(v[3]).isCloseTo(Math.abs(r[1] - r[2]) / Math.sqrt(2) * SQRT_252, within(1e-12));
    assertThat(v[4]).isCloseTo(Math.abs(r[2] - r[3]) / Math.sqrt(2) * SQRT_252, within(1e-12));
  }

  @Test
  void sharpeOverTheWholeCurveEqualsTheFullSampleSharpe() {
    double[] s = RollingStatistics.sharpe(EQUITY, 4, 252, 0.0252);
    assertThat(s[3]).isNaN();
    assertThat(s[4]).isCloseTo(PerformanceMetrics.of(EQUITY, 252, 0.0252).sharpe(), within(1e-12));
    // window 2 at point 2: returns +10% and -10% have mean 0
    assertThat(RollingStatistics.sharpe(EQUITY, 2, 252, 0)[2]).isCloseTo(0, within(1e-12));
  }

  @Test
  void slidingWindowsMatchATwoPassCalculation() {
    Random random = new Random(7);
    int points = 3001;
    double[] equity = new double[points];
    equity[0] = 1_000_000;
    for (int i = 1; i < points; i++) {
      // a flat stretch longer than the window from 1000 to 1200: out of the market
      double r = i > 1000 && i <= 1200 ? 0 : 0.0005 + 0.01 * random.nextGaussian();
      equity[i] = equity[i - 1] * (1 + r);
    }
    int window = 60;
    double[] vol = RollingStatistics.volatility(equity, window, 252);
    double[] sharpe = RollingStatistics.sharpe(equity, window, 252, 0.02);
    for (int i = 0; i < points; i++) {
      if (i < window) {
        assertThat(vol[i]).isNaN();
        assertThat(sharpe[i]).isNaN();
        continue;
      }
      double mean = 0;
      for (int j = i - window + 1; j <= i; j++) {
        mean += equity[j] / equity[j - 1] - 1;
      }
      mean /= window;
      double ss = 0;
      for (int j = i - window + 1; j <= i; j++) {
        double d = equity[j] / equity[j - 1] - 1 - mean;
        ss += d * d;
      }
      double sd = Math.sqrt(ss / (window - 1));
      assertThat(vol[i]).as("volatility at %d", i).isCloseTo(sd * SQRT_252, within(1e-12));
      if (i >= 1000 + window && i <= 1200) {
        assertThat(vol[i]).as("flat window at %d", i).isZero();
        assertThat(sharpe[i]).as("flat window at %d", i).isNaN();
      } else {
        assertThat(sharpe[i]).as("sharpe at %d", i).isCloseTo((mean - 0.02 / 252) / sd * SQRT_252, within(1e-9));
      }
    }
  }

  @Test
  void rejectsAWindowTooShortForAStandardDeviation() {
    assertThatThrownBy(() -> RollingStatistics.volatility(EQUITY, 1, 252))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window");
  }
}
