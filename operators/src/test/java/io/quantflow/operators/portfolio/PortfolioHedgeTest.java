package io.quantflow.operators.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Direction;
import io.quantflow.domain.Signal;
import io.quantflow.domain.Timeframe;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hedge inside the portfolio operator ({@code portfolio.hedge}): a book of AAPL whose returns are exactly twice
 * SPY's has beta 2, so it is hedged by selling {@code 2 x value} USD of SPY; the hedge is re-ordered only when off
 * its target, and SPY's own signals are not traded. Targets worked out by hand on frictionless fills.
 */
class PortfolioHedgeTest {
  private static final long T0 = 1_549_895_400_000_000L; // 2019-02-11T14:30:00Z
  private static final long MIN = 60_000_000L;
  // SPY returns +1%, -0.5%, +0.8%, 0; AAPL's are twice that
  private static final double[] SPY = {200, 202, 200.99, 202.59792, 202.59792, 202.59792};
  private static final double[] AAPL = {100, 102, 100.98, 102.59568, 102.59568, 102.59568};

  private static Bar bar(String symbol, long start, double price) {
    return Bar.of(symbol, Timeframe.M1, start, price, price, price, price, 1_000_000);
  }

  private static PortfolioSimulator.Collected step(PortfolioSimulator sim, int k, List<Signal> signals) {
    long instant = T0 + (k + 1) * MIN;
    PortfolioSimulator.Collected c = new PortfolioSimulator.Collected();
    sim.beginInstant(instant, c);
    sim.onBar(bar("AAPL", T0 + k * MIN, AAPL[k]), c);
    sim.onBar(bar("SPY", T0 + k * MIN, SPY[k]), c);
    signals.forEach(s -> sim.onSignal(s, c));
    sim.endInstant(instant, true, c);
    return c;
  }

  private static PortfolioSimulator simulator(String method) {
    return new PortfolioSimulator(config(method));
  }

  private static SimulationConfig config(String method) {
    // universe of 1 traded symbol at half of equity: 500 AAPL at 100
    return SimulationConfig.frictionless(100_000, 1, 0.5, 0)
        .withHedge(new Hedge(List.of("SPY"), method, 1.0, 10, 3, 0.0));
  }

  @Test
  void aHedgeTheLimitsCutIsReportedOnceAndNotReorderedEveryBar() {
    // a 30% position limit cuts AAPL to 300 shares (30,000 USD) and holds its hedge, -2 x 300 x 102.59568 =
    // -61,557.41 USD (-303 shares), to 30% of equity: 148 shares
    PortfolioSimulator sim = new PortfolioSimulator(config("beta").withLimits(
        io.quantflow.models.risk.limits.RiskLimits.none().withMaxPositionWeight(0.30), null));
    step(sim, 0, List.of(new Signal("AAPL", T0 + MIN, Direction.LONG, 1.0, 15 * MIN, "test")));
    step(sim, 1, List.of());
    step(sim, 2, List.of());
    PortfolioSimulator.Collected hedged = step(sim, 3, List.of());
    assertThat(sim.position("AAPL")).isEqualTo(300);
    double equity = 100_000 - 300 * 102 + 300 * 102.59568;
    double shares = Math.floor(0.30 * equity / 202.59792);
    assertThat(hedged.routed).singleElement().satisfies(o -> assertThat(o.order().quantity()).isEqualTo(-shares));
    assertThat(hedged.rejected).singleElement().satisfies(r -> assertThat(r.reason())
        .startsWith("resized: target -303 shares cut to -" + (long) shares));
    for (int k = 4; k <= 5; k++) { // filled, and still off its target, but the limits allow no more
      PortfolioSimulator.Collected c = step(sim, k, List.of());
      assertThat(c.routed).isEmpty();
      assertThat(c.rejected).isEmpty();
    }
    assertThat(sim.position("SPY")).isEqualTo(-shares);
  }

  @Test
  void aBetaTwoBookIsHedgedWithTwiceItsValueOfTheIndexOnceTheWindowHoldsMinBarsReturns() {
    for (String method : List.of("beta", "minimum-variance")) {
      PortfolioSimulator sim = simulator(method);
      PortfolioSimulator.Collected first = step(sim, 0, List.of(new Signal("AAPL", T0 + MIN, Direction.LONG, 1.0,
          15 * MIN, "test"), new Signal("SPY", T0 + MIN, Direction.LONG, 1.0, 15 * MIN, "test")));
      assertThat(first.routed).extracting(o -> o.order().symbol() + " " + o.order().quantity())
          .containsExactly("AAPL 500.0");
      assertThat(first.rejected).singleElement().satisfies(r -> {
        assertThat(r.stage()).isEqualTo("hedge");
        assertThat(r.symbol()).isEqualTo("SPY");
        assertThat(r.reason()).contains("is a hedge instrument (portfolio.hedge.instruments)");
      });
      assertThat(step(sim, 1, List.of()).routed).isEmpty(); // one return so far
      assertThat(step(sim, 2, List.of()).routed).isEmpty(); // two
      PortfolioSimulator.Collected hedged = step(sim, 3, List.of());
      // H = -beta x v = -2 x 500 x 102.59568 = -102,595.68 USD; at 202.59792 that is -506.39 -> -506 shares
      assertThat(hedged.routed).as(method).singleElement().satisfies(o -> {
        assertThat(o.order().symbol()).isEqualTo("SPY");
        assertThat(o.order().quantity()).isEqualTo(-506);
      });
      // the next bar fills it; the target is unchanged (a zero return keeps the beta at 2), so nothing is ordered
      assertThat(step(sim, 4, List.of()).routed).as(method).isEmpty();
      assertThat(sim.position("SPY")).isEqualTo(-506);
      assertThat(sim.position("AAPL")).isEqualTo(500);
    }
  }

  @Test
  void theSettingsAreChecked() {
    assertThat(Hedge.NONE.enabled()).isFalse();
    Hedge h = new Hedge(List.of("SPY"), null, null, null, null, null);
    assertThat(h.method()).isEqualTo("beta");
    assertThat(h.ratio()).isEqualTo(1.0);
    assertThat(h.lookbackBars()).isEqualTo(390);
    assertThat(h.minBars()).isEqualTo(60);
    assertThat(h.threshold()).isEqualTo(0.02);
    assertThatThrownBy(() -> new Hedge(List.of("SPY"), "delta", null, null, null, null))
        .hasMessageContaining("'portfolio.hedge.method' must be beta or minimum-variance");
    assertThatThrownBy(() -> new Hedge(List.of("SPY"), null, null, 10, 20, null))
        .hasMessageContaining("'portfolio.hedge.lookbackBars' (10) must be at least 'portfolio.hedge.minBars' (20)");
  }
}
