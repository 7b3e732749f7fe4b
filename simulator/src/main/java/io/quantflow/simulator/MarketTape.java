package io.quantflow.simulator;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Quote;
import java.util.Optional;
import java.util.Set;

/**
 * The simulator's market: the replayed store, in event time, at a configured speed. The market-data stream
 * publishes it to WebSocket clients, the historical API serves the part of it that has already happened, and the
 * trading engine fills orders against it.
 */
public interface MarketTape {
  /** Adds a listener that receives every event published from now on. */
  void addListener(TapeListener listener);

  /** Removes a listener added before; a no-op when absent. */
  void removeListener(TapeListener listener);

  /** The simulated clock: the publication time of the latest event, UTC epoch microseconds. */
  long nowMicros();

  /** The symbols of the replayed data. */
  Set<String> symbols();

  /** The latest quote of {@code symbol} published so far, if any. */
  Optional<Quote> latestQuote(String symbol);

  /** The latest bar of {@code symbol} published so far, if any. */
  Optional<Bar> latestBar(String symbol);

  /** Whether {@code symbol} is halted at the simulated clock. */
  boolean halted(String symbol);
}
