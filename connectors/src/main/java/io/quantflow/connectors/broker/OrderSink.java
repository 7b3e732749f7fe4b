package io.quantflow.connectors.broker;

import io.quantflow.domain.RoutedOrder;
import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the portfolio's {@link RoutedOrder} instructions (place, cancel) to a broker, in order, one at a time. Delivery is at least once (a restart replays
 * the instructions after the last checkpoint) and placement is exactly once, because every order carries the
 * deterministic client order id of the decision that caused it and {@link BrokerGateway#submit} never places an id
 * twice. On start the writer reconciles: it logs the broker's positions and open orders, so an operator sees what
 * the account holds before the first new order. Run it at parallelism 1 (one account, one ordered stream).
 *
 * <pre>{@code
 * routed.sinkTo(new OrderSink(AlpacaGateway.factory(config))).setParallelism(1).name("alpaca-orders");
 * }</pre>
 *
 * <p>Metrics (per writer): {@code ordersPlaced}, {@code ordersDuplicate} (replays the broker already had),
 * {@code ordersRefused} (with the broker's reason in the log), {@code cancels}, {@code ordersStale} (older than the
 * age limit, not placed).
 */
public final class OrderSink implements Sink<RoutedOrder> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(OrderSink.class);

  private final BrokerGateway.Factory gateway;
  private final java.time.Duration maxOrderAge;

  /** A sink sending through the gateways {@code gateway} creates, without an age limit. */
  public OrderSink(BrokerGateway.Factory gateway) {
    this(gateway, java.time.Duration.ZERO);
  }

  /**
   * A sink that also refuses to place an order decided more than {@code maxOrderAge} before the broker's clock
   * (e.g. the decisions a restart replays after a long outage), counting it in {@code ordersStale}; zero disables
   * the check. Cancels are always sent.
   */
  public OrderSink(BrokerGateway.Factory gateway, java.time.Duration maxOrderAge) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.maxOrderAge = Objects.requireNonNull(maxOrderAge, "maxOrderAge");
  }

  @Override
  public SinkWriter<RoutedOrder> createWriter(WriterInitContext context) throws IOException {
    BrokerGateway g = gateway.create();
    BrokerGateway.Holdings h = g.holdings();
    LOG.info("Order sink started: broker holds {} positions {} and {} open orders {}", h.positions().size(),
        h.positions(), h.openOrders().size(), h.openOrders());
    var metrics = context.metricGroup();
    return new Writer(g, metrics.counter("ordersPlaced"), metrics.counter("ordersDuplicate"),
        metrics.counter("ordersRefused"), metrics.counter("cancels"), metrics.counter("ordersStale"),
        maxOrderAge.toNanos() / 1000);
  }

  /** The writer: plain Java around a gateway, so a unit test can drive it. */
  static final class Writer implements SinkWriter<RoutedOrder> {
    private final BrokerGateway gateway;
    private final Counter placed;
    private final Counter duplicate;
    private final Counter refused;
    private final Counter cancels;
    private final Counter stale;
    private final long maxAgeMicros;
    private long clockMicros = Long.MIN_VALUE;
    private long clockReadNanos;

    Writer(BrokerGateway gateway, Counter placed, Counter duplicate, Counter refused, Counter cancels,
        Counter stale, long maxAgeMicros) {
      this.gateway = gateway;
      this.placed = placed;
      this.duplicate = duplicate;
      this.refused = refused;
      this.cancels = cancels;
      this.stale = stale;
      this.maxAgeMicros = maxAgeMicros;
    }

    /** Whether {@code in} was decided too long before the broker's clock (read at most once a second). */
    private boolean stale(RoutedOrder in) throws IOException {
      if (maxAgeMicros <= 0) {
        return false;
      }
      long now = System.nanoTime();
      if (clockMicros == Long.MIN_VALUE || now - clockReadNanos > 1_000_000_000L) {
        java.util.OptionalLong c = gateway.clockMicros();
        if (c.isEmpty()) {
          return false;
        }
        clockMicros = c.getAsLong();
        clockReadNanos = now;
      }
      return in.order().submittedAtMicros() < clockMicros - maxAgeMicros;
    }

    @Override
    public void write(RoutedOrder in, Context context) throws IOException {
      String id = in.order().clientOrderId();
      String symbol = in.order().symbol();
      switch (in.action()) {
        case SUBMIT -> {
          if (stale(in)) {
            stale.inc();
            LOG.warn("Order {} ({} {} shares) was decided more than {} s before the broker's clock: not placed "
                + "(live.risk.maxOrderAge)", id, symbol, in.order().quantity(), maxAgeMicros / 1_000_000);
            return;
          }
          BrokerGateway.Placement p = gateway.submit(in);
          if (!p.accepted()) {
            refused.inc();
            LOG.warn("Broker refused order {} ({} {} shares): {}", id, symbol, in.order().quantity(), p.status());
          } else if (p.duplicate()) {
            duplicate.inc();
            LOG.info("Order {} was already placed (broker id {}, {}): not placed again", id,
                p.brokerOrderId(), p.status());
          } else {
            placed.inc();
          }
        }
        case CANCEL -> {
          if (gateway.cancel(id)) {
            cancels.inc();
          }
        }
      }
    }

    @Override
    public void flush(boolean endOfInput) {
      // every write is synchronous: nothing is buffered
    }

    @Override
    public void close() throws Exception {
      gateway.close();
    }
  }
}
