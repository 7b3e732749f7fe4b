package io.quantflow.models.execution;

import static io.quantflow.models.execution.TestBars.bar;
import static io.quantflow.models.execution.TestBars.quoted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpreadAndImpactTest {
  private static final double EXACT = 1e-15;

  @Test
  void aKnownQuotedSpreadIsHalved() {
    // 4 bps full spread -> 2 bps = 0.0002 half-spread, whatever the bar's range
    assertThat(SpreadCost.defaults().halfSpreadFraction(quoted(bar(0, 100, 101, 99, 100, 1000), 4.0)))
        .isCloseTo(0.0002, within(EXACT));
  }

  @Test
  void withoutQuotesTheSpreadIsATenthOfTheRangeAboveAFloor() {
    SpreadCost s = SpreadCost.defaults();
    // range (101 - 99) / 100 = 0.02, * 0.1 = 0.002 full (20 bps) > 2 bp floor -> half 0.001
    assertThat(s.halfSpreadFraction(bar(0, 100, 101, 99, 100, 1000))).isCloseTo(0.001, within(EXACT));
    // range 0.10 / 100 = 0.001, * 0.1 = 1 bp < 2 bp floor -> 2 bps full -> half 0.0001
    assertThat(s.halfSpreadFraction(bar(0, 100, 100.05, 99.95, 100, 1000))).isCloseTo(0.0001, within(EXACT));
    assertThat(SpreadCost.NONE.halfSpreadFraction(bar(0, 100, 101, 99, 100, 1000))).isZero();
  }

  @Test
  void impactFollowsTheSquareRootLaw() {
    MarketContext m = new MarketContext(0.02, 1_000_000);
    // 1.0 * 0.02 * sqrt(10,000 / 1,000,000) = 0.02 * 0.1 = 0.002 (20 bps)
    assertThat(SquareRootImpact.defaults().fraction(10_000, m)).isCloseTo(0.002, within(EXACT));
    // sign does not matter; 0.5 * 0.02 * sqrt(40,000 / 1e6) = 0.5 * 0.02 * 0.2 = 0.002
    assertThat(new SquareRootImpact(0.5).fraction(-40_000, m)).isCloseTo(0.002, within(EXACT));
    // four times the shares, twice the impact
    assertThat(SquareRootImpact.defaults().fraction(40_000, m))
        .isCloseTo(2 * SquareRootImpact.defaults().fraction(10_000, m), within(EXACT));
    assertThat(SquareRootImpact.NONE.fraction(10_000, m)).isZero();
  }

  @Test
  void rejectsBadParameters() {
    assertThatThrownBy(() -> new SpreadCost(-1, 0.1)).hasMessageContaining("floorBps");
    assertThatThrownBy(() -> new SquareRootImpact(-1)).hasMessageContaining("coefficient");
    assertThatThrownBy(() -> new MarketContext(0.02, 0)).hasMessageContaining("averageDailyVolume");
    assertThatThrownBy(() -> new MarketContext(Double.NaN, 1)).hasMessageContaining("dailyVolatility");
  }
}
