package io.quantflow.simulator;

/** Receives the replayed market from a {@link MarketTape}, on the tape's replay thread, in publication order. */
@FunctionalInterface
public interface TapeListener {
  /** One event; must not block for long (the replay thread serves every listener). */
  void onEvent(TapeEvent event);
}
