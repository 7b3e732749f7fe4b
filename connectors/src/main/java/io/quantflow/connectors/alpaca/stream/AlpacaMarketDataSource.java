package io.quantflow.connectors.alpaca.stream;

import io.quantflow.connectors.alpaca.AlpacaConfig;
import io.quantflow.connectors.alpaca.data.AlpacaTime;
import io.quantflow.domain.Checks;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A Flink source (FLIP-27) of Alpaca's real-time stock data: minute bars, their revisions, trades, quotes, cancels
 * and corrections, as {@link AlpacaRecord} envelopes, plus dead letters for what could not be parsed.
 *
 * <pre>{@code
 * AlpacaMarketDataSource source = AlpacaMarketDataSource.builder()
 *     .setConfig(AlpacaConfig.fromEnvironment(System.getenv()))
 *     .setSymbols("AAPL", "MSFT")
 *     .setBars(true).setTrades(true)
 *     .setBackfill(true)
 *     .build();   // fails with a message naming the missing setting
 * DataStream<AlpacaRecord> all = env.fromSource(source,
 *     WatermarkStrategy.<AlpacaRecord>forBoundedOutOfOrderness(Duration.ofSeconds(2))
 *         .withIdleness(Duration.ofMinutes(1)), "alpaca");
 * DataStream<Bar> bars = AlpacaRecords.bars(all);
 * }</pre>
 *
 * <p><b>Splits.</b> Alpaca allows one connection per feed and key, so the source has one split: one reader holds
 * the connection and the others finish at once. The split state holds, per symbol, the start of the last emitted
 * bar and the time of the last emitted trade; a restore resumes from there.
 *
 * <p><b>Gaps and duplicates</b> (see {@link GapFiller}): with backfill on, after every (re)connect and restore the
 * gap between the last emitted bar (trade) and the first streamed one is fetched from the historical API and emitted
 * first, so the downstream has neither holes nor duplicates. Identical duplicates are dropped and counted (metric
 * {@code alpacaDuplicatesDropped}), conflicting ones are emitted (metric {@code alpacaConflicts}) for the pipeline's
 * bar sequencer to revise or reject with a reason. Backfilled trades carry their event time as receipt time
 * (history, not late data).
 *
 * <p><b>Time.</b> Each record carries a Flink timestamp ({@link AlpacaRecord#timestampMillis()}): a bar's is the
 * last millisecond of its interval, an event's its event time. The watermark strategy is the caller's; bounded
 * out-of-orderness (a few seconds: Alpaca sends bars just after the minute) with idleness (a quiet symbol set
 * must not hold the watermark back) suits it, as in the example. Nothing is emitted outside market hours except
 * what the feed sends.
 */
public final class AlpacaMarketDataSource implements Source<AlpacaRecord, AlpacaSplit, List<AlpacaSplit>>,
    ResultTypeQueryable<AlpacaRecord> {
  private static final long serialVersionUID = 1L;

  /** The settings a reader needs; serializable with the job graph. */
  record Settings(AlpacaConfig config, List<String> symbols, boolean bars, boolean updatedBars, boolean trades,
      boolean quotes, boolean backfill, String historyFeed, long backfillFromMicros, int maxReconnectAttempts,
      long initialBackoffMillis, long maxBackoffMillis) implements Serializable {

    Subscriptions subscriptions(List<String> forSymbols) {
      Subscriptions s = Subscriptions.none();
      if (bars) {
        s = s.with(Channel.BARS, forSymbols);
      }
      if (updatedBars) {
        s = s.with(Channel.UPDATED_BARS, forSymbols);
      }
      if (trades) {
        s = s.with(Channel.TRADES, forSymbols);
      }
      if (quotes) {
        s = s.with(Channel.QUOTES, forSymbols);
      }
      return s;
    }
  }

  private final Settings settings;

  AlpacaMarketDataSource(Settings settings) {
    this.settings = settings;
  }

  /** A builder: bars on, updated bars on, trades and quotes off, backfill on. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SourceReader<AlpacaRecord, AlpacaSplit> createReader(SourceReaderContext context) {
    return new AlpacaReader(context, settings);
  }

  @Override
  public SplitEnumerator<AlpacaSplit, List<AlpacaSplit>> createEnumerator(
      SplitEnumeratorContext<AlpacaSplit> context) {
    Map<String, Long> start = new HashMap<>();
    if (settings.backfillFromMicros() != Long.MIN_VALUE) {
      settings.symbols().forEach(s -> start.put(s, settings.backfillFromMicros() - 1));
    }
    return new io.quantflow.connectors.alpaca.SplitQueueEnumerator<>(context,
        List.of(new AlpacaSplit("alpaca-" + settings.config().feed(),
        settings.symbols(), settings.bars() ? start : Map.of(), settings.trades() ? start : Map.of())));
  }

  @Override
  public SplitEnumerator<AlpacaSplit, List<AlpacaSplit>> restoreEnumerator(
      SplitEnumeratorContext<AlpacaSplit> context, List<AlpacaSplit> checkpoint) {
    return new io.quantflow.connectors.alpaca.SplitQueueEnumerator<>(context, checkpoint);
  }

  @Override
  public SimpleVersionedSerializer<AlpacaSplit> getSplitSerializer() {
    return new AlpacaSplit.Serializer();
  }

  @Override
  public SimpleVersionedSerializer<List<AlpacaSplit>> getEnumeratorCheckpointSerializer() {
    return new io.quantflow.connectors.alpaca.SplitQueueEnumerator.StateSerializer<>("Alpaca",
        AlpacaSplit.Serializer::write, AlpacaSplit.Serializer::read);
  }

  @Override
  public TypeInformation<AlpacaRecord> getProducedType() {
    return TypeInformation.of(AlpacaRecord.class);
  }

  /** The built settings, for builder tests. */
  Settings settings() {
    return settings;
  }

  /** Settings of an {@link AlpacaMarketDataSource}; {@code build()} checks them. */
  public static final class Builder {
    private AlpacaConfig config;
    private List<String> symbols;
    private boolean bars = true;
    private boolean updatedBars = true;
    private boolean trades;
    private boolean quotes;
    private boolean backfill = true;
    private String historyFeed;
    private long backfillFromMicros = Long.MIN_VALUE;
    private int maxReconnectAttempts = 10;
    private Duration initialBackoff = Duration.ofMillis(250);
    private Duration maxBackoff = Duration.ofSeconds(30);

    private Builder() {}

    /** Keys and endpoints (required). */
    public Builder setConfig(AlpacaConfig c) {
      this.config = Checks.notNull(c, "config");
      return this;
    }

    /** The symbols (required; {@code *} is not allowed, the source tracks positions per symbol). */
    public Builder setSymbols(String... s) {
      return setSymbols(Arrays.asList(s));
    }

    /** The symbols (required). */
    public Builder setSymbols(List<String> s) {
      Checks.notNull(s, "symbols");
      s.forEach(x -> {
        Checks.notBlank(x, "symbol");
        Checks.isTrue(!x.equals("*"), "Symbol '*' is not supported by the source; list the symbols");
      });
      this.symbols = List.copyOf(s);
      return this;
    }

    /** Subscribe to minute bars (default on). */
    public Builder setBars(boolean on) {
      this.bars = on;
      return this;
    }

    /** Subscribe to bar revisions ({@code updatedBars}, default on). */
    public Builder setUpdatedBars(boolean on) {
      this.updatedBars = on;
      return this;
    }

    /** Subscribe to trades, which brings cancels and corrections (default off). */
    public Builder setTrades(boolean on) {
      this.trades = on;
      return this;
    }

    /** Subscribe to quotes (default off; never backfilled). */
    public Builder setQuotes(boolean on) {
      this.quotes = on;
      return this;
    }

    /** Fill gaps after (re)connects and restores from the historical API (default on). */
    public Builder setBackfill(boolean on) {
      this.backfill = on;
      return this;
    }

    /** The historical feed used for backfill (default: the config's feed; {@code sip} for {@code delayed_sip}). */
    public Builder setHistoryFeed(String feed) {
      this.historyFeed = Checks.notBlank(feed, "feed");
      return this;
    }

    /** On a fresh start (no checkpoint), backfill bars and trades from {@code since} (inclusive) too. */
    public Builder setBackfillFrom(Instant since) {
      this.backfillFromMicros = AlpacaTime.toMicros(Checks.notNull(since, "since"));
      return this;
    }

    /** Consecutive failed reconnects before the source fails (default 10) and the backoff (250 ms up to 30 s). */
    public Builder setReconnect(int maxAttempts, Duration initial, Duration max) {
      Checks.isTrue(maxAttempts >= 0, "Argument 'maxAttempts' must not be negative but was %d", maxAttempts);
      Checks.isTrue(initial != null && initial.toMillis() > 0, "Argument 'initial' must be positive");
      Checks.isTrue(max != null && max.compareTo(initial) >= 0, "Argument 'max' must be at least 'initial'");
      this.maxReconnectAttempts = maxAttempts;
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /**
     * The source.
     *
     * @throws IllegalStateException naming the missing or contradictory setting
     */
    public AlpacaMarketDataSource build() {
      if (config == null) {
        throw new IllegalStateException("Property config is required but not provided; call setConfig(..)");
      }
      if (symbols == null || symbols.isEmpty()) {
        throw new IllegalStateException("Property symbols is required but not provided; call setSymbols(..)");
      }
      if (!bars && !updatedBars && !trades && !quotes) {
        throw new IllegalStateException("Nothing to subscribe: setBars, setUpdatedBars, setTrades and setQuotes are "
            + "all off; turn at least one on");
      }
      if (backfillFromMicros != Long.MIN_VALUE && !backfill) {
        throw new IllegalStateException("setBackfillFrom(..) needs setBackfill(true); the two settings conflict");
      }
      String feed = historyFeed != null ? historyFeed
          : config.feed().equals("delayed_sip") ? "sip" : config.feed();
      return new AlpacaMarketDataSource(new Settings(config, symbols, bars, updatedBars, trades, quotes, backfill,
          feed, backfillFromMicros, maxReconnectAttempts, initialBackoff.toMillis(), maxBackoff.toMillis()));
    }
  }
}
