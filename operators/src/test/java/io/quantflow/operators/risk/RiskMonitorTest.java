package io.quantflow.operators.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.models.risk.limits.RiskLimits;
import io.quantflow.operators.portfolio.BookSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exposures, historical VaR and limit alerts of a book, worked out by hand. */
class RiskMonitorTest {
  static final long T0 = 1_549_895_400_000_000L;
  static final long MIN = 60_000_000L;

  static BookSnapshot book(int k, double equity, double peak, double aaplShares, double aapl, double msftShares,
      double msft) {
    return new BookSnapshot(T0 + k * MIN, equity, peak, new String[] {"AAPL", "MSFT"},
        new double[] {aaplShares, msftShares}, new double[] {aapl, msft});
  }

  @Test
  void exposuresConcentrationAndDrawdownOfALongShortBook() {
    RiskMonitor m = new RiskMonitor(RiskConfig.DEFAULT, RiskLimits.none(), Map.of());
    // 100 AAPL at 100 (10,000 long), -50 MSFT at 200 (10,000 short), equity 100,000, peak 125,000
    RiskReport r = m.apply(new RiskMonitor.State(), book(0, 100_000, 125_000, 100, 100, -50, 200)).report();
    assertThat(r.grossExposure()).isCloseTo(0.2, within(1e-15));
    assertThat(r.netExposure()).isZero();
    assertThat(r.largestPositionWeight()).isCloseTo(0.1, within(1e-15));
    assertThat(r.concentration()).isCloseTo(0.02, within(1e-15)); // 0.1^2 + 0.1^2
    assertThat(r.drawdown()).isCloseTo(0.2, within(1e-15));
    assertThat(r.valueAtRisk()).isNaN(); // no returns yet
    assertThat(r.worstLimitUsage()).isNaN();
  }

  @Test
  void historicalVarIsTheWorstWeightedReturnOfTheWindow() {
    // one-bar horizon, 99%: with 39 returns the tail is the single worst one (ceil(39 x 0.01) = 1)
    RiskConfig cfg = new RiskConfig(null, 50, 1, 0.99, "historical", null, 30);
    RiskMonitor m = new RiskMonitor(cfg, RiskLimits.none(), Map.of());
    RiskMonitor.State s = new RiskMonitor.State();
    double price = 100;
    double worst = 0;
    RiskReport last = null;
    for (int k = 0; k < 40; k++) {
      double r = k == 0 ? 0 : (k == 17 ? -0.03 : 0.001 * ((k % 5) - 2)); // bar 17 falls 3%
      price *= 1 + r;
      worst = Math.min(worst, r);
      // 500 AAPL shares: weight = 500 price / 100,000; MSFT flat and not held
      last = m.apply(s, book(k, 100_000, 100_000, 500, price, 0, 50)).report();
      if (k < 30) {
        assertThat(last.valueAtRisk()).as("bar %d", k).isNaN(); // fewer than minBars returns
      }
    }
    double weight = 500 * price / 100_000;
    // the weighted worst return, w x r with the current weight; the kernel's floating point may differ in the
    // last bit from this product
    assertThat(last.valueAtRisk()).isCloseTo(-weight * worst, within(1e-15));
    assertThat(last.conditionalValueAtRisk()).isCloseTo(-weight * worst, within(1e-15));
  }

  @Test
  void aBreachAlertsOnceAndReArmsBelowNinetyPercentOfItsLimit() {
    RiskMonitor m = new RiskMonitor(RiskConfig.DEFAULT, RiskLimits.none().withMaxGrossExposure(0.15), Map.of());
    RiskMonitor.State s = new RiskMonitor.State();
    List<RiskAlert> first = m.apply(s, book(0, 100_000, 100_000, 100, 100, -50, 200)).alerts(); // gross 0.20
    assertThat(first).singleElement().satisfies(a -> {
      assertThat(a.limit()).isEqualTo("portfolio.limits.maxGrossExposure");
      assertThat(a.subject()).isEqualTo("book");
      assertThat(a.value()).isCloseTo(0.2, within(1e-15));
      assertThat(a.message()).endsWith("raise portfolio.limits.maxGrossExposure");
    });
    assertThat(m.apply(s, book(1, 100_000, 100_000, 100, 100, -50, 200)).alerts()).isEmpty(); // still breached
    RiskReport at14 = m.apply(s, book(2, 100_000, 100_000, 100, 100, -20, 200)).report(); // 0.14: within, not re-armed
    assertThat(at14.breaches()).isZero();
    assertThat(at14.worstLimitUsage()).isCloseTo(0.14 / 0.15, within(1e-12));
    assertThat(m.apply(s, book(3, 100_000, 100_000, 100, 100, -50, 200)).alerts()).isEmpty();
    m.apply(s, book(4, 100_000, 100_000, 100, 100, -10, 200)); // 0.12 < 0.135: re-armed
    assertThat(m.apply(s, book(5, 100_000, 100_000, 100, 100, -50, 200)).alerts()).hasSize(1);
  }
}
