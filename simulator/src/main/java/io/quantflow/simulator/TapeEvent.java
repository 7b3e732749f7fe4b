package io.quantflow.simulator;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Quote;
import io.quantflow.domain.Trade;

/**
 * One event of the replayed market, in the order the {@link MarketTape} publishes them (event time, then symbol).
 * Every event carries the simulated clock at which it becomes visible, in UTC epoch microseconds: a trade or quote
 * at its own time, a bar at its end (Alpaca publishes a minute bar just after the minute closes).
 */
public sealed interface TapeEvent {
  /** Simulated time at which the event is published, UTC epoch microseconds. */
  long publishedAtMicros();

  /** A bar, published at its end ({@link Bar#availableAtMicros()}). */
  record BarEvent(Bar bar) implements TapeEvent {
    @Override
    public long publishedAtMicros() {
      return bar.availableAtMicros();
    }
  }

  /** A trade print. */
  record TradeEvent(Trade trade) implements TapeEvent {
    @Override
    public long publishedAtMicros() {
      return trade.timestampMicros();
    }
  }

  /** A top-of-book quote. */
  record QuoteEvent(Quote quote) implements TapeEvent {
    @Override
    public long publishedAtMicros() {
      return quote.timestampMicros();
    }
  }

  /**
   * A trading-status change: {@code halted} true for a halt (Alpaca status code {@code H}), false for a resumption
   * ({@code T}).
   */
  record StatusEvent(String symbol, long publishedAtMicros, boolean halted) implements TapeEvent {}

  /** The simulated clock moved to {@code publishedAtMicros} with no other event (lets engines expire orders). */
  record ClockEvent(long publishedAtMicros) implements TapeEvent {}
}
