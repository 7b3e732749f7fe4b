package io.quantflow.simulator.trading;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Quote;
import io.quantflow.simulator.MarketTape;
import io.quantflow.simulator.TapeEvent;
import io.quantflow.simulator.TapeListener;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The simulator's market input for tests: publishes exactly the events a test chooses, on the test's thread, so a
 * test knows that every consequence of an event (fills, updates handed to the stream) happened when
 * {@link #publish} returns.
 */
final class TestTape implements MarketTape {
  private final List<TapeListener> listeners = new CopyOnWriteArrayList<>();
  private final Set<String> symbols;
  private final Map<String, Quote> quotes = new HashMap<>();
  private final Map<String, Bar> bars = new HashMap<>();
  private final Set<String> halted = new HashSet<>();
  private volatile long nowMicros;

  TestTape(long startMicros, String... symbols) {
    this.nowMicros = startMicros;
    this.symbols = Set.of(symbols);
  }

  /** Publishes {@code e} to every listener; the clock moves to its time. */
  void publish(TapeEvent e) {
    nowMicros = Math.max(nowMicros, e.publishedAtMicros());
    if (e instanceof TapeEvent.QuoteEvent q) {
      quotes.put(q.quote().symbol(), q.quote());
    } else if (e instanceof TapeEvent.BarEvent b) {
      bars.put(b.bar().symbol(), b.bar());
    } else if (e instanceof TapeEvent.StatusEvent s) {
      if (s.halted()) {
        halted.add(s.symbol());
      } else {
        halted.remove(s.symbol());
      }
    }
    for (TapeListener l : listeners) {
      l.onEvent(e);
    }
  }

  @Override
  public void addListener(TapeListener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeListener(TapeListener listener) {
    listeners.remove(listener);
  }

  @Override
  public long nowMicros() {
    return nowMicros;
  }

  @Override
  public Set<String> symbols() {
    return symbols;
  }

  @Override
  public Optional<Quote> latestQuote(String symbol) {
    return Optional.ofNullable(quotes.get(symbol));
  }

  @Override
  public Optional<Bar> latestBar(String symbol) {
    return Optional.ofNullable(bars.get(symbol));
  }

  @Override
  public boolean halted(String symbol) {
    return halted.contains(symbol);
  }
}
