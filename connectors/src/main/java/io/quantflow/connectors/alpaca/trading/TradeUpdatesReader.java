package io.quantflow.connectors.alpaca.trading;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link TradeUpdatesClient} for the split. The client's listener only enqueues; after the first connect
 * and each reconnect a reconciliation thread lists the orders through REST, waits the grace period and enqueues the
 * listing behind the stream updates that arrived meanwhile. {@link #pollNext} runs everything through the
 * {@link FillLedger} and emits on the task thread, so a checkpoint holds exactly what was emitted.
 */
final class TradeUpdatesReader implements SourceReader<BrokerUpdate, TradeUpdatesSplit> {
  private static final Logger LOG = LoggerFactory.getLogger(TradeUpdatesReader.class);

  /** A REST listing to reconcile. */
  private record Listing(List<AlpacaOrder> orders, Map<String, BigDecimal> positions) {}

  /** The stream or the reconciliation stopped for good. */
  private record Failed(Throwable cause) {}

  private final SourceReaderContext context;
  private final TradeUpdatesSource.Settings settings;
  private final ConcurrentLinkedQueue<Object> inbox = new ConcurrentLinkedQueue<>();
  private volatile CompletableFuture<Void> available = new CompletableFuture<>();
  private volatile long lastUpdateMicros;
  private volatile FillLedger ledger;
  private volatile long reconnects;
  private TradeUpdatesSplit split;
  private TradeUpdatesClient client;
  private AlpacaTradingClient rest;
  private ExecutorService reconciler;
  private boolean noMoreSplits;

  TradeUpdatesReader(SourceReaderContext context, TradeUpdatesSource.Settings settings) {
    this.context = context;
    this.settings = settings;
    context.metricGroup().gauge("brokerReconciledFills", () -> ledger == null ? 0L : ledger.reconciledFills());
    context.metricGroup().gauge("brokerDuplicatesDropped", () -> ledger == null ? 0L : ledger.duplicatesDropped());
    context.metricGroup().gauge("brokerReconnects", () -> reconnects);
  }

  @Override
  public void start() {
    context.sendSplitRequest();
  }

  @Override
  public InputStatus pollNext(ReaderOutput<BrokerUpdate> output) {
    Object o = inbox.poll();
    if (o == null) {
      if (split == null && noMoreSplits) {
        return InputStatus.END_OF_INPUT;
      }
      CompletableFuture<Void> f = new CompletableFuture<>();
      available = f;
      if (!inbox.isEmpty()) {
        f.complete(null);
      }
      return InputStatus.NOTHING_AVAILABLE;
    }
    List<BrokerUpdate> out;
    if (o instanceof TradeUpdate u) {
      out = ledger.onStream(u);
    } else if (o instanceof Listing l) {
      out = ledger.onListing(l.orders(), l.positions());
      if (!out.isEmpty()) {
        LOG.info("trade updates: reconciled {} fill(s) missed while disconnected", out.size());
      }
    } else {
      Throwable cause = ((Failed) o).cause();
      throw new IllegalStateException("The trade-updates source stopped: " + cause.getMessage()
          + "; the job restarts from its last checkpoint and reconciles the missed fills through REST", cause);
    }
    lastUpdateMicros = ledger.lastUpdateMicros();
    // all updates of one step in this call: the ledger counts them at once, so a checkpoint must not fall between
    for (BrokerUpdate u : out) {
      output.collect(u, u.timestampMicros() / 1000);
    }
    return inbox.isEmpty() ? InputStatus.NOTHING_AVAILABLE : InputStatus.MORE_AVAILABLE;
  }

  @Override
  public List<TradeUpdatesSplit> snapshotState(long checkpointId) {
    return split == null ? List.of() : List.of(ledger.snapshot(split.splitId(), settings.overlapMicros()));
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    return available;
  }

  @Override
  public void addSplits(List<TradeUpdatesSplit> splits) {
    if (splits.isEmpty()) {
      return;
    }
    if (split != null || splits.size() > 1) {
      throw new IllegalStateException("A trade-updates reader serves one split (one stream per account) but got "
          + splits.size() + " more; build one source per account");
    }
    split = splits.get(0);
    ledger = new FillLedger(split);
    lastUpdateMicros = ledger.lastUpdateMicros();
    rest = AlpacaTradingClient.builder(settings.config()).build();
    reconciler = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "alpaca-trade-updates-reconcile");
      t.setDaemon(true);
      return t;
    });
    client = TradeUpdatesClient.builder(settings.config())
        .maxReconnectAttempts(settings.maxReconnectAttempts())
        .initialBackoff(Duration.ofMillis(settings.initialBackoffMillis()))
        .maxBackoff(Duration.ofMillis(settings.maxBackoffMillis()))
        .listener(new TradeUpdatesClient.Listener() {
          @Override
          public void onUpdate(TradeUpdate update) {
            enqueue(update);
          }

          @Override
          public void onReconnected() {
            reconnects++;
            reconcile();
          }

          @Override
          public void onError(Throwable error) {
            enqueue(new Failed(error));
          }
        }).build();
    client.start();
    reconcile();
  }

  private void enqueue(Object o) {
    inbox.add(o);
    available.complete(null);
  }

  /** Lists the orders updated since the last emitted update (minus the overlap), then waits the grace period. */
  private void reconcile() {
    long since = lastUpdateMicros == Long.MIN_VALUE ? Long.MIN_VALUE : lastUpdateMicros - settings.overlapMicros();
    try {
      reconciler.submit(() -> {
        try {
          List<AlpacaOrder> listed = new ArrayList<>();
          List<AlpacaOrder> page = rest.orders(AlpacaTradingClient.OrderStatus.ALL, 500);
          for (AlpacaOrder o : page) {
            flatten(o, since, listed);
          }
          if (page.size() == 500 && fillTimeOrUpdate(page.get(page.size() - 1)) >= since) {
            LOG.warn("trade updates: 500 orders (the REST maximum) were listed and the oldest was still updated "
                + "after {} µs; older fills missed while disconnected are not reconciled: reconnect sooner or "
                + "reconcile by hand with GET /v2/orders", since);
          }
          Map<String, BigDecimal> positions = new HashMap<>();
          for (Position p : rest.positions()) {
            positions.put(p.symbol(), p.qty());
          }
          Thread.sleep(settings.graceMillis());
          enqueue(new Listing(listed, positions));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
          enqueue(new Failed(e));
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // the reader is closing
    }
  }

  private static void flatten(AlpacaOrder o, long since, List<AlpacaOrder> out) {
    if (fillTimeOrUpdate(o) >= since) {
      out.add(o);
    }
    for (AlpacaOrder leg : o.legs()) {
      flatten(leg, since, out);
    }
  }

  private static long fillTimeOrUpdate(AlpacaOrder o) {
    return o.updatedAtMicros() != null ? o.updatedAtMicros() : o.createdAtMicros() != null ? o.createdAtMicros()
        : Long.MAX_VALUE;
  }

  @Override
  public void notifyNoMoreSplits() {
    noMoreSplits = true;
    available.complete(null);
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
    if (reconciler != null) {
      reconciler.shutdownNow();
    }
  }
}
