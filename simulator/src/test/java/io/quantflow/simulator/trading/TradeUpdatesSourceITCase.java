package io.quantflow.simulator.trading;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.connectors.alpaca.trading.AlpacaOrder;
import io.quantflow.connectors.alpaca.trading.BrokerUpdate;
import io.quantflow.connectors.alpaca.trading.OrderRequest;
import io.quantflow.connectors.alpaca.trading.Position;
import io.quantflow.connectors.alpaca.trading.TradeUpdate;
import io.quantflow.connectors.alpaca.trading.TradeUpdatesSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link TradeUpdatesSource} on a MiniCluster against the simulator's trading service (real sockets, seeded partial
 * fills): orders placed with the real REST client fill against quotes the test publishes, and the source emits
 * exactly what the simulator sent, in order; a fill that happens while the stream is down arrives exactly once, as
 * a reconciled fill from REST.
 */
@Timeout(90)
class TradeUpdatesSourceITCase {
  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1)
          .build());

  private static final long SECOND = 1_000_000L;

  /** The simulator with a share {@code partial} of the eligible fills partial (seeded: every run fills the same). */
  private static SimHarness harness(double partial) throws Exception {
    BooleanSupplier no429 = () -> false;
    return new SimHarness(7, TradingService.Options.defaults().withPartialFillProbability(partial), no429);
  }

  /** The job: the source, one reader, collected in order. */
  private record Job(CloseableIterator<BrokerUpdate> updates, JobClient client) implements AutoCloseable {
    BrokerUpdate next() {
      return updates.next();
    }

    @Override
    public void close() throws Exception {
      client.cancel().get();
      updates.close();
    }
  }

  private static Job start(SimHarness h) throws Exception {
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.GENERIC_TYPES, false); // BrokerUpdate must serialize as a POJO, not with Kryo
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(1);
    TradeUpdatesSource source = TradeUpdatesSource.builder().setConfig(h.config)
        .setSince(Instant.ofEpochSecond(0, SimHarness.T0 * 1_000))
        .setGrace(Duration.ofMillis(300))
        // a reconnect waits 100-200 ms: long enough for the test to fill an order while the stream is down
        .setReconnect(5, Duration.ofMillis(200), Duration.ofSeconds(1)).build();
    CloseableIterator<BrokerUpdate> it = env.fromSource(source, WatermarkStrategy.noWatermarks(), "trade-updates")
        .collectAsync();
    JobClient client = env.executeAsync("trade-updates-source-itcase");
    return new Job(it, client);
  }

  private static void awaitListeners(SimHarness h, int n) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (h.service.streamListeners() != n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + n + " trade_updates listeners but there are "
            + h.service.streamListeners());
      }
      Thread.sleep(10);
    }
  }

  /** What the source must emit for a stream update, field by field. */
  private static BrokerUpdate expected(TradeUpdate u) {
    AlpacaOrder o = u.order();
    boolean fill = u.qty() != null;
    double sign = "sell".equals(o.side()) ? -1 : 1;
    return new BrokerUpdate(u.event(), o.clientOrderId(), o.id(), o.symbol(), o.status(),
        fill ? sign * u.qty().doubleValue() : Double.NaN, fill ? u.price().doubleValue() : Double.NaN,
        fill ? u.positionQty().doubleValue() : Double.NaN, o.filledQty().doubleValue(), u.timestampMicros(),
        fill ? u.executionId() : "", false);
  }

  private static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }

  private static double filled(SimHarness h, String orderId) {
    return h.client.order(orderId).filledQty().doubleValue();
  }

  private static double position(SimHarness h, String symbol) {
    return h.client.position(symbol).map(Position::qty).orElse(BigDecimal.ZERO).doubleValue();
  }

  @Test
  void emitsExactlyTheSimulatorsUpdatesInOrder() throws Exception {
    try (SimHarness h = harness(0.5).listen(); Job job = start(h)) {
      awaitListeners(h, 2); // the harness's own client and the source
      AlpacaOrder a = h.client.submit(OrderRequest.builder().symbol("AAPL").buy(100).limit(dec("180.05")).build());
      AlpacaOrder m = h.client.submit(OrderRequest.builder().symbol("MSFT").sell(40).market().build());
      AlpacaOrder b = h.client.submit(OrderRequest.builder().symbol("AAPL").buy(25).market().build());
      for (int i = 0; i < 60 && (filled(h, a.id()) < 100 || filled(h, m.id()) < 40 || filled(h, b.id()) < 25); i++) {
        long t = SimHarness.T0 + (i + 1) * SECOND;
        h.quote("AAPL", t, 179.90 + 0.01 * (i % 10), 180.00 + 0.01 * (i % 10));
        h.quote("MSFT", t, 410.00 - 0.05 * (i % 5), 410.10);
      }
      Set<String> done = new HashSet<>();
      List<TradeUpdate> sent = new ArrayList<>();
      while (done.size() < 3) {
        TradeUpdate u = h.next();
        sent.add(u);
        if (u.event().equals("fill")) {
          done.add(u.order().id());
        }
      }
      List<BrokerUpdate> emitted = new ArrayList<>();
      for (int i = 0; i < sent.size(); i++) {
        emitted.add(job.next());
      }

      assertThat(emitted).isEqualTo(sent.stream().map(TradeUpdatesSourceITCase::expected).toList());
      // the seed makes some fills partial, and every order's fills add up to its quantity
      assertThat(emitted).filteredOn(u -> u.event().equals("partial_fill")).isNotEmpty();
      assertThat(sumFills(emitted, a.id())).isEqualTo(100.0);
      assertThat(sumFills(emitted, m.id())).isEqualTo(-40.0);
      assertThat(sumFills(emitted, b.id())).isEqualTo(25.0);
      assertThat(lastPosition(emitted, "AAPL")).isEqualTo(125.0).isEqualTo(position(h, "AAPL"));
      assertThat(lastPosition(emitted, "MSFT")).isEqualTo(-40.0).isEqualTo(position(h, "MSFT"));
      assertThat(emitted).filteredOn(BrokerUpdate::isFill).allSatisfy(u -> {
        assertThat(u.reconciled()).isFalse();
        assertThat(u.executionId()).isNotEmpty();
      });

      // nothing more was emitted for these orders: the next update is the marker order's
      AlpacaOrder marker = h.client.submit(OrderRequest.builder().symbol("MSFT").buy(1).market().build());
      h.quote("MSFT", SimHarness.T0 + 100 * SECOND, 410.00, 410.10);
      assertThat(job.next().brokerOrderId()).isEqualTo(marker.id());
    }
  }

  @Test
  void aFillDuringADisconnectArrivesOnceThroughReconciliation() throws Exception {
    try (SimHarness h = harness(1.0); Job job = start(h)) {
      awaitListeners(h, 1);
      AlpacaOrder a = h.client.submit(OrderRequest.builder().symbol("AAPL").buy(100).limit(dec("180.05")).build());
      AlpacaOrder m = h.client.submit(OrderRequest.builder().symbol("MSFT").sell(30).limit(dec("400.00")).build());

      // before the gap: AAPL fills partly, MSFT's limit is not reached
      h.quote("AAPL", SimHarness.T0 + SECOND, 179.95, 180.00);
      h.quote("MSFT", SimHarness.T0 + SECOND, 399.50, 399.60);
      double aBefore = filled(h, a.id());
      assertThat(aBefore).as("every fill of more than one share is partial").isGreaterThan(0).isLessThan(100);
      List<BrokerUpdate> before = new ArrayList<>();
      while (before.isEmpty() || before.get(before.size() - 1).filledQty() < aBefore
          || !before.get(before.size() - 1).brokerOrderId().equals(a.id())) {
        before.add(job.next());
      }
      assertThat(lastPosition(before, "AAPL")).isEqualTo(aBefore);

      // the gap: both orders fill while the stream is down
      assertThat(h.service.dropStreamConnections()).isEqualTo(1);
      long gapAapl = SimHarness.T0 + 2 * SECOND;
      long gapMsft = SimHarness.T0 + 3 * SECOND;
      h.quote("AAPL", gapAapl, 179.98, 180.03);
      h.quote("MSFT", gapMsft, 400.10, 400.20);
      double aGap = filled(h, a.id());
      double mGap = filled(h, m.id());
      assertThat(aGap).as("AAPL fills further in the gap").isGreaterThan(aBefore);
      assertThat(mGap).isGreaterThan(0);

      // after the reconnect: one reconciled fill per order, priced and positioned as the simulator filled them
      BrokerUpdate ra = job.next();
      BrokerUpdate rm = job.next();
      assertThat(ra).isEqualTo(new BrokerUpdate(aGap == 100 ? "fill" : "partial_fill", a.clientOrderId(), a.id(),
          "AAPL", aGap == 100 ? "filled" : "partially_filled", aGap - aBefore, 180.03, aGap, aGap, gapAapl, "",
          true));
      assertThat(rm).isEqualTo(new BrokerUpdate(mGap == 30 ? "fill" : "partial_fill", m.clientOrderId(), m.id(),
          "MSFT", mGap == 30 ? "filled" : "partially_filled", -mGap, 400.10, -mGap, mGap, gapMsft, "", true));
      awaitListeners(h, 1);

      // after the gap: the rest fills on the stream, nothing twice
      for (int i = 0; i < 300 && (filled(h, a.id()) < 100 || filled(h, m.id()) < 30); i++) {
        long t = SimHarness.T0 + (10 + i) * SECOND;
        h.quote("AAPL", t, 179.99, 180.04);
        h.quote("MSFT", t, 400.05, 400.15);
      }
      List<BrokerUpdate> all = new ArrayList<>(before);
      all.add(ra);
      all.add(rm);
      while (!(last(all, a.id()).filledQty() == 100 && last(all, m.id()).filledQty() == 30)) {
        all.add(job.next());
      }
      assertThat(sumFills(all, a.id())).isEqualTo(100.0);
      assertThat(sumFills(all, m.id())).isEqualTo(-30.0);
      assertThat(lastPosition(all, "AAPL")).isEqualTo(100.0);
      assertThat(lastPosition(all, "MSFT")).isEqualTo(-30.0);
      assertThat(all).filteredOn(BrokerUpdate::reconciled).containsExactly(ra, rm);
      // each cumulative quantity of an order appears once: no execution twice
      assertThat(all.stream().filter(BrokerUpdate::isFill).map(u -> u.brokerOrderId() + "@" + u.filledQty()))
          .doesNotHaveDuplicates();

      AlpacaOrder marker = h.client.submit(OrderRequest.builder().symbol("MSFT").buy(1).market().build());
      h.quote("MSFT", SimHarness.T0 + 100 * SECOND, 400.05, 400.15);
      assertThat(job.next().brokerOrderId()).isEqualTo(marker.id());
    }
  }

  private static BrokerUpdate last(List<BrokerUpdate> updates, String orderId) {
    BrokerUpdate last = null;
    for (BrokerUpdate u : updates) {
      if (u.brokerOrderId().equals(orderId)) {
        last = u;
      }
    }
    return last == null ? new BrokerUpdate("none", "", orderId, "X", "", Double.NaN, Double.NaN, Double.NaN, 0, 0,
        "", false) : last;
  }

  private static double sumFills(List<BrokerUpdate> updates, String orderId) {
    return updates.stream().filter(u -> u.isFill() && u.brokerOrderId().equals(orderId))
        .mapToDouble(BrokerUpdate::fillQty).sum();
  }

  private static double lastPosition(List<BrokerUpdate> updates, String symbol) {
    double p = Double.NaN;
    for (BrokerUpdate u : updates) {
      if (u.isFill() && u.symbol().equals(symbol)) {
        p = u.positionQty();
      }
    }
    return p;
  }
}
