package io.quantflow.models.execution;

import static io.quantflow.models.execution.TestBars.MINUTE;
import static io.quantflow.models.execution.TestBars.OPEN_0930;
import static io.quantflow.models.execution.TestBars.SYMBOL;
import static io.quantflow.models.execution.TestBars.bar;
import static io.quantflow.models.execution.TestBars.quoted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.domain.Bar;
import io.quantflow.domain.BarView;
import io.quantflow.domain.Order;
import io.quantflow.domain.Order.OrderType;
import io.quantflow.domain.Order.TimeInForce;
import io.quantflow.models.execution.FillModel.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fill rules against hand-computed bars. Orders are decided at the close of the 09:30 bar ({@code DECIDED} =
 * 09:31) and submitted then, so the 09:31 bar ({@code bar(1, ...)}) is the first that may fill them.
 */
class BarFillModelTest {
  private static final double PRICE_TOLERANCE = 1e-9;
  private static final long DECIDED = OPEN_0930 + MINUTE;
  private static final MarketContext MARKET = new MarketContext(0.02, 1_000_000);
  /** Only the price rules: all of a bar's volume, no costs. */
  private static final BarFillModel FRICTIONLESS = new BarFillModel(0, 1.0, Commission.ZERO, RegulatoryFees.NONE,
      SpreadCost.NONE, SquareRootImpact.NONE);
  private static final BarFillModel DEFAULTS = BarFillModel.defaults();

  private static Order market(double qty, TimeInForce tif) {
    return Order.market("o1", SYMBOL, qty, tif, DECIDED, DECIDED);
  }

  private static Order limit(double qty, double limit) {
    return Order.limit("o1", SYMBOL, qty, limit, TimeInForce.GTC, DECIDED, DECIDED);
  }

  private static Order stop(double qty, double stop) {
    return Order.stop("o1", SYMBOL, qty, stop, TimeInForce.GTC, DECIDED, DECIDED);
  }

  private static Order stopLimit(double qty, double stop, double limit) {
    return Order.stopLimit("o1", SYMBOL, qty, stop, limit, TimeInForce.GTC, DECIDED, DECIDED);
  }

  private static Result frictionless(Order order, BarView bar) {
    return FRICTIONLESS.fill(order, bar, order.quantity(), MARKET);
  }

  private static void assertFilled(Result r, double shares, double price) {
    assertThat(r.isFilled()).as(r.reason()).isTrue();
    assertThat(r.shares()).isEqualTo(shares);
    assertThat(r.price()).isCloseTo(price, within(PRICE_TOLERANCE));
  }

  private static void assertNoFill(Result r, String reason) {
    assertThat(r.isFilled()).isFalse();
    assertThat(r.shares()).isZero();
    assertThat(r.price()).isNaN();
    assertThat(r.costs()).isEqualTo(Costs.ZERO);
    assertThat(r.reason()).contains(reason);
  }

  // ---- eligibility and halts

  @Test
  void neverFillsInTheDecisionBarAndFillsAtTheNextOpen() {
    Order order = market(100, TimeInForce.GTC);
    Result decisionBar = frictionless(order, bar(0, 100, 101, 99, 100.5, 10_000));
    assertNoFill(decisionBar, "not eligible");
    assertThat(decisionBar.working()).isTrue();
    Result next = frictionless(order, bar(1, 100.5, 101, 100, 100.8, 10_000));
    assertFilled(next, 100, 100.5);
    assertThat(next.working()).isFalse();
  }

  @Test
  void latencyIsADurationAddedToTheSubmission() {
    Order order = market(100, TimeInForce.GTC);
    BarFillModel slow = new BarFillModel(30_000_000L, 1.0, Commission.ZERO, RegulatoryFees.NONE, SpreadCost.NONE,
        SquareRootImpact.NONE);
    // 09:31 bar starts before 09:31:00 + 30 s; the 09:32 bar is the first eligible one
    assertNoFill(slow.fill(order, bar(1, 100.5, 101, 100, 100.8, 10_000), 100, MARKET), "not eligible");
    assertFilled(slow.fill(order, bar(2, 101, 101.5, 100.5, 101.2, 10_000), 100, MARKET), 100, 101);
    // exactly one bar of latency: 09:32 starts at 09:31 + 60 s, eligible
    BarFillModel oneMinute = new BarFillModel(MINUTE, 1.0, Commission.ZERO, RegulatoryFees.NONE, SpreadCost.NONE,
        SquareRootImpact.NONE);
    assertFilled(oneMinute.fill(order, bar(2, 101, 101.5, 100.5, 101.2, 10_000), 100, MARKET), 100, 101);
  }

  @Test
  void aHaltedBarFillsNothingAndTheOrderKeepsWorking() {
    Order order = market(100, TimeInForce.GTC);
    Result halted = frictionless(order, bar(1, 100, 100, 100, 100, 0));
    assertNoFill(halted, "no trading");
    assertThat(halted.working()).isTrue();
    Result noPrices = frictionless(order, new TestBars.RawBar(OPEN_0930 + MINUTE, Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, 0, Double.NaN));
    assertNoFill(noPrices, "no trading");
    assertThat(noPrices.working()).isTrue();
    // trading resumes in the next bar
    assertFilled(frictionless(order, bar(2, 98, 99, 97.5, 98.5, 5_000)), 100, 98);
    // an IOC order has no later chance: cancelled
    Result ioc = frictionless(market(100, TimeInForce.IOC), bar(1, 100, 100, 100, 100, 0));
    assertNoFill(ioc, "no trading");
    assertThat(ioc.working()).isFalse();
  }

  // ---- market orders and costs

  @Test
  void aMarketBuyPaysHalfSpreadAndImpactAtTheOpen() {
    // h = 0.1 * (101 - 99) / 100 / 2 = 0.001 (20 bps estimated spread, above the 2 bp floor)
    // i = 1.0 * 0.02 * sqrt(1000 / 1,000,000) = 0.02 * 0.0316227766 = 0.000632455532
    // price = 100 * (1 + 0.001 + 0.000632455532) = 100.163245553
    // spread = 1000 * 100 * 0.001 = 100.00 USD; impact = 1000 * 100 * 0.000632455532 = 63.2455532 USD
    Result r = DEFAULTS.fill(market(1000, TimeInForce.DAY), bar(1, 100, 101, 99, 100, 100_000), 1000, MARKET);
    assertFilled(r, 1000, 100.16324555320335);
    assertThat(r.costs().spread()).isCloseTo(100.0, within(1e-9));
    assertThat(r.costs().impact()).isCloseTo(63.245553203367585, within(1e-9));
    assertThat(r.costs().explicit()).isZero(); // Alpaca: no commission, and a buy pays no fees
    assertThat(r.reason()).contains("market");
  }

  @Test
  void aMarketSellReceivesLessAndPaysTheSellFees() {
    // price = 100 * (1 - 0.001 - 0.000632455532) = 99.8367544468
    // SEC = 1000 * 99.8367544468 * 27.80 / 1e6 = 2.7754618 -> 2.78; TAF = 1000 * 0.000166 = 0.166 -> 0.17
    Result r = DEFAULTS.fill(market(-1000, TimeInForce.DAY), bar(1, 100, 101, 99, 100, 100_000), -1000, MARKET);
    assertFilled(r, -1000, 99.83675444679663);
    assertThat(r.costs().secFee()).isCloseTo(2.78, within(1e-12));
    assertThat(r.costs().taf()).isCloseTo(0.17, within(1e-12));
    assertThat(r.costs().commission()).isZero();
    assertThat(r.costs().spread()).isCloseTo(100.0, within(1e-9));
    assertThat(r.costs().impact()).isCloseTo(63.245553203367585, within(1e-9));
    assertThat(r.costs().total()).isCloseTo(2.78 + 0.17 + 163.245553203367585, within(1e-9));
  }

  @Test
  void commissionIsChargedSeparatelyOnTheFinalPrice() {
    BarFillModel ibkr = new BarFillModel(0, 1.0, Commission.ibkrFixed(), RegulatoryFees.NONE, SpreadCost.NONE,
        SquareRootImpact.NONE);
    // 300 * 0.005 = 1.50 USD; the price stays at the open
    Result r = ibkr.fill(market(300, TimeInForce.DAY), bar(1, 50, 51, 49, 50, 10_000), 300, MARKET);
    assertFilled(r, 300, 50);
    assertThat(r.costs().commission()).isCloseTo(1.50, within(1e-12));
  }

  // ---- limit orders

  @Test
  void aLimitBuyFillsAtTheLimitOnlyWhenTheLowCrossesIt() {
    Order order = limit(100, 99.5);
    Result crossed = frictionless(order, bar(1, 100, 100.2, 99.4, 99.8, 10_000));
    assertFilled(crossed, 100, 99.5);
    assertThat(crossed.reason()).contains("crossed");
    Result touched = frictionless(order, bar(1, 100, 100.2, 99.5, 99.8, 10_000));
    assertNoFill(touched, "touched but not crossed");
    assertThat(touched.working()).isTrue();
    assertNoFill(frictionless(order, bar(1, 100, 100.2, 99.6, 99.8, 10_000)), "not reached");
    // opens below the limit: fills at the better open
    assertFilled(frictionless(order, bar(1, 99.0, 99.3, 98.8, 99.1, 10_000)), 100, 99.0);
  }

  @Test
  void aLimitSellMirrorsTheBuy() {
    Order order = limit(-100, 100.5);
    assertFilled(frictionless(order, bar(1, 100, 100.6, 99.8, 100.2, 10_000)), -100, 100.5);
    assertNoFill(frictionless(order, bar(1, 100, 100.5, 99.8, 100.2, 10_000)), "touched but not crossed");
    assertNoFill(frictionless(order, bar(1, 100, 100.4, 99.8, 100.2, 10_000)), "not reached");
    assertFilled(frictionless(order, bar(1, 101, 101.2, 100.7, 101.1, 10_000)), -100, 101);
  }

  @Test
  void aLimitFillAtTheLimitPaysNoSpreadAndAMarketableLimitIsCappedByIt() {
    Order order = limit(100, 99.5);
    // passive: exactly the limit, nothing in the price
    Result passive = DEFAULTS.fill(order, bar(1, 100, 100.2, 99.4, 99.8, 10_000), 100, MARKET);
    assertFilled(passive, 100, 99.5);
    assertThat(passive.costs()).isEqualTo(Costs.ZERO);
    BarFillModel spreadOnly = new BarFillModel(0, 1.0, Commission.ZERO, RegulatoryFees.NONE, SpreadCost.defaults(),
        SquareRootImpact.NONE);
    // quoted 20 bps -> h = 0.001; open 99.45 * 1.001 = 99.54945 > 99.5 -> capped at 99.5
    // spread paid = 100 * (99.5 - 99.45) = 5.00 USD
    Result capped = spreadOnly.fill(order, quoted(bar(1, 99.45, 99.6, 99.4, 99.5, 10_000), 20), 100, MARKET);
    assertFilled(capped, 100, 99.5);
    assertThat(capped.costs().spread()).isCloseTo(5.0, within(1e-9));
    // open 99.0 * 1.001 = 99.099 < 99.5, not capped; spread = 100 * 0.099 = 9.90 USD
    Result inside = spreadOnly.fill(order, quoted(bar(1, 99.0, 99.3, 98.8, 99.1, 10_000), 20), 100, MARKET);
    assertFilled(inside, 100, 99.099);
    assertThat(inside.costs().spread()).isCloseTo(9.9, within(1e-9));
  }

  // ---- stop and stop-limit orders

  @Test
  void aStopSellGappedThroughFillsAtTheLowerOpenMinusCosts() {
    // stop 95, the bar opens at 90: the stop triggers at the open, not at 95
    // h = 0.1 * (91 - 89) / 90.5 / 2 = 0.00110497238; i = 0.02 * sqrt(1000 / 1e6) = 0.00063245553
    // price = 90 * (1 - 0.00110497238 - 0.00063245553) = 89.8436314883
    // spread = 1000 * 90 * 0.00110497238 = 99.447514 USD; impact = 1000 * 90 * 0.00063245553 = 56.920998 USD
    // SEC = 89,843.63 * 27.80e-6 = 2.49765 -> 2.50; TAF 0.166 -> 0.17
    Result r = DEFAULTS.fill(stop(-1000, 95), bar(1, 90, 91, 89, 90.5, 100_000), -1000, MARKET);
    assertFilled(r, -1000, 89.84363148830481);
    assertThat(r.triggered()).isTrue();
    assertThat(r.working()).isFalse();
    assertThat(r.reason()).contains("gapped");
    assertThat(r.costs().spread()).isCloseTo(99.44751381215471, within(1e-9));
    assertThat(r.costs().impact()).isCloseTo(56.92099788303083, within(1e-9));
    assertThat(r.costs().secFee()).isCloseTo(2.50, within(1e-12));
    assertThat(r.costs().taf()).isCloseTo(0.17, within(1e-12));
  }

  @Test
  void stopsTriggerOnTouchAndFillFromTheWorseOfOpenAndStop() {
    Order sell = stop(-100, 95);
    assertFilled(frictionless(sell, bar(1, 97, 97.5, 94, 96, 10_000)), -100, 95);
    assertFilled(frictionless(sell, bar(1, 97, 97.5, 95, 96, 10_000)), -100, 95); // low == stop triggers
    Result notYet = frictionless(sell, bar(1, 97, 97.5, 95.5, 96, 10_000));
    assertNoFill(notYet, "stop not triggered");
    assertThat(notYet.triggered()).isFalse();
    assertThat(notYet.working()).isTrue();
    Order buy = stop(100, 105);
    assertFilled(frictionless(buy, bar(1, 103, 106, 102.5, 105.5, 10_000)), 100, 105);
    assertFilled(frictionless(buy, bar(1, 107, 108, 106.5, 107.5, 10_000)), 100, 107); // gap up: the open
    assertNoFill(frictionless(buy, bar(1, 103, 104.9, 102.5, 104, 10_000)), "stop not triggered");
  }

  @Test
  void aTriggeredStopKeepsWorkingAsAMarketOrder() {
    BarFillModel capped = new BarFillModel(0, 0.1, Commission.ZERO, RegulatoryFees.NONE, SpreadCost.NONE,
        SquareRootImpact.NONE);
    Order order = stop(-1500, 95);
    // cap 0.1 * 10,000 = 1000 of 1500
    Result first = capped.fill(order, bar(1, 96, 96.5, 94, 94.5, 10_000), -1500, MARKET);
    assertFilled(first, -1000, 95);
    assertThat(first.triggered()).isTrue();
    assertThat(first.working()).isTrue();
    Bar rebound = bar(2, 96, 97, 95.5, 96.5, 10_000);
    // the original stop would not trigger again above 95; the triggered form is a market order
    assertNoFill(capped.fill(order, rebound, -500, MARKET), "stop not triggered");
    Order working = order.triggered();
    assertThat(working.type()).isEqualTo(OrderType.MARKET);
    Result second = capped.fill(working, rebound, -500, MARKET);
    assertFilled(second, -500, 96);
    assertThat(second.working()).isFalse();
  }

  @Test
  void aStopLimitTriggersThenActsAsALimitFromTheTriggerPrice() {
    Order sell = stopLimit(-100, 95, 94);
    // triggered inside the bar at 95, which is inside the limit: at 95
    assertFilled(frictionless(sell, bar(1, 96, 96.5, 93, 94.5, 10_000)), -100, 95);
    // gap to 90, below the limit; the bar then trades up through 94: at the limit
    Result gapCrossed = frictionless(sell, bar(1, 90, 94.5, 89.5, 94.2, 10_000));
    assertFilled(gapCrossed, -100, 94);
    assertThat(gapCrossed.triggered()).isTrue();
    // gap to 90, the high only touches 94: no fill, but triggered, so it works as a limit from now on
    Result gapTouched = frictionless(sell, bar(1, 90, 94, 89.5, 93, 10_000));
    assertNoFill(gapTouched, "touched but not crossed");
    assertThat(gapTouched.triggered()).isTrue();
    assertThat(gapTouched.working()).isTrue();
    Order working = sell.triggered();
    assertThat(working.type()).isEqualTo(OrderType.LIMIT);
    assertThat(working.limitPrice()).isEqualTo(94);
    assertFilled(frictionless(working, bar(2, 93.5, 94.2, 93, 94, 10_000)), -100, 94);
    Result notTriggered = frictionless(sell, bar(1, 96, 97, 95.5, 96, 10_000));
    assertNoFill(notTriggered, "stop not triggered");
    assertThat(notTriggered.triggered()).isFalse();
  }

  @Test
  void aBuyStopLimitMirrorsTheSell() {
    // trigger at 105 inside the 106 limit: at 105
    assertFilled(frictionless(stopLimit(100, 105, 106), bar(1, 103, 107, 102.5, 106.5, 10_000)), 100, 105);
    // gap to 107 above the limit, later trades below 106: at 106
    assertFilled(frictionless(stopLimit(100, 105, 106), bar(1, 107, 107.5, 105.8, 106.2, 10_000)), 100, 106);
    // limit below the stop and triggered inside the bar: the low may have come before the trigger, so no fill
    Result r = frictionless(stopLimit(100, 105, 104), bar(1, 103, 106, 102, 105, 10_000));
    assertNoFill(r, "triggered beyond the limit within the bar");
    assertThat(r.triggered()).isTrue();
  }

  // ---- participation and time in force

  @Test
  void theParticipationCapSpreadsAnOrderOverThreeBars() {
    BarFillModel capped = new BarFillModel(0, 0.1, Commission.ZERO, RegulatoryFees.NONE, SpreadCost.NONE,
        SquareRootImpact.NONE);
    Order order = market(2500, TimeInForce.GTC);
    List<Bar> bars = List.of(
        bar(1, 100, 101, 99.5, 100.5, 10_000),  // cap 1000
        bar(2, 100.5, 101, 100, 100.8, 12_000), // cap 1200
        bar(3, 101, 101.5, 100.5, 101.2, 20_000)); // cap 2000 > 300 left
    double remaining = order.quantity();
    List<Result> results = new ArrayList<>();
    for (Bar b : bars) {
      Result r = capped.fill(order, b, remaining, MARKET);
      results.add(r);
      remaining -= r.shares();
    }
    assertFilled(results.get(0), 1000, 100);
    assertThat(results.get(0).reason()).contains("partial");
    assertThat(results.get(0).working()).isTrue();
    assertFilled(results.get(1), 1200, 100.5);
    assertThat(results.get(1).working()).isTrue();
    assertFilled(results.get(2), 300, 101);
    assertThat(results.get(2).working()).isFalse();
    assertThat(remaining).isZero();
  }

  @Test
  void theCapIsWholeSharesAndMayRoundToZero() {
    BarFillModel capped = new BarFillModel(0, 0.1, Commission.ZERO, RegulatoryFees.NONE, SpreadCost.NONE,
        SquareRootImpact.NONE);
    // 0.1 * 9 = 0.9 -> 0 shares
    Result zero = capped.fill(market(100, TimeInForce.GTC), bar(1, 100, 101, 99, 100, 9), 100, MARKET);
    assertNoFill(zero, "participation cap rounds to zero");
    assertThat(zero.working()).isTrue();
    // 0.1 * 155 = 15.5 -> 15
    assertFilled(capped.fill(market(100, TimeInForce.GTC), bar(1, 100, 101, 99, 100, 155), 100, MARKET), 15, 100);
    // 0.29 * 100 is 28.999999999999996 in binary; still 29 shares
    BarFillModel p29 = new BarFillModel(0, 0.29, Commission.ZERO, RegulatoryFees.NONE, SpreadCost.NONE,
        SquareRootImpact.NONE);
    assertFilled(p29.fill(market(100, TimeInForce.GTC), bar(1, 100, 101, 99, 100, 100), 100, MARKET), 29, 100);
  }

  @Test
  void anIocOrderCancelsWhatItCannotFillAtItsFirstEligibleBar() {
    BarFillModel capped = new BarFillModel(0, 0.1, Commission.ZERO, RegulatoryFees.NONE, SpreadCost.NONE,
        SquareRootImpact.NONE);
    Order ioc = market(2500, TimeInForce.IOC);
    // not yet eligible: still on its way, keeps working
    assertThat(capped.fill(ioc, bar(0, 100, 101, 99, 100, 10_000), 2500, MARKET).working()).isTrue();
    Result partial = capped.fill(ioc, bar(1, 100, 101, 99, 100, 10_000), 2500, MARKET);
    assertFilled(partial, 1000, 100);
    assertThat(partial.working()).isFalse();
    Order iocLimit = Order.limit("o2", SYMBOL, 100, 99.5, TimeInForce.IOC, DECIDED, DECIDED);
    Result missed = capped.fill(iocLimit, bar(1, 100, 101, 99.6, 100, 10_000), 100, MARKET);
    assertNoFill(missed, "not reached");
    assertThat(missed.working()).isFalse();
  }

  @Test
  void rejectsInconsistentArguments() {
    Order order = market(100, TimeInForce.GTC);
    Bar other = Bar.of("MSFT", io.quantflow.domain.Timeframe.M1, DECIDED, 100, 101, 99, 100, 1000);
    assertThatThrownBy(() -> FRICTIONLESS.fill(order, other, 100, MARKET)).hasMessageContaining("MSFT");
    Bar b = bar(1, 100, 101, 99, 100, 1000);
    assertThatThrownBy(() -> FRICTIONLESS.fill(order, b, -100, MARKET)).hasMessageContaining("remainingShares");
    assertThatThrownBy(() -> FRICTIONLESS.fill(order, b, 101, MARKET)).hasMessageContaining("remainingShares");
    assertThatThrownBy(() -> FRICTIONLESS.fill(order, b, 0, MARKET)).hasMessageContaining("remainingShares");
    assertThatThrownBy(() -> new BarFillModel(0, 0, Commission.ZERO, RegulatoryFees.NONE, SpreadCost.NONE,
        SquareRootImpact.NONE)).hasMessageContaining("participation");
    assertThatThrownBy(() -> new BarFillModel(-1, 0.1, Commission.ZERO, RegulatoryFees.NONE, SpreadCost.NONE,
        SquareRootImpact.NONE)).hasMessageContaining("latencyMicros");
  }

  @Test
  void theDefaultsAreThePessimisticOnes() {
    assertThat(DEFAULTS.latencyMicros()).isZero();
    assertThat(DEFAULTS.participation()).isEqualTo(0.1);
    assertThat(DEFAULTS.commission()).isEqualTo(Commission.ZERO);
    assertThat(DEFAULTS.fees()).isEqualTo(new RegulatoryFees(27.80, 0.000166, 8.30));
    assertThat(DEFAULTS.spread()).isEqualTo(new SpreadCost(2.0, 0.1));
    assertThat(DEFAULTS.impact()).isEqualTo(new SquareRootImpact(1.0));
  }
}
