package io.quantflow.connectors.alpaca.stream;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Checks;
import io.quantflow.domain.MarketEvent;

/**
 * What {@link AlpacaMarketDataSource} emits: a minute bar, a revised minute bar, a feed event (trade, quote, cancel,
 * correction) or a dead letter. A Flink source has no side outputs, so the kinds travel in one envelope; exactly one
 * of {@code bar}, {@code event} and {@code deadLetter} is set. {@link AlpacaRecords} splits a stream of envelopes.
 *
 * @param kind which payload is set
 * @param bar BAR and UPDATED_BAR: the 1m bar (labelled by its start)
 * @param event EVENT: the trade, quote, cancel or correction
 * @param deadLetter DEAD_LETTER: reason and raw text
 */
public record AlpacaRecord(Kind kind, Bar bar, MarketEvent event, DeadLetter deadLetter) {

  /** What an {@link AlpacaRecord} carries. */
  public enum Kind {
    /** A minute bar (stream {@code b}, or backfilled from the historical API). */
    BAR,
    /** A revision of a minute bar already emitted (stream {@code u}); downstream revises or rejects it. */
    UPDATED_BAR,
    /** A trade, quote, cancel or correction. */
    EVENT,
    /** A message that could not be used. */
    DEAD_LETTER
  }

  /** Checks that exactly the payload of the kind is set. */
  public AlpacaRecord {
    Checks.notNull(kind, "kind");
    boolean ok = switch (kind) {
      case BAR, UPDATED_BAR -> bar != null && event == null && deadLetter == null;
      case EVENT -> bar == null && event != null && deadLetter == null;
      case DEAD_LETTER -> bar == null && event == null && deadLetter != null;
    };
    Checks.isTrue(ok, "An AlpacaRecord of kind %s must carry exactly its payload", kind);
  }

  /** A minute bar. */
  public static AlpacaRecord bar(Bar bar) {
    return new AlpacaRecord(Kind.BAR, Checks.notNull(bar, "bar"), null, null);
  }

  /** A revised minute bar. */
  public static AlpacaRecord updatedBar(Bar bar) {
    return new AlpacaRecord(Kind.UPDATED_BAR, Checks.notNull(bar, "bar"), null, null);
  }

  /** A feed event. */
  public static AlpacaRecord event(MarketEvent event) {
    return new AlpacaRecord(Kind.EVENT, null, Checks.notNull(event, "event"), null);
  }

  /** A dead letter. */
  public static AlpacaRecord deadLetter(DeadLetter deadLetter) {
    return new AlpacaRecord(Kind.DEAD_LETTER, null, null, Checks.notNull(deadLetter, "deadLetter"));
  }

  /**
   * The Flink timestamp (milliseconds) the source gives this record, the convention of the operators' EventTime: a
   * bar's is the last millisecond of its interval ({@code availableAt - 1 ms}), an event's its event time truncated
   * to the millisecond, a dead letter's its receipt time.
   */
  public long timestampMillis() {
    return switch (kind) {
      case BAR, UPDATED_BAR -> Math.floorDiv(bar.availableAtMicros(), 1000) - 1;
      case EVENT -> Math.floorDiv(event.timestampMicros(), 1000);
      case DEAD_LETTER -> Math.floorDiv(deadLetter.receivedAtMicros(), 1000);
    };
  }
}
