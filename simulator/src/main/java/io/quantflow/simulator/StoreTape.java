package io.quantflow.simulator;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.connectors.store.TickStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Quote;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.Trade;
import io.quantflow.simulator.marketdata.MarketHistory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A {@link MarketTape} replaying a Parquet store: its one-minute bars ({@code bars/timeframe=1m}), plus its trades
 * and quotes when it has them, and the trading halts given to the {@link Builder} (the store format has no halt
 * marks) as {@link TapeEvent.StatusEvent}s.
 *
 * <p>Order is deterministic: by {@link TapeEvent#publishedAtMicros()}, then symbol, then kind (status, bar, trade,
 * quote), then store order. A bar is published at its end, so the 14:30 minute bar comes at 14:31:00, before the
 * trades stamped 14:31:00. The replay runs on its own daemon thread from {@link #start()}, at {@code speed}
 * simulated seconds per wall-clock second (60: a simulated minute per second; 0 or less: as fast as possible), and
 * emits a {@link TapeEvent.ClockEvent} at each whole simulated minute that has no other event, so that engines
 * see time pass through gaps. Listeners implementing {@link InstantListener} also hear when all events of one
 * instant have been delivered (the market-data stream batches them into one frame).
 *
 * <p>{@link #latestQuote}, {@link #latestBar}, {@link #halted} and {@link #nowMicros} answer from what has been
 * published. As a {@link MarketHistory} the tape offers the whole store, published or not. The store is read into
 * memory when the tape is built. Thread-safe.
 */
public final class StoreTape implements MarketTape, MarketHistory, AutoCloseable {
  private static final long MINUTE_MICROS = 60_000_000L;

  private final List<TapeEvent> events;
  private final double speed;
  private final SortedSet<String> symbols;
  private final Map<String, List<Bar>> bars;
  private final Map<String, List<Trade>> trades;
  private final Map<String, List<Quote>> quotes;
  private final List<TapeListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, Quote> latestQuotes = new ConcurrentHashMap<>();
  private final Map<String, Bar> latestBars = new ConcurrentHashMap<>();
  private final Set<String> haltedSymbols = ConcurrentHashMap.newKeySet();
  private final AtomicLong published = new AtomicLong();
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile long nowMicros;
  private volatile boolean closed;
  private Thread thread;

  /** Also told when every event of one instant has been delivered. */
  public interface InstantListener extends TapeListener {
    /** All events published at {@code publishedAtMicros} have been passed to {@link #onEvent}. */
    void onInstantEnd(long publishedAtMicros);
  }

  private StoreTape(Builder b) {
    this.speed = b.speed;
    BarStore barStore = BarStore.at(b.store);
    TickStore tickStore = TickStore.at(b.store);
    List<Bar> allBars = barStore.timeframes().contains(Timeframe.M1) ? barStore.read(Timeframe.M1) : List.of();
    List<Trade> allTrades = tickStore.readTrades();
    List<Quote> allQuotes = tickStore.readQuotes();
    if (allBars.isEmpty() && allTrades.isEmpty() && allQuotes.isEmpty()) {
      throw new IllegalArgumentException("Store " + b.store + " has no 1m bars (bars/timeframe=1m/), trades or quotes "
          + "to replay; pass a store written by 'quant import csv' or 'quant generate --timeframe 1m'");
    }
    this.bars = group(allBars, Bar::symbol, Comparator.comparingLong(Bar::timestampMicros));
    this.trades = group(allTrades, Trade::symbol, Comparator.comparingLong(Trade::timestampMicros));
    this.quotes = group(allQuotes, Quote::symbol, Comparator.comparingLong(Quote::timestampMicros));
    TreeSet<String> all = new TreeSet<>();
    all.addAll(bars.keySet());
    all.addAll(trades.keySet());
    all.addAll(quotes.keySet());
    this.symbols = Collections.unmodifiableSortedSet(all);

    List<TapeEvent> list = new ArrayList<>(allBars.size() + allTrades.size() + allQuotes.size() + b.statuses.size());
    list.addAll(b.statuses);
    // per symbol in store order, so that the stable sort below keeps store order among equal keys
    bars.values().forEach(l -> l.forEach(x -> list.add(new TapeEvent.BarEvent(x))));
    trades.values().forEach(l -> l.forEach(x -> list.add(new TapeEvent.TradeEvent(x))));
    quotes.values().forEach(l -> l.forEach(x -> list.add(new TapeEvent.QuoteEvent(x))));
    list.sort(Comparator.comparingLong(TapeEvent::publishedAtMicros).thenComparing(StoreTape::symbolOf)
        .thenComparingInt(StoreTape::kindRank));
    this.events = Collections.unmodifiableList(list);
    this.nowMicros = list.get(0).publishedAtMicros() - 1;
  }

  /** A tape of the store at {@code store} replayed at {@code speed} (see the class comment). */
  public static StoreTape of(Path store, double speed) {
    return builder(store).speed(speed).build();
  }

  /** A builder for the store at {@code store}: speed 60, no halts. */
  public static Builder builder(Path store) {
    return new Builder(Objects.requireNonNull(store, "store"));
  }

  /** Builds a {@link StoreTape}. */
  public static final class Builder {
    private final Path store;
    private double speed = 60;
    private final List<TapeEvent.StatusEvent> statuses = new ArrayList<>();

    private Builder(Path store) {
      this.store = store;
    }

    /** Simulated seconds per wall-clock second; 0 or less replays as fast as possible. Default 60. */
    public Builder speed(double simulatedSecondsPerSecond) {
      if (Double.isNaN(simulatedSecondsPerSecond)) {
        throw new IllegalArgumentException("Argument 'speed' must be a number but was NaN");
      }
      this.speed = simulatedSecondsPerSecond;
      return this;
    }

    /** Adds a trading halt of {@code symbol} from {@code fromMicros} (inclusive) to {@code untilMicros} (UTC). */
    public Builder halt(String symbol, long fromMicros, long untilMicros) {
      io.quantflow.domain.Checks.notBlank(symbol, "symbol");
      if (untilMicros <= fromMicros) {
        throw new IllegalArgumentException("Halt of " + symbol + " must end after it starts but runs from "
            + fromMicros + " to " + untilMicros + " (UTC epoch microseconds)");
      }
      statuses.add(new TapeEvent.StatusEvent(symbol, fromMicros, true));
      statuses.add(new TapeEvent.StatusEvent(symbol, untilMicros, false));
      return this;
    }

    /** Reads the store into memory. @throws IllegalArgumentException if it holds nothing to replay */
    public StoreTape build() {
      return new StoreTape(this);
    }
  }

  /** Starts the replay thread; a second call is a no-op. */
  public synchronized StoreTape start() {
    if (thread == null) {
      thread = new Thread(this::run, "store-tape");
      thread.setDaemon(true);
      thread.start();
    }
    return this;
  }

  /** Whether {@link #start()} was called. */
  public synchronized boolean started() {
    return thread != null;
  }

  /** Waits until every event has been published; true if it was within {@code timeoutMillis}. */
  public boolean awaitFinished(long timeoutMillis) throws InterruptedException {
    return finished.await(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  /** Whether every event has been published. */
  public boolean finished() {
    return finished.getCount() == 0;
  }

  /** The number of events (clock events excluded) published so far. */
  public long eventsPublished() {
    return published.get();
  }

  /** Every event of the replay in publication order (clock events excluded), immutable. */
  public List<TapeEvent> events() {
    return events;
  }

  /** The replay speed, simulated seconds per wall-clock second (0 or less: as fast as possible). */
  public double speed() {
    return speed;
  }

  @Override
  public void addListener(TapeListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public void removeListener(TapeListener listener) {
    listeners.remove(listener);
  }

  /** The publication time of the latest published event; one microsecond before the first event until then. */
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
    return Optional.ofNullable(latestQuotes.get(symbol));
  }

  @Override
  public Optional<Bar> latestBar(String symbol) {
    return Optional.ofNullable(latestBars.get(symbol));
  }

  @Override
  public boolean halted(String symbol) {
    return haltedSymbols.contains(symbol);
  }

  @Override
  public SortedSet<String> historySymbols() {
    return symbols;
  }

  @Override
  public List<Bar> minuteBars(String symbol) {
    return bars.getOrDefault(symbol, List.of());
  }

  @Override
  public List<Trade> trades(String symbol) {
    return trades.getOrDefault(symbol, List.of());
  }

  @Override
  public List<Quote> quotes(String symbol) {
    return quotes.getOrDefault(symbol, List.of());
  }

  /** Stops the replay thread (events not yet published are dropped). */
  @Override
  public void close() {
    closed = true;
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      t.interrupt();
    }
  }

  private void run() {
    try {
      long wall0 = System.nanoTime();
      long sim0 = events.get(0).publishedAtMicros();
      long lastMinute = Math.floorDiv(sim0, MINUTE_MICROS) * MINUTE_MICROS;
      int i = 0;
      while (i < events.size() && !closed) {
        long t = events.get(i).publishedAtMicros();
        // whole minutes without events: clock ticks
        for (long m = lastMinute + MINUTE_MICROS; m < t && !closed; m += MINUTE_MICROS) {
          pace(wall0, sim0, m);
          nowMicros = m;
          TapeEvent.ClockEvent tick = new TapeEvent.ClockEvent(m);
          for (TapeListener l : listeners) {
            deliver(l, tick);
          }
          instantEnd(m);
          lastMinute = m;
        }
        pace(wall0, sim0, t);
        if (closed) {
          break;
        }
        nowMicros = t;
        while (i < events.size() && events.get(i).publishedAtMicros() == t) {
          TapeEvent e = events.get(i++);
          record(e);
          for (TapeListener l : listeners) {
            deliver(l, e);
          }
          published.incrementAndGet();
        }
        instantEnd(t);
        lastMinute = Math.max(lastMinute, Math.floorDiv(t, MINUTE_MICROS) * MINUTE_MICROS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      finished.countDown();
    }
  }

  private void instantEnd(long t) {
    for (TapeListener l : listeners) {
      if (l instanceof InstantListener il) {
        try {
          il.onInstantEnd(t);
        } catch (RuntimeException ex) {
          org.slf4j.LoggerFactory.getLogger(StoreTape.class).warn("Tape listener {} failed", l, ex);
        }
      }
    }
  }

  private static void deliver(TapeListener l, TapeEvent e) {
    try {
      l.onEvent(e);
    } catch (RuntimeException ex) {
      org.slf4j.LoggerFactory.getLogger(StoreTape.class).warn("Tape listener {} failed on {}", l, e, ex);
    }
  }

  private void record(TapeEvent e) {
    if (e instanceof TapeEvent.BarEvent b) {
      latestBars.put(b.bar().symbol(), b.bar());
    } else if (e instanceof TapeEvent.QuoteEvent q) {
      latestQuotes.put(q.quote().symbol(), q.quote());
    } else if (e instanceof TapeEvent.StatusEvent s) {
      if (s.halted()) {
        haltedSymbols.add(s.symbol());
      } else {
        haltedSymbols.remove(s.symbol());
      }
    }
  }

  /** Sleeps until the wall-clock moment of simulated time {@code simMicros}. */
  private void pace(long wall0, long sim0, long simMicros) throws InterruptedException {
    if (speed <= 0) {
      return;
    }
    long due = wall0 + (long) ((simMicros - sim0) * 1000.0 / speed);
    long wait;
    while ((wait = due - System.nanoTime()) > 0 && !closed) {
      TimeUnit.NANOSECONDS.sleep(Math.min(wait, 200_000_000L));
    }
  }

  /** The symbol of an event ("" for a clock tick). */
  public static String symbolOf(TapeEvent e) {
    if (e instanceof TapeEvent.BarEvent b) {
      return b.bar().symbol();
    } else if (e instanceof TapeEvent.TradeEvent t) {
      return t.trade().symbol();
    } else if (e instanceof TapeEvent.QuoteEvent q) {
      return q.quote().symbol();
    } else if (e instanceof TapeEvent.StatusEvent s) {
      return s.symbol();
    }
    return "";
  }

  private static int kindRank(TapeEvent e) {
    if (e instanceof TapeEvent.StatusEvent) {
      return 0;
    } else if (e instanceof TapeEvent.BarEvent) {
      return 1;
    } else if (e instanceof TapeEvent.TradeEvent) {
      return 2;
    } else if (e instanceof TapeEvent.QuoteEvent) {
      return 3;
    }
    return 4;
  }

  private static <T> Map<String, List<T>> group(List<T> rows, Function<T, String> symbol, Comparator<T> byTime) {
    Map<String, List<T>> out = new TreeMap<>();
    for (T r : rows) {
      out.computeIfAbsent(symbol.apply(r), s -> new ArrayList<>()).add(r);
    }
    out.replaceAll((s, l) -> {
      l.sort(byTime); // stable: store order among equal times
      return Collections.unmodifiableList(l);
    });
    return Collections.unmodifiableMap(out);
  }

  @Override
  public String toString() {
    return "StoreTape[" + symbols.size() + " symbols, " + events.size() + " events, speed=" + speed + "]";
  }
}
