package io.quantflow.connectors.alpaca.trading;

import io.quantflow.connectors.alpaca.AlpacaConfig;
import io.quantflow.domain.Checks;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
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
 * A Flink source (FLIP-27) of the broker's side of the loop: Alpaca's {@code trade_updates} stream as
 * {@link BrokerUpdate}s, every fill exactly once across disconnects and restores.
 *
 * <pre>{@code
 * TradeUpdatesSource source = TradeUpdatesSource.builder()
 *     .setConfig(AlpacaConfig.fromEnvironment(System.getenv()))
 *     .build();   // since: now; fails with a message naming a missing setting
 * DataStream<BrokerUpdate> updates = env.fromSource(source,
 *     WatermarkStrategy.<BrokerUpdate>forBoundedOutOfOrderness(Duration.ofSeconds(5))
 *         .withIdleness(Duration.ofMinutes(1)), "alpaca-trade-updates").setParallelism(1);
 * }</pre>
 *
 * <p><b>One split.</b> One stream per account: one reader runs the {@link TradeUpdatesClient}, the others finish at
 * once. Each update's Flink timestamp is its {@code timestampMicros} (in milliseconds); the watermark strategy is
 * the caller's.
 *
 * <p><b>Reconciliation rule.</b> Alpaca does not replay updates sent while a client was disconnected. So after the
 * first connect, after every reconnect and after a restore, once the stream listens again, the source lists the
 * orders through REST ({@link AlpacaTradingClient#orders} status {@code all}, the newest 500, legs included) and
 * keeps those updated at or after the last emitted update's time minus {@code overlap} (default 5 minutes: the
 * stream's timestamps and the orders' {@code updated_at} need not agree to the microsecond). A fill is identified
 * by its order id and the order's cumulative filled quantity after it. The split state remembers, per order, the
 * cumulative quantity and notional emitted; for every listed order whose {@code filled_qty} is above it, one
 * {@code reconciled} fill of the difference is emitted, priced at {@code (filled_avg_price * filled_qty - emitted
 * notional) / difference} (rounded to 9 decimals: the missed executions' average), timed at the order's
 * {@code filled_at} (else {@code updated_at}), with the position after it being the last emitted position of the
 * symbol plus the fill (for a symbol never seen: derived from the REST position). The listing waits
 * {@code grace} (default 2 s) before it is applied, behind the stream updates that arrived meanwhile, so an
 * execution the new connection does deliver is emitted as itself (with its execution id and exact price), not as
 * a reconciled aggregate. A stream fill whose cumulative quantity is at or below the emitted one is a duplicate
 * and dropped (metric {@code brokerDuplicatesDropped}); a stream update that reveals an earlier missed execution
 * (its cumulative quantity before it is above the emitted one) gets the reconciled fill of the gap first. On a
 * fresh start (no checkpoint), the last update time is {@code since} (default: when the source was built), so a
 * fill of an order updated since then is emitted even when it happened before the stream connected; an order
 * with fills both before and after {@code since} has all its fills emitted. Only fills are reconciled: a missed
 * {@code canceled} or {@code expired} event is not replayed (the next update's or REST's status tells it).
 *
 * <p><b>State.</b> The split holds the last update time, the per-order progress and the per-symbol positions;
 * finished orders are dropped from it once their last update is older than the reconciliation window.
 */
public final class TradeUpdatesSource implements Source<BrokerUpdate, TradeUpdatesSplit, List<TradeUpdatesSplit>>,
    ResultTypeQueryable<BrokerUpdate> {
  private static final long serialVersionUID = 1L;

  /** The settings a reader needs; serializable with the job graph. */
  record Settings(AlpacaConfig config, long sinceMicros, long overlapMicros, long graceMillis,
      int maxReconnectAttempts, long initialBackoffMillis, long maxBackoffMillis) implements Serializable {}

  private final Settings settings;

  TradeUpdatesSource(Settings settings) {
    this.settings = settings;
  }

  /** A builder: since now, overlap 5 min, grace 2 s, 10 reconnect attempts from 500 ms to 30 s. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SourceReader<BrokerUpdate, TradeUpdatesSplit> createReader(SourceReaderContext context) {
    return new TradeUpdatesReader(context, settings);
  }

  @Override
  public SplitEnumerator<TradeUpdatesSplit, List<TradeUpdatesSplit>> createEnumerator(
      SplitEnumeratorContext<TradeUpdatesSplit> context) {
    return new io.quantflow.connectors.alpaca.SplitQueueEnumerator<>(context,
        List.of(new TradeUpdatesSplit("alpaca-trade-updates",
        settings.sinceMicros(), Map.of(), Map.of())));
  }

  @Override
  public SplitEnumerator<TradeUpdatesSplit, List<TradeUpdatesSplit>> restoreEnumerator(
      SplitEnumeratorContext<TradeUpdatesSplit> context, List<TradeUpdatesSplit> checkpoint) {
    return new io.quantflow.connectors.alpaca.SplitQueueEnumerator<>(context, checkpoint);
  }

  @Override
  public SimpleVersionedSerializer<TradeUpdatesSplit> getSplitSerializer() {
    return new TradeUpdatesSplit.Serializer();
  }

  @Override
  public SimpleVersionedSerializer<List<TradeUpdatesSplit>> getEnumeratorCheckpointSerializer() {
    return new io.quantflow.connectors.alpaca.SplitQueueEnumerator.StateSerializer<>("trade-updates",
        TradeUpdatesSplit.Serializer::write, TradeUpdatesSplit.Serializer::read);
  }

  @Override
  public TypeInformation<BrokerUpdate> getProducedType() {
    return TypeInformation.of(BrokerUpdate.class);
  }

  /** The built settings, for builder tests. */
  Settings settings() {
    return settings;
  }

  /** Settings of a {@link TradeUpdatesSource}; {@code build()} checks them. */
  public static final class Builder {
    private AlpacaConfig config;
    private Instant since;
    private Duration overlap = Duration.ofMinutes(5);
    private Duration grace = Duration.ofSeconds(2);
    private int maxReconnectAttempts = 10;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);

    private Builder() {}

    /** Keys and endpoints (required). */
    public Builder setConfig(AlpacaConfig c) {
      this.config = Checks.notNull(c, "config");
      return this;
    }

    /** On a fresh start (no checkpoint), reconcile the fills of orders updated since {@code t} (default: now). */
    public Builder setSince(Instant t) {
      this.since = Checks.notNull(t, "since");
      return this;
    }

    /** How far before the last emitted update reconciliation lists orders (default 5 min). */
    public Builder setOverlap(Duration d) {
      Checks.isTrue(d != null && !d.isNegative(), "Argument 'overlap' must not be negative but was %s", d);
      this.overlap = d;
      return this;
    }

    /** How long a REST listing waits for the stream to deliver what it lists (default 2 s; zero: none). */
    public Builder setGrace(Duration d) {
      Checks.isTrue(d != null && !d.isNegative(), "Argument 'grace' must not be negative but was %s", d);
      this.grace = d;
      return this;
    }

    /** Consecutive failed reconnects before the source fails (default 10) and the backoff (500 ms up to 30 s). */
    public Builder setReconnect(int maxAttempts, Duration initial, Duration max) {
      Checks.isTrue(maxAttempts >= 1, "Argument 'maxAttempts' must be positive but was %d", maxAttempts);
      Checks.isTrue(initial != null && initial.toMillis() > 0, "Argument 'initial' must be positive but was %s",
          initial);
      Checks.isTrue(max != null && max.compareTo(initial) >= 0, "Argument 'max' must be at least 'initial' (%s) but "
          + "was %s", initial, max);
      this.maxReconnectAttempts = maxAttempts;
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /**
     * The source.
     *
     * @throws IllegalStateException naming the missing setting, or when the config points at the live endpoint
     *     without live trading enabled
     */
    public TradeUpdatesSource build() {
      if (config == null) {
        throw new IllegalStateException("Property config is required but not provided; call setConfig(..)");
      }
      config.checkTradingMode();
      Instant t = since != null ? since : Instant.now();
      long sinceMicros = t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
      return new TradeUpdatesSource(new Settings(config, sinceMicros, overlap.toNanos() / 1_000, grace.toMillis(),
          maxReconnectAttempts, initialBackoff.toMillis(), maxBackoff.toMillis()));
    }
  }
}
