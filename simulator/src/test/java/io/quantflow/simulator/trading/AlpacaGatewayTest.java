package io.quantflow.simulator.trading;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.connectors.alpaca.trading.AlpacaGateway;
import io.quantflow.connectors.alpaca.trading.AlpacaOrder;
import io.quantflow.connectors.alpaca.trading.AlpacaTradingClient;
import io.quantflow.connectors.broker.BrokerGateway;
import io.quantflow.domain.Order;
import io.quantflow.domain.RoutedOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The broker gateway of the live order sink against the simulator's trading API: idempotent placement by id. */
class AlpacaGatewayTest {
  private static RoutedOrder buy(String id, double qty) {
    return RoutedOrder.submit(Order.market(id, "AAPL", qty, Order.TimeInForce.GTC, SimHarness.T0, SimHarness.T0), 100);
  }

  @Test
  void aReplayedDecisionIsNotPlacedTwice() throws Exception {
    try (SimHarness h = SimHarness.plain().listen()) {
      h.quote("AAPL", SimHarness.T0, 99.9, 100.1);
      AlpacaGateway gateway = new AlpacaGateway(h.client, "trend1");
      BrokerGateway.Placement first = gateway.submit(buy("AAPL-1709305200000000", 10));
      assertThat(first.accepted()).isTrue();
      assertThat(first.duplicate()).isFalse();
      // the same decision again (a restart replaying the instructions after the last checkpoint)
      BrokerGateway.Placement again = gateway.submit(buy("AAPL-1709305200000000", 10));
      assertThat(again.accepted()).isTrue();
      assertThat(again.duplicate()).isTrue();
      assertThat(again.brokerOrderId()).isEqualTo(first.brokerOrderId());
      List<AlpacaOrder> all = h.client.orders(AlpacaTradingClient.OrderStatus.ALL, 500);
      assertThat(all).extracting(AlpacaOrder::clientOrderId).containsExactly("trend1-AAPL-1709305200000000");
      // it fills once, at the next quote's ask
      h.quote("AAPL", SimHarness.T0 + 1_000_000, 100.0, 100.2);
      h.until(first.brokerOrderId(), "fill");
      assertThat(gateway.holdings().positions()).containsEntry("AAPL", 10.0);
      assertThat(gateway.holdings().openOrders()).isEmpty();
    }
  }

  @Test
  void aRefusalIsAnOutcomeWithTheBrokersReasonAndACancelOfAFilledOrderIsANoOp() throws Exception {
    try (SimHarness h = SimHarness.plain().listen()) {
      h.quote("AAPL", SimHarness.T0, 99.9, 100.1);
      AlpacaGateway gateway = new AlpacaGateway(h.client, "trend1");
      // 100,000 USD of cash, Reg-T buying power 200,000: 3,000 shares at ~100 is 300,000
      BrokerGateway.Placement refused = gateway.submit(buy("AAPL-1", 3_000));
      assertThat(refused.accepted()).isFalse();
      assertThat(refused.status()).isEqualTo("403 40310000 insufficient buying power");
      RoutedOrder limit = RoutedOrder.submit(Order.limit("AAPL-2", "AAPL", 5, 90, Order.TimeInForce.GTC,
          SimHarness.T0, SimHarness.T0), 100);
      assertThat(gateway.submit(limit).accepted()).isTrue();
      assertThat(gateway.holdings().openOrders()).containsExactly("trend1-AAPL-2");
      assertThat(gateway.cancel("AAPL-2")).isTrue();
      assertThat(gateway.cancel("AAPL-unknown")).isFalse();
    }
  }

  @Test
  void requestsCarryTheStrategyPrefixSideAndRoundedPrices() throws Exception {
    try (SimHarness h = SimHarness.plain()) {
      AlpacaGateway gateway = new AlpacaGateway(h.client, "s2");
      var sell = gateway.request(RoutedOrder.submit(Order.limit("X-9", "AAPL", -7, 101.23456, Order.TimeInForce.DAY,
          SimHarness.T0, SimHarness.T0), 101));
      assertThat(sell.clientOrderId()).isEqualTo("s2-X-9");
      assertThat(sell.side().wire()).isEqualTo("sell");
      assertThat(sell.qty()).isEqualByComparingTo("7");
      assertThat(sell.limitPrice()).isEqualByComparingTo("101.23");
      assertThat(sell.timeInForce().wire()).isEqualTo("day");
    }
  }
}
