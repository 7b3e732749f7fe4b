package io.quantflow.operators.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.domain.Bar;
import io.quantflow.domain.BarBlock;
import io.quantflow.domain.Direction;
import io.quantflow.domain.Fill;
import io.quantflow.domain.Order;
import io.quantflow.domain.OrderReport;
import io.quantflow.domain.Signal;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.testing.SampleBars;
import io.quantflow.models.execution.BarFillModel;
import io.quantflow.models.execution.Commission;
import io.quantflow.models.execution.RegulatoryFees;
import io.quantflow.models.execution.SpreadCost;
import io.quantflow.models.execution.SquareRootImpact;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Orders, partial fills, shorts, financing, margin, execution algorithms and the event-time merge, by hand. */
class PortfolioEngineTest {
  private static final long MON = 1_549_895_400_000_000L; // 2019-02-11T14:30:00Z, 09:30 New York
  private static final long TUE = MON + 86_400_000_000L;
  private static final long MIN = 60_000_000L;

  private static Bar bar(String symbol, long start, double o, double h, double l, double c, double v) {
    return Bar.of(symbol, Timeframe.M1, start, o, h, l, c, v);
  }

  private static Signal signal(String symbol, long t, Direction d) {
    return new Signal(symbol, t, d, 1.0, MIN, "test");
  }

  /** No spread, impact, fees or commission, so fills are at the open; the participation cap is the argument. */
  private static BarFillModel atOpen(double participation) {
    return new BarFillModel(0, participation, Commission.ZERO, RegulatoryFees.NONE, SpreadCost.NONE,
        SquareRootImpact.NONE);
  }

  private static SimulationConfig config(double gross, double maxGross, BarFillModel model, double borrow,
      SimulationConfig.Execution ex) {
    return new SimulationConfig(100_000, 1, gross, maxGross, 0, model, borrow, 0, ex);
  }

  /** Feeds one instant: the bars closing at {@code instant}, then the signals. */
  private static void instant(PortfolioSimulator sim, PortfolioSimulator.Output out, long instant, List<Bar> bars,
      List<Signal> signals) {
    sim.beginInstant(instant, out);
    bars.forEach(b -> sim.onBar(b, out));
    signals.forEach(s -> sim.onSignal(s, out));
    sim.endInstant(instant, !bars.isEmpty(), out);
  }

  @Test
  void theParticipationCapSplitsAnOrderIntoPartialFillsAcrossBars() {
    PortfolioSimulator sim = new PortfolioSimulator(config(1.0, 2.0, atOpen(0.1), 0, SimulationConfig.Execution.DEFAULT));
    PortfolioSimulator.Collected out = new PortfolioSimulator.Collected();
    // close 100, equity 100,000: target floor(100,000 / 100) = 1,000 shares
    instant(sim, out, MON + MIN, List.of(bar("X", MON, 100, 100, 100, 100, 4_000)),
        List.of(signal("X", MON + MIN, Direction.LONG)));
    // each bar trades 4,000 shares: at most 10 % = 400 fill per bar
    instant(sim, out, MON + 2 * MIN, List.of(bar("X", MON + MIN, 100.5, 101, 100, 100.5, 4_000)), List.of());
    instant(sim, out, MON + 3 * MIN, List.of(bar("X", MON + 2 * MIN, 101, 101, 100, 100, 4_000)), List.of());
    instant(sim, out, MON + 4 * MIN, List.of(bar("X", MON + 3 * MIN, 99, 100, 98, 99, 4_000)), List.of());
    assertThat(out.fills).extracting(Fill::quantity).containsExactly(400.0, 400.0, 200.0);
    assertThat(out.fills).extracting(Fill::price).containsExactly(100.5, 101.0, 99.0);
    assertThat(sim.position("X")).isEqualTo(1_000);
    // cash 100,000 - (400 * 100.5 + 400 * 101 + 200 * 99) = 100,000 - 100,400 = -400 (a margin loan)
    assertThat(sim.state().cash).isCloseTo(-400, within(1e-9));
    OrderReport r = out.orders.get(0);
    assertThat(r.status()).isEqualTo("FILLED");
    assertThat(r.filledQuantity()).isEqualTo(1_000);
    assertThat(r.averagePrice()).isCloseTo(100.4, within(1e-12)); // 100,400 / 1,000
    assertThat(r.arrivalPrice()).isEqualTo(100);
    assertThat(r.shortfallBps()).isCloseTo(40, within(1e-9)); // (100.4 / 100 - 1) * 1e4, no explicit costs
    assertThat(r.closedMicros()).isEqualTo(MON + 3 * MIN);
  }

  @Test
  void aShortPaysItsBorrowFeeAtTheDayChangeAndPositionsAreSnapshotAtTheClose() {
    PortfolioSimulator sim = new PortfolioSimulator(config(1.0, 2.0, atOpen(1.0), 0.01,
        SimulationConfig.Execution.DEFAULT));
    PortfolioSimulator.Collected out = new PortfolioSimulator.Collected();
    instant(sim, out, MON + MIN, List.of(bar("X", MON, 50, 50, 50, 50, 10_000)),
        List.of(signal("X", MON + MIN, Direction.SHORT)));
    instant(sim, out, MON + 2 * MIN, List.of(bar("X", MON + MIN, 50, 50, 50, 50, 10_000)), List.of());
    // sold 2,000 at 50: cash 200,000, short value -100,000, equity 100,000
    assertThat(sim.position("X")).isEqualTo(-2_000);
    assertThat(sim.state().cash).isEqualTo(200_000);
    // Tuesday's first bar: one calendar day of borrow on 100,000 at 1 %, actual/360
    instant(sim, out, TUE + MIN, List.of(bar("X", TUE, 50, 50, 50, 50, 10_000)), List.of());
    assertThat(sim.state().cash).isCloseTo(200_000 - 100_000 * 0.01 / 360, within(1e-9));
    // Monday's position, written at Monday's last valuation (14:32 UTC)
    assertThat(out.positions).hasSize(1);
    assertThat(out.positions.get(0).timestampMicros()).isEqualTo(MON + 2 * MIN);
    assertThat(out.positions.get(0).shares()).isEqualTo(-2_000);
    assertThat(out.positions.get(0).weight()).isCloseTo(-1.0, within(1e-12)); // -100,000 / 100,000
  }

  @Test
  void theMarginLimitCutsAnOrderThatWouldExceedIt() {
    // target 3x equity, limit 2x: floor(2 * 100,000 / 100) = 2,000 shares instead of 3,000
    PortfolioSimulator sim = new PortfolioSimulator(config(3.0, 2.0, atOpen(1.0), 0, SimulationConfig.Execution.DEFAULT));
    PortfolioSimulator.Collected out = new PortfolioSimulator.Collected();
    instant(sim, out, MON + MIN, List.of(bar("X", MON, 100, 100, 100, 100, 1e6)),
        List.of(signal("X", MON + MIN, Direction.LONG)));
    instant(sim, out, MON + 2 * MIN, List.of(bar("X", MON + MIN, 100, 100, 100, 100, 1e6)), List.of());
    assertThat(sim.position("X")).isEqualTo(2_000);
  }

  @Test
  void twapSlicesADecisionIntoChildOrdersOverTheNextBars() {
    SimulationConfig.Execution twap = new SimulationConfig.Execution(SimulationConfig.Algorithm.TWAP, 4,
        Order.OrderType.MARKET, 0, Order.TimeInForce.GTC);
    PortfolioSimulator sim = new PortfolioSimulator(config(1.0, 2.0, atOpen(1.0), 0, twap));
    PortfolioSimulator.Collected out = new PortfolioSimulator.Collected();
    instant(sim, out, MON + MIN, List.of(bar("X", MON, 100, 100, 100, 100, 1e6)),
        List.of(signal("X", MON + MIN, Direction.LONG)));
    double[] opens = {100, 102, 98, 101};
    for (int k = 0; k < 4; k++) {
      long start = MON + (k + 1) * MIN;
      instant(sim, out, start + MIN, List.of(bar("X", start, opens[k], 105, 95, 100, 1e6)), List.of());
    }
    // 1,000 shares in 4 equal children of 250, one per bar, at each bar's open
    assertThat(out.fills).extracting(Fill::quantity).containsExactly(250.0, 250.0, 250.0, 250.0);
    assertThat(out.fills).extracting(Fill::price).containsExactly(100.0, 102.0, 98.0, 101.0);
    String parent = PortfolioSimulator.orderId("X", MON + MIN);
    assertThat(out.orders).extracting(OrderReport::orderId)
        .containsExactly(parent + "-1", parent + "-2", parent + "-3", parent + "-4");
    assertThat(out.orders).allSatisfy(o -> assertThat(o.parentId()).isEqualTo(parent));
    // cash 100,000 - 250 * (100 + 102 + 98 + 101) = 100,000 - 100,250
    assertThat(sim.state().cash).isCloseTo(-250, within(1e-9));
  }

  @Test
  void ordersReachTheMarketAtTheirSubmissionTimeSlicesOneBarApart() {
    SimulationConfig.Execution twap = new SimulationConfig.Execution(SimulationConfig.Algorithm.TWAP, 4,
        Order.OrderType.MARKET, 0, Order.TimeInForce.GTC);
    PortfolioSimulator sim = new PortfolioSimulator(config(1.0, 2.0, atOpen(1.0), 0, twap));
    PortfolioSimulator.Collected out = new PortfolioSimulator.Collected();
    String parent = PortfolioSimulator.orderId("X", MON + MIN);
    instant(sim, out, MON + MIN, List.of(bar("X", MON, 100, 100, 100, 100, 1e6)),
        List.of(signal("X", MON + MIN, Direction.LONG)));
    // at the decision only the first slice is routed: the others are not due yet
    assertThat(out.routed).extracting(r -> r.order().clientOrderId()).containsExactly(parent + "-1");
    assertThat(out.routed.get(0).referencePrice()).isEqualTo(100);
    assertThat(out.routed.get(0).order().submittedAtMicros()).isEqualTo(MON + MIN);
    for (int k = 1; k < 4; k++) {
      long start = MON + k * MIN;
      instant(sim, out, start + MIN, List.of(bar("X", start, 100, 105, 95, 100, 1e6)), List.of());
      // each later slice is routed at the first instant at or after its submission time, once
      assertThat(out.routed).hasSize(k + 1);
      assertThat(out.routed.get(k).order().clientOrderId()).isEqualTo(parent + "-" + (k + 1));
      assertThat(out.routed.get(k).order().submittedAtMicros()).isLessThanOrEqualTo(start + MIN);
      assertThat(out.routed.get(k).order().quantity()).isEqualTo(250);
    }
    instant(sim, out, MON + 5 * MIN, List.of(bar("X", MON + 4 * MIN, 100, 105, 95, 100, 1e6)), List.of());
    assertThat(out.routed).hasSize(4);
  }

  @Test
  void aDayLimitOrderThatNeverFillsExpiresAtTheClose() {
    SimulationConfig.Execution limitDay = new SimulationConfig.Execution(SimulationConfig.Algorithm.NONE, 1,
        Order.OrderType.LIMIT, 0, Order.TimeInForce.DAY);
    PortfolioSimulator sim = new PortfolioSimulator(config(1.0, 2.0, atOpen(1.0), 0, limitDay));
    PortfolioSimulator.Collected out = new PortfolioSimulator.Collected();
    instant(sim, out, MON + MIN, List.of(bar("X", MON, 100, 100, 100, 100, 1e6)),
        List.of(signal("X", MON + MIN, Direction.LONG)));
    // a buy limit at the close, 100: the market stays above it
    instant(sim, out, MON + 2 * MIN, List.of(bar("X", MON + MIN, 101, 102, 100.5, 101, 1e6)), List.of());
    instant(sim, out, TUE + MIN, List.of(bar("X", TUE, 101, 102, 99, 101, 1e6)), List.of());
    assertThat(out.fills).isEmpty(); // Tuesday's bar would have filled it, but it expired at Monday's close
    assertThat(out.orders).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo("EXPIRED");
      assertThat(o.type()).isEqualTo("LIMIT");
      assertThat(o.limitPrice()).isEqualTo(100);
      assertThat(o.filledQuantity()).isZero();
    });
  }

  @Test
  void buyAndHoldOfRealSpyBarsReturnsTheBenchmarkNetOfCosts() {
    List<Bar> spy = SampleBars.of("SPY");
    SimulationConfig cfg = SimulationConfig.frictionless(100_000, 1, 1.0, 10);
    PortfolioSimulator sim = new PortfolioSimulator(cfg);
    PortfolioSimulator.Collected out = new PortfolioSimulator.Collected();
    for (int i = 0; i < spy.size(); i++) {
      Bar b = spy.get(i);
      instant(sim, out, b.availableAtMicros(), List.of(b),
          i == 0 ? List.of(signal("SPY", b.availableAtMicros(), Direction.LONG)) : List.of());
    }
    // q = floor(100,000 / first close) shares bought at the second bar's open, paying 10 bp
    double q = Math.floor(100_000 / spy.get(0).close());
    double buy = q * spy.get(1).open();
    double expected = 100_000 - buy - buy * 0.001 + q * spy.get(spy.size() - 1).close();
    assertThat(out.equity.get(out.equity.size() - 1).equity()).isCloseTo(expected, within(1e-6));
    // the benchmark (fractional shares at the first close, no costs) differs only by the entry and the costs
    double benchmark = 100_000 * spy.get(spy.size() - 1).close() / spy.get(0).close();
    double entryDrift = q * (spy.get(0).close() - spy.get(1).open()) - (100_000 - q * spy.get(0).close())
        * (spy.get(spy.size() - 1).close() / spy.get(0).close() - 1);
    assertThat(expected - benchmark).isCloseTo(entryDrift - buy * 0.001, within(1e-6));
  }

  @Test
  void theMergeSimulatesTheSameHistoryWhateverOrderTheSymbolsArriveIn() {
    List<Bar> aapl = SampleBars.of("AAPL").subList(0, 120);
    List<Bar> spy = SampleBars.of("SPY").subList(0, 120);
    List<Signal> signals = new ArrayList<>();
    for (int i = 10; i < 120; i += 17) {
      signals.add(signal("AAPL", aapl.get(i).availableAtMicros(), i % 2 == 0 ? Direction.LONG : Direction.FLAT));
      signals.add(signal("SPY", spy.get(i).availableAtMicros(), i % 3 == 0 ? Direction.FLAT : Direction.LONG));
    }
    SimulationConfig cfg = SimulationConfig.realistic(1_000_000, 2, 1.0);

    // BATCH-like: all of AAPL, then all of SPY, then the signals; one drain at the end
    PortfolioBuffer batch = new PortfolioBuffer();
    batch.addBars(block(aapl));
    batch.addBars(block(spy));
    signals.stream().filter(s -> s.symbol().equals("SPY")).forEach(batch::addSignal);
    signals.stream().filter(s -> s.symbol().equals("AAPL")).forEach(batch::addSignal);
    PortfolioSimulator a = new PortfolioSimulator(cfg);
    PortfolioSimulator.Collected outA = new PortfolioSimulator.Collected();
    batch.drain(Long.MAX_VALUE, a, outA);

    // STREAMING-like: interleaved bar by bar, drained every 7 bars
    PortfolioBuffer stream = new PortfolioBuffer();
    PortfolioSimulator b = new PortfolioSimulator(cfg);
    PortfolioSimulator.Collected outB = new PortfolioSimulator.Collected();
    int si = 0;
    List<Signal> byTime = new ArrayList<>(signals);
    byTime.sort(java.util.Comparator.comparingLong(Signal::timestampMicros));
    for (int i = 0; i < 120; i++) {
      stream.addBars(block(List.of(spy.get(i))));
      stream.addBars(block(List.of(aapl.get(i))));
      long t = aapl.get(i).availableAtMicros();
      while (si < byTime.size() && byTime.get(si).timestampMicros() <= t) {
        stream.addSignal(byTime.get(si++));
      }
      if (i % 7 == 6) {
        stream.drain(t, b, outB);
      }
    }
    stream.drain(Long.MAX_VALUE, b, outB);

    assertThat(outA.fills).isNotEmpty();
    assertThat(outB.fills).isEqualTo(outA.fills);
    assertThat(outB.equity).isEqualTo(outA.equity);
    assertThat(outB.orders).isEqualTo(outA.orders);
  }

  @Test
  void aSplitMultipliesSharesAndADividendPaysCashOnTheExDate() {
    // AIG's 1-for-20 reverse split (ratio 0.05) on Tuesday, then a 0.25 USD dividend on Wednesday
    java.time.LocalDate tue = java.time.LocalDate.of(2019, 2, 12);
    SimulationConfig cfg = config(1.0, 2.0, atOpen(1.0), 0, SimulationConfig.Execution.DEFAULT)
        .withCorporateActions(List.of(io.quantflow.domain.CorporateAction.split("X", tue, 0.05),
            io.quantflow.domain.CorporateAction.dividend("X", tue.plusDays(1), 0.25)));
    PortfolioSimulator sim = new PortfolioSimulator(cfg);
    PortfolioSimulator.Collected out = new PortfolioSimulator.Collected();
    instant(sim, out, MON + MIN, List.of(bar("X", MON, 1, 1, 1, 1, 1e7)), List.of(signal("X", MON + MIN,
        Direction.LONG)));
    instant(sim, out, MON + 2 * MIN, List.of(bar("X", MON + MIN, 1, 1, 1, 1, 1e7)), List.of());
    assertThat(sim.position("X")).isEqualTo(100_000); // 100,000 USD at 1.00
    assertThat(sim.state().cash).isZero();
    // Tuesday trades at 20x the price: 100,000 shares become 5,000, equity unchanged at the open
    instant(sim, out, TUE + MIN, List.of(bar("X", TUE, 20, 20, 20, 20, 1e6)), List.of());
    assertThat(sim.position("X")).isCloseTo(5_000, within(1e-9));
    assertThat(sim.equity()).isCloseTo(100_000, within(1e-6));
    // Wednesday: 5,000 shares * 0.25 = 1,250 USD of dividend
    long wed = TUE + 86_400_000_000L;
    instant(sim, out, wed + MIN, List.of(bar("X", wed, 19.75, 19.75, 19.75, 19.75, 1e6)), List.of());
    assertThat(sim.state().cash).isCloseTo(1_250, within(1e-9));
    assertThat(sim.equity()).isCloseTo(1_250 + 5_000 * 19.75, within(1e-6));
  }

  private static BarBlock block(List<Bar> bars) {
    BarBlock.Builder b = BarBlock.builder(bars.get(0).symbol(), Timeframe.M1, bars.size());
    bars.forEach(b::add);
    return b.build();
  }
}
