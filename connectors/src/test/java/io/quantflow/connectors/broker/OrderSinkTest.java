package io.quantflow.connectors.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.domain.Order;
import io.quantflow.domain.RoutedOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.Test;

/** The order sink's writer over an in-memory broker that places each client order id once. */
class OrderSinkTest {
  private static final long T = 1_700_000_000_000_000L;

  /** A broker in memory: ids placed, cancels seen, a settable clock. */
  static final class MemoryBroker implements BrokerGateway {
    final List<String> placed = new ArrayList<>();
    final List<String> cancelled = new ArrayList<>();
    long clock = T;

    @Override
    public Placement submit(RoutedOrder order) {
      String id = order.order().clientOrderId();
      if (placed.contains(id)) {
        return new Placement(true, true, "b-" + id, "filled");
      }
      placed.add(id);
      return new Placement(true, false, "b-" + id, "accepted");
    }

    @Override
    public boolean cancel(String clientOrderId) {
      cancelled.add(clientOrderId);
      return true;
    }

    @Override
    public Holdings holdings() {
      return new Holdings(Map.of(), List.of());
    }

    @Override
    public OptionalLong clockMicros() {
      return OptionalLong.of(clock);
    }
  }

  private static RoutedOrder buy(String id, long decidedMicros) {
    return RoutedOrder.submit(Order.market(id, "AAPL", 10, Order.TimeInForce.DAY, decidedMicros, decidedMicros),
        100);
  }

  @Test
  void replaysArePlacedOnceAndOrdersOlderThanTheLimitNotAtAll() throws Exception {
    MemoryBroker broker = new MemoryBroker();
    SimpleCounter placed = new SimpleCounter();
    SimpleCounter duplicate = new SimpleCounter();
    SimpleCounter stale = new SimpleCounter();
    OrderSink.Writer w = new OrderSink.Writer(broker, placed, duplicate, new SimpleCounter(), new SimpleCounter(),
        stale, 300_000_000L); // 5 minutes
    w.write(buy("AAPL-1", T - 60_000_000L), null); // a minute old: placed
    w.write(buy("AAPL-1", T - 60_000_000L), null); // the same decision replayed: the broker has it
    w.write(buy("AAPL-2", T - 300_000_001L), null); // just over five minutes old: not placed
    w.write(RoutedOrder.cancel(Order.market("AAPL-0", "AAPL", 5, Order.TimeInForce.DAY, T - 3_600_000_000L,
        T - 3_600_000_000L), 100), null); // cancels always go
    assertThat(broker.placed).containsExactly("AAPL-1");
    assertThat(broker.cancelled).containsExactly("AAPL-0");
    assertThat(placed.getCount()).isEqualTo(1);
    assertThat(duplicate.getCount()).isEqualTo(1);
    assertThat(stale.getCount()).isEqualTo(1);
  }

  @Test
  void withoutALimitEveryOrderIsPlaced() throws Exception {
    MemoryBroker broker = new MemoryBroker();
    OrderSink.Writer w = new OrderSink.Writer(broker, new SimpleCounter(), new SimpleCounter(), new SimpleCounter(),
        new SimpleCounter(), new SimpleCounter(), 0);
    w.write(buy("AAPL-1", T - 86_400_000_000L), null);
    assertThat(broker.placed).containsExactly("AAPL-1");
  }
}
