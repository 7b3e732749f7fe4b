package io.quantflow.operators.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Direction;
import io.quantflow.domain.EquityPoint;
import io.quantflow.domain.Fill;
import io.quantflow.domain.Signal;
import io.quantflow.domain.Timeframe;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cash, positions and fills worked out by hand on the first real AAPL and SPY bars of 2019-02-11. */
class PortfolioSimulatorTest {
  private static final long T0 = 1_549_895_400_000_000L; // 2019-02-11T14:30:00Z
  private static final long MIN = 60_000_000L;

  private static Bar bar(String symbol, long start, double o, double h, double l, double c) {
    return Bar.of(symbol, Timeframe.M1, start, o, h, l, c, 1000);
  }

  @Test
  void aSignalFillsAtTheNextBarsOpenNeverTheSameBar() {
    // universe of 2, $100,000, leverage 1, 10 bp costs: a LONG targets 50,000 USD
    PortfolioSimulator sim = new PortfolioSimulator(SimulationConfig.frictionless(100_000, 2, 1.0, 10));
    // 14:30 bars close at 14:31; the signal decided at 14:31 uses the 14:30 AAPL close 170.97
    assertThat(sim.onInstant(List.of(bar("AAPL", T0, 171.14, 171.2, 170.7, 170.97)), List.of())).isEmpty();
    Signal longAapl = new Signal("AAPL", T0 + MIN, Direction.LONG, 0.8, 15 * MIN, "test");
    assertThat(sim.onInstant(List.of(), List.of(longAapl))).isEmpty();
    assertThat(sim.position("AAPL")).isZero(); // not filled on the bar that produced the signal

    // the 14:31 bar opens at 170.92: floor(50,000 / 170.97) = 292 shares
    List<Fill> fills = sim.onInstant(List.of(bar("AAPL", T0 + MIN, 170.92, 170.92, 170.6755, 170.7701)),
        List.of());
    assertThat(fills).hasSize(1);
    Fill f = fills.get(0);
    assertThat(f.quantity()).isEqualTo(292);
    assertThat(f.price()).isEqualTo(170.92);
    assertThat(f.timestampMicros()).isEqualTo(T0 + MIN);
    assertThat(f.decisionMicros()).isEqualTo(T0 + MIN);
    assertThat(f.orderId()).isEqualTo("AAPL-" + (T0 + MIN));
    // commission 10 bp of 292 * 170.92 = 49,908.64 -> 49.90864
    assertThat(f.commission()).isCloseTo(49.90864, within(1e-9));

    // cash 100,000 - 49,908.64 - 49.90864 = 50,041.45136; marked at the 170.7701 close
    EquityPoint e = sim.valuation(T0 + 2 * MIN);
    assertThat(e.cash()).isCloseTo(50_041.45136, within(1e-6));
    assertThat(e.longValue()).isCloseTo(292 * 170.7701, within(1e-6));
    assertThat(e.equity()).isCloseTo(50_041.45136 + 49_864.8692, within(1e-6));

    // FLAT closes the position at the next open (170.35), paying 10 bp again
    sim.onInstant(List.of(), List.of(new Signal("AAPL", T0 + 2 * MIN, Direction.FLAT, 0, 15 * MIN, "test")));
    List<Fill> exit = sim.onInstant(List.of(bar("AAPL", T0 + 2 * MIN, 170.35, 170.6, 170.3, 170.5974)), List.of());
    assertThat(exit.get(0).quantity()).isEqualTo(-292);
    double proceeds = 292 * 170.35;
    assertThat(sim.valuation(T0 + 3 * MIN).cash())
        .isCloseTo(50_041.45136 + proceeds - proceeds * 0.001, within(1e-6));
    assertThat(sim.position("AAPL")).isZero();
  }

  @Test
  void aNewSignalReplacesThePendingOrderOfItsSymbol() {
    PortfolioSimulator sim = new PortfolioSimulator(SimulationConfig.frictionless(100_000, 1, 1.0, 0));
    sim.onInstant(List.of(bar("SPY", T0, 270.0, 270.5, 269.8, 270.2)), List.of(
        new Signal("SPY", T0 + MIN, Direction.LONG, 0.5, MIN, "a")));
    sim.onInstant(List.of(), List.of(new Signal("SPY", T0 + MIN, Direction.FLAT, 0, MIN, "b")));
    assertThat(sim.onInstant(List.of(bar("SPY", T0 + MIN, 270.1, 270.3, 270.0, 270.2)), List.of())).isEmpty();
    assertThat(sim.valuation(T0 + 2 * MIN).equity()).isEqualTo(100_000);
  }
}
