package io.quantflow.connectors.alpaca.stream;

import io.quantflow.connectors.alpaca.data.AlpacaHistoricalClient;
import io.quantflow.connectors.alpaca.data.AlpacaTime;
import io.quantflow.domain.Bar;
import io.quantflow.domain.MarketEvent;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.Trade;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link AlpacaStreamClient} for its split. The client's listener only enqueues; a processor thread runs
 * the {@link GapFiller} (which may block on a backfill request) and queues the records; {@link #pollNext} emits
 * them on the task thread and records, per symbol, the last emitted bar and trade: that, not what is queued, goes
 * into checkpoints.
 */
final class AlpacaReader implements SourceReader<AlpacaRecord, AlpacaSplit> {
  private static final Logger LOG = LoggerFactory.getLogger(AlpacaReader.class);
  private static final Object READY = new Object();

  private record Closed(AlpacaStreamException cause) {}

  private final SourceReaderContext context;
  private final AlpacaMarketDataSource.Settings settings;
  private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
  private final ConcurrentLinkedQueue<AlpacaRecord> outbox = new ConcurrentLinkedQueue<>();
  private final Map<String, Long> emittedBar = new HashMap<>();
  private final Map<String, Long> emittedTrade = new HashMap<>();
  private volatile CompletableFuture<Void> available = new CompletableFuture<>();
  private volatile Throwable failure;
  private volatile GapFiller filler;
  private AlpacaSplit split;
  private AlpacaStreamClient client;
  private Thread processor;
  private boolean noMoreSplits;

  AlpacaReader(SourceReaderContext context, AlpacaMarketDataSource.Settings settings) {
    this.context = context;
    this.settings = settings;
    context.metricGroup().gauge("alpacaDuplicatesDropped", () -> filler == null ? 0L : filler.duplicatesDropped());
    context.metricGroup().gauge("alpacaConflicts", () -> filler == null ? 0L : filler.conflicts());
    context.metricGroup().gauge("alpacaBackfilledBars", () -> filler == null ? 0L : filler.backfilledBars());
    context.metricGroup().gauge("alpacaBackfilledTrades", () -> filler == null ? 0L : filler.backfilledTrades());
  }

  @Override
  public void start() {
    context.sendSplitRequest();
  }

  @Override
  public InputStatus pollNext(ReaderOutput<AlpacaRecord> output) throws Exception {
    AlpacaRecord r = outbox.poll();
    if (r == null) {
      if (failure != null) {
        throw new RuntimeException("The Alpaca market-data source stopped: " + failure.getMessage(), failure);
      }
      if (split == null && noMoreSplits) {
        return InputStatus.END_OF_INPUT;
      }
      CompletableFuture<Void> f = new CompletableFuture<>();
      available = f;
      if (!outbox.isEmpty() || failure != null) {
        f.complete(null);
      }
      return InputStatus.NOTHING_AVAILABLE;
    }
    output.collect(r, r.timestampMillis());
    if (r.kind() == AlpacaRecord.Kind.BAR) {
      emittedBar.merge(r.bar().symbol(), r.bar().timestampMicros(), Math::max);
    } else if (r.kind() == AlpacaRecord.Kind.EVENT && r.event().kind() == MarketEvent.Kind.TRADE) {
      emittedTrade.merge(r.event().symbol(), r.event().timestampMicros(), Math::max);
    }
    return outbox.isEmpty() ? InputStatus.NOTHING_AVAILABLE : InputStatus.MORE_AVAILABLE;
  }

  @Override
  public List<AlpacaSplit> snapshotState(long checkpointId) {
    return split == null ? List.of() : List.of(split.withPositions(emittedBar, emittedTrade));
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    return available;
  }

  @Override
  public void addSplits(List<AlpacaSplit> splits) {
    if (splits.isEmpty()) {
      return;
    }
    if (split != null || splits.size() > 1) {
      throw new IllegalStateException("An Alpaca reader serves one split (one connection per feed and key) but got "
          + splits.size() + " more; build one source per connection");
    }
    split = splits.get(0);
    emittedBar.putAll(split.lastBarMicros());
    emittedTrade.putAll(split.lastTradeMicros());
    filler = new GapFiller(settings.backfill() ? history() : null, settings.backfill(), split.lastBarMicros(),
        split.lastTradeMicros());
    processor = new Thread(this::process, "alpaca-source-" + split.splitId());
    processor.setDaemon(true);
    processor.start();
    client = AlpacaStreamClient.builder(settings.config()).subscriptions(settings.subscriptions(split.symbols()))
        .maxReconnectAttempts(settings.maxReconnectAttempts())
        .backoff(Duration.ofMillis(settings.initialBackoffMillis()), Duration.ofMillis(settings.maxBackoffMillis()))
        .listener(new AlpacaStreamClient.Listener() {
          @Override
          public void onMessage(StreamMessage message) {
            inbox.add(message);
          }

          @Override
          public void onReady(int sessions) {
            inbox.add(READY);
          }

          @Override
          public void onDisconnected(String reason) {
            LOG.warn("Alpaca stream of split {} disconnected: {}", split.splitId(), reason);
          }

          @Override
          public void onClosed(AlpacaStreamException cause) {
            inbox.add(new Closed(cause));
          }
        }).build();
    client.connect();
  }

  private void process() {
    try {
      while (true) {
        Object o = inbox.take();
        if (o == READY) {
          filler.onReconnect();
          continue;
        }
        if (o instanceof Closed c) {
          if (c.cause() != null) {
            failure = c.cause();
            available.complete(null);
          }
          return;
        }
        List<AlpacaRecord> out = handle((StreamMessage) o);
        if (!out.isEmpty()) {
          outbox.addAll(out);
          available.complete(null);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = e;
      available.complete(null);
    }
  }

  private List<AlpacaRecord> handle(StreamMessage m) {
    if (m instanceof StreamMessage.BarMessage b) {
      return b.kind() == StreamMessage.BarKind.DAILY ? List.of()
          : filler.onBar(b.bar(), b.kind() == StreamMessage.BarKind.UPDATED, b.receivedAtMicros());
    } else if (m instanceof StreamMessage.TradeMessage t) {
      return filler.onTrade(t.trade(), t.receivedAtMicros());
    } else if (m instanceof StreamMessage.QuoteMessage q) {
      return List.of(AlpacaRecord.event(q.toEvent()));
    } else if (m instanceof StreamMessage.CancelMessage c) {
      return List.of(AlpacaRecord.event(c.event()));
    } else if (m instanceof StreamMessage.CorrectionMessage c) {
      return List.of(AlpacaRecord.event(c.event()));
    } else if (m instanceof StreamMessage.Malformed bad) {
      return List.of(AlpacaRecord.deadLetter(new DeadLetter(bad.reason(), bad.raw(), bad.receivedAtMicros())));
    } else if (m instanceof StreamMessage.Unknown u) {
      return List.of(AlpacaRecord.deadLetter(new DeadLetter("message of unknown type '" + u.type() + "'", u.raw(),
          AlpacaTime.toMicros(java.time.Instant.now()))));
    }
    return List.of(); // statuses, LULD: not subscribed by this source
  }

  private GapFiller.History history() {
    AlpacaHistoricalClient rest = AlpacaHistoricalClient.builder(settings.config()).build();
    String feed = settings.historyFeed();
    return new GapFiller.History() {
      @Override
      public List<Bar> bars(String symbol, long fromExclusiveMicros, long toExclusiveMicros) {
        long a = fromExclusiveMicros + 1;
        long b = toExclusiveMicros - 1;
        return b < a ? List.of() : rest.bars(List.of(symbol), Timeframe.M1, AlpacaTime.ofMicros(a),
            AlpacaTime.ofMicros(b), "raw", feed);
      }

      @Override
      public List<Trade> trades(String symbol, long fromExclusiveMicros, long toExclusiveMicros) {
        long a = fromExclusiveMicros + 1;
        long b = toExclusiveMicros - 1;
        return b < a ? List.of() : rest.trades(List.of(symbol), AlpacaTime.ofMicros(a), AlpacaTime.ofMicros(b), feed);
      }
    };
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
    if (processor != null) {
      processor.interrupt();
    }
  }
}
