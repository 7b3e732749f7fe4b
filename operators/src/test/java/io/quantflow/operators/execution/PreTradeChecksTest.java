package io.quantflow.operators.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.domain.Order;
import io.quantflow.domain.RoutedOrder;
import org.junit.jupiter.api.Test;

class PreTradeChecksTest {
  private static final long T = 1_700_000_000_000_000L;

  private static RoutedOrder market(String id, double qty, double px, long t) {
    return RoutedOrder.submit(Order.market(id, "AAPL", qty, Order.TimeInForce.DAY, t, t), px);
  }

  @Test
  void anOrderOverTheNotionalLimitIsRefusedWithTheSettingToChange() {
    PreTradeChecks gate = new PreTradeChecks(new PreTradeLimits(10_000, 0, 0));
    assertThat(gate.check(market("a", 50, 200, T))).isEmpty(); // 10,000.00 is at the limit: accepted
    assertThat(gate.check(market("b", 51, 200, T)))
        .hasValue("order notional 10200.00 USD exceeds the limit of 10000.00 USD (risk.maxOrderNotional)");
    assertThat(gate.expectedShares("AAPL")).isEqualTo(50); // the refused order does not count
  }

  @Test
  void thePositionLimitStopsGrowthButLetsAnOrderReduceThePosition() {
    PreTradeChecks gate = new PreTradeChecks(new PreTradeLimits(0, 20_000, 0));
    assertThat(gate.check(market("a", 80, 200, T))).isEmpty(); // 16,000
    assertThat(gate.check(market("b", 30, 200, T))).get().asString()
        .startsWith("position after the order would be 22000.00 USD (110 shares at 200.0000)");
    assertThat(gate.check(market("c", -30, 200, T))).isEmpty(); // reduces to 50 shares
    // reversing through zero to a short larger than the limit is growth, not reduction
    assertThat(gate.check(market("d", -160, 200, T))).isPresent();
    assertThat(gate.expectedShares("AAPL")).isEqualTo(50);
  }

  @Test
  void theRateLimitCountsAcceptedOrdersInAnySixtySecondsOfSubmissionTime() {
    PreTradeChecks gate = new PreTradeChecks(new PreTradeLimits(0, 0, 2));
    assertThat(gate.check(market("a", 1, 10, T))).isEmpty();
    assertThat(gate.check(market("b", 1, 10, T + 30_000_000L))).isEmpty();
    assertThat(gate.check(market("c", 1, 10, T + 59_999_999L))).hasValue("more than 2 orders within 60 s "
        + "(risk.maxOrdersPerMinute)");
    // at T + 60 s the first order leaves the window
    assertThat(gate.check(market("d", 1, 10, T + 60_000_000L))).isEmpty();
  }

  @Test
  void aCancelAlwaysPassesAndItsOpenPartNoLongerCounts() {
    PreTradeChecks gate = new PreTradeChecks(new PreTradeLimits(0, 20_000, 0));
    assertThat(gate.check(market("a", 80, 200, T))).isEmpty();
    RoutedOrder cancel = RoutedOrder.cancel(Order.market("a", "AAPL", 80, Order.TimeInForce.DAY, T, T), 200);
    assertThat(gate.check(cancel)).isEmpty();
    assertThat(gate.expectedShares("AAPL")).isZero();
    assertThat(gate.check(market("b", 90, 200, T))).isEmpty(); // 18,000: room again
  }

  @Test
  void aLimitOrderIsValuedAtItsLimitPrice() {
    PreTradeChecks gate = new PreTradeChecks(new PreTradeLimits(1_000, 0, 0));
    RoutedOrder limit = RoutedOrder.submit(Order.limit("a", "AAPL", 10, 101, Order.TimeInForce.DAY, T, T), 99);
    assertThat(limit.notional()).isEqualTo(1_010);
    assertThat(gate.check(limit)).isPresent();
  }
}
