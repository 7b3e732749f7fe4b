package io.quantflow.operators.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Direction;
import io.quantflow.domain.Signal;
import io.quantflow.domain.Timeframe;
import io.quantflow.models.risk.limits.RiskLimits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pre-trade limits inside the portfolio operator (the same kernel in backtest and live): a target that breaks
 * a limit is cut to the largest size that keeps it or refused, with the reason; the drawdown kill switch closes
 * positions. Sizes worked out by hand on frictionless fills.
 */
class PortfolioLimitsTest {
  private static final long T0 = 1_549_895_400_000_000L; // 2019-02-11T14:30:00Z
  private static final long MIN = 60_000_000L;

  private static Bar bar(String symbol, long start, double price) {
    return Bar.of(symbol, Timeframe.M1, start, price, price, price, price, 1_000_000);
  }

  /** One instant: bars then signals, collecting everything. */
  private static PortfolioSimulator.Collected step(PortfolioSimulator sim, long instant, List<Bar> bars,
      List<Signal> signals) {
    PortfolioSimulator.Collected c = new PortfolioSimulator.Collected();
    sim.beginInstant(instant, c);
    bars.forEach(b -> sim.onBar(b, c));
    signals.forEach(s -> sim.onSignal(s, c));
    sim.endInstant(instant, !bars.isEmpty(), c);
    return c;
  }

  private static Signal signal(String symbol, long t, Direction d) {
    return new Signal(symbol, t, d, 1.0, 15 * MIN, "test");
  }

  @Test
  void aPositionLimitCutsTheTargetToWholeSharesAndSaysWhy() {
    // $100,000, universe 2: a LONG targets 50,000 USD; the limit allows 10% of equity = 10,000 USD at 100 = 100 sh
    SimulationConfig cfg = SimulationConfig.frictionless(100_000, 2, 1.0, 0)
        .withLimits(RiskLimits.none().withMaxPositionWeight(0.10), null);
    PortfolioSimulator sim = new PortfolioSimulator(cfg);
    step(sim, T0 + MIN, List.of(bar("AAPL", T0, 100)), List.of());
    PortfolioSimulator.Collected c = step(sim, T0 + MIN, List.of(), List.of(signal("AAPL", T0 + MIN,
        Direction.LONG)));
    assertThat(c.rejected).singleElement().satisfies(r -> {
      assertThat(r.stage()).isEqualTo("risk-limits");
      assertThat(r.symbol()).isEqualTo("AAPL");
      assertThat(r.reason()).startsWith("resized: target 500 shares cut to 100")
          .endsWith("raise portfolio.limits.maxPositionWeight to allow more");
    });
    assertThat(c.routed).singleElement().satisfies(o -> assertThat(o.order().quantity()).isEqualTo(100));
    step(sim, T0 + 2 * MIN, List.of(bar("AAPL", T0 + MIN, 100)), List.of());
    assertThat(sim.position("AAPL")).isEqualTo(100);
  }

  @Test
  void aSectorLimitRefusesTheSecondBankAndAllowsTheOtherSector() {
    // universe 4 at 25,000 USD each; financials capped at 30% of equity: JPM gets 250 shares (25,000), BAC the
    // 5,000 left (50 shares), MSFT (another sector) its full 250
    SimulationConfig cfg = SimulationConfig.frictionless(100_000, 4, 1.0, 0)
        .withLimits(RiskLimits.none().withMaxSectorWeight(0.30),
            Map.of("JPM", "financials", "BAC", "financials", "MSFT", "tech"));
    PortfolioSimulator sim = new PortfolioSimulator(cfg);
    step(sim, T0 + MIN, List.of(bar("JPM", T0, 100), bar("BAC", T0, 100), bar("MSFT", T0, 100)), List.of());
    step(sim, T0 + MIN, List.of(), List.of(signal("JPM", T0 + MIN, Direction.LONG)));
    step(sim, T0 + 2 * MIN, List.of(bar("JPM", T0 + MIN, 100), bar("BAC", T0 + MIN, 100),
        bar("MSFT", T0 + MIN, 100)), List.of());
    assertThat(sim.position("JPM")).isEqualTo(250);
    PortfolioSimulator.Collected c = step(sim, T0 + 2 * MIN, List.of(), List.of(
        signal("BAC", T0 + 2 * MIN, Direction.LONG), signal("MSFT", T0 + 2 * MIN, Direction.LONG)));
    assertThat(c.rejected).singleElement().satisfies(r -> {
      assertThat(r.symbol()).isEqualTo("BAC");
      assertThat(r.reason()).startsWith("resized: target 250 shares cut to 50");
    });
    step(sim, T0 + 3 * MIN, List.of(bar("JPM", T0 + 2 * MIN, 100), bar("BAC", T0 + 2 * MIN, 100),
        bar("MSFT", T0 + 2 * MIN, 100)), List.of());
    assertThat(sim.position("BAC")).isEqualTo(50);
    assertThat(sim.position("MSFT")).isEqualTo(250);
  }

  @Test
  void theDrawdownKillSwitchClosesTheWholeBookAtOnceAndStaysOn() {
    // 10% drawdown limit, universe 2 at 50,000 USD each: 1,000 AAPL at 50 and 500 MSFT at 100; AAPL falls to 35:
    // equity 85,000, 15% below the peak of 100,000
    SimulationConfig cfg = SimulationConfig.frictionless(100_000, 2, 1.0, 0)
        .withLimits(RiskLimits.none().withMaxDrawdown(0.10), null);
    PortfolioSimulator sim = new PortfolioSimulator(cfg);
    step(sim, T0 + MIN, List.of(bar("AAPL", T0, 50), bar("MSFT", T0, 100)), List.of());
    step(sim, T0 + MIN, List.of(), List.of(signal("AAPL", T0 + MIN, Direction.LONG),
        signal("MSFT", T0 + MIN, Direction.LONG)));
    step(sim, T0 + 2 * MIN, List.of(bar("AAPL", T0 + MIN, 50), bar("MSFT", T0 + MIN, 100)), List.of());
    assertThat(sim.position("AAPL")).isEqualTo(1000);
    assertThat(sim.position("MSFT")).isEqualTo(500);
    // the valuation that sees the drawdown trips the switch and orders every position closed, no decision needed
    PortfolioSimulator.Collected trip = step(sim, T0 + 3 * MIN, List.of(bar("AAPL", T0 + 2 * MIN, 35),
        bar("MSFT", T0 + 2 * MIN, 100)), List.of());
    assertThat(sim.equity()).isEqualTo(85_000);
    assertThat(sim.state().killSwitchMicros).isEqualTo(T0 + 3 * MIN);
    assertThat(trip.rejected).singleElement().satisfies(r -> {
      assertThat(r.stage()).isEqualTo("risk-limits");
      assertThat(r.reason()).startsWith("drawdown kill switch tripped: equity 85000.00 is 15.00% below its peak "
          + "100000.00 (limit 10.00%, portfolio.limits.maxDrawdown)").contains("all 2 positions are ordered closed");
    });
    assertThat(trip.routed).extracting(o -> o.order().symbol() + " " + o.order().quantity())
        .containsExactly("AAPL -1000.0", "MSFT -500.0");
    step(sim, T0 + 4 * MIN, List.of(bar("AAPL", T0 + 3 * MIN, 35), bar("MSFT", T0 + 3 * MIN, 100)), List.of());
    assertThat(sim.position("AAPL")).isZero();
    assertThat(sim.position("MSFT")).isZero();
    // it stays on: a new position is refused, with the reason
    PortfolioSimulator.Collected later = step(sim, T0 + 4 * MIN, List.of(), List.of(
        signal("MSFT", T0 + 4 * MIN, Direction.LONG)));
    assertThat(later.routed).isEmpty();
    assertThat(later.rejected).singleElement().satisfies(r -> assertThat(r.reason()).startsWith(
        "drawdown kill switch: equity 85000.00 is 15.00% below its peak 100000.00 (limit 10.00%"));
  }

  @Test
  void workingOrdersCountAgainstTheLimitsOfTheNextDecision() {
    // gross exposure capped at 60% of equity, universe 2 at 50,000 USD each: AAPL's 500 shares are accepted and
    // still working when MSFT's decision comes in the same instant, so MSFT gets only the 10,000 USD left (100
    // shares), not the 50,000 it would get against filled positions alone
    SimulationConfig cfg = SimulationConfig.frictionless(100_000, 2, 1.0, 0)
        .withLimits(RiskLimits.none().withMaxGrossExposure(0.60), null);
    PortfolioSimulator sim = new PortfolioSimulator(cfg);
    step(sim, T0 + MIN, List.of(bar("AAPL", T0, 100), bar("MSFT", T0, 100)), List.of());
    PortfolioSimulator.Collected c = step(sim, T0 + MIN, List.of(), List.of(signal("AAPL", T0 + MIN,
        Direction.LONG), signal("MSFT", T0 + MIN, Direction.LONG)));
    assertThat(c.routed).extracting(o -> o.order().symbol() + " " + o.order().quantity())
        .containsExactly("AAPL 500.0", "MSFT 100.0");
    assertThat(c.rejected).singleElement().satisfies(r -> {
      assertThat(r.symbol()).isEqualTo("MSFT");
      assertThat(r.reason()).startsWith("resized: target 500 shares cut to 100")
          .contains("portfolio.limits.maxGrossExposure");
    });
  }

  @Test
  void withoutLimitsNothingChanges() {
    PortfolioSimulator sim = new PortfolioSimulator(SimulationConfig.frictionless(100_000, 2, 1.0, 0));
    step(sim, T0 + MIN, List.of(bar("AAPL", T0, 100)), List.of());
    PortfolioSimulator.Collected c = step(sim, T0 + MIN, List.of(), List.of(signal("AAPL", T0 + MIN,
        Direction.LONG)));
    assertThat(c.rejected).isEmpty();
    assertThat(c.routed).singleElement().satisfies(o -> assertThat(o.order().quantity()).isEqualTo(500));
  }
}
