package io.quantflow.connectors.alpaca.stream;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Checks;
import io.quantflow.domain.MarketEvent;
import io.quantflow.domain.Trade;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gap and duplicate logic of {@link AlpacaMarketDataSource}, in plain Java (no Flink), so tests drive it
 * directly. Single-threaded.
 *
 * <p><b>Backfill.</b> After each (re)connect ({@link #onReconnect()}), the first streamed minute bar of a symbol
 * triggers a fetch of the bars strictly between the last emitted bar and that first bar; the first streamed trade
 * likewise fetches the trades strictly between the last emitted trade time and its own time. The fetched rows are
 * emitted (in time order) before the streamed one, so the downstream sees no hole. A symbol with nothing emitted yet
 * has no gap to fill. Quotes are not backfilled (too many, and stale quotes are of no use). A failed fetch becomes
 * a dead letter naming the symbol and range, and streaming continues.
 *
 * <p><b>Duplicates.</b> Identical duplicates are counted ({@link #duplicatesDropped()}) and dropped; conflicting
 * ones are emitted and counted ({@link #conflicts()}) so the pipeline's bar sequencer revises or rejects them with a
 * reason. A bar is a duplicate when a bar of the same symbol and start was emitted (compared with the last
 * {@value #RECENT_BARS} bars of the symbol); a streamed minute bar at or before the last emitted start that is no
 * longer remembered (e.g. emitted before a restore) is dropped as a duplicate. A trade is a duplicate when a trade
 * with the same id was emitted (the last {@value #RECENT_TRADES} ids of the symbol are remembered); after a restore,
 * streamed trades at or before the restored last trade time are dropped as already emitted. Trades with id 0 are
 * never deduplicated. Updated bars ({@code u}) are revisions: emitted unless identical to what was emitted.
 */
public final class GapFiller {
  /** Bars remembered per symbol for duplicate checks. */
  public static final int RECENT_BARS = 256;
  /** Trade ids remembered per symbol for duplicate checks. */
  public static final int RECENT_TRADES = 10_000;

  /** Where backfill rows come from (the historical API). Ranges are exclusive at both ends, UTC epoch micros. */
  public interface History {
    /** The 1m bars of {@code symbol} with start in {@code (fromExclusive, toExclusive)}. */
    List<Bar> bars(String symbol, long fromExclusiveMicros, long toExclusiveMicros);

    /** The trades of {@code symbol} with time in {@code (fromExclusive, toExclusive)}. */
    List<Trade> trades(String symbol, long fromExclusiveMicros, long toExclusiveMicros);
  }

  private final History history;
  private final boolean backfill;
  private final Map<String, Long> lastBar;
  private final Map<String, Long> lastTrade;
  private final Map<String, Long> tradeFloor;
  private final Map<String, LinkedHashMap<Long, Bar>> recentBars = new HashMap<>();
  private final Map<String, LinkedHashMap<Long, Trade>> recentTrades = new HashMap<>();
  private final Set<String> barGapOpen = new HashSet<>();
  private final Set<String> tradeGapOpen = new HashSet<>();
  private long duplicates;
  private long conflicts;
  private long backfilledBars;
  private long backfilledTrades;

  /**
   * A filler resuming from restored state.
   *
   * @param history the backfill source (may be null when {@code backfill} is false)
   * @param backfill whether to fill gaps
   * @param lastBarMicros per symbol, the start of the last emitted minute bar
   * @param lastTradeMicros per symbol, the time of the last emitted trade
   */
  public GapFiller(History history, boolean backfill, Map<String, Long> lastBarMicros,
      Map<String, Long> lastTradeMicros) {
    Checks.isTrue(!backfill || history != null, "Argument 'history' must not be null when backfill is on");
    this.history = history;
    this.backfill = backfill;
    this.lastBar = new HashMap<>(Checks.notNull(lastBarMicros, "lastBarMicros"));
    this.lastTrade = new HashMap<>(Checks.notNull(lastTradeMicros, "lastTradeMicros"));
    this.tradeFloor = new HashMap<>(lastTradeMicros);
  }

  /** A (re)connect happened: the next bar and trade of every symbol close the gap since the last emitted one. */
  public void onReconnect() {
    barGapOpen.addAll(lastBar.keySet());
    tradeGapOpen.addAll(lastTrade.keySet());
  }

  /** What to emit for a streamed bar: backfill first, then the bar, or nothing for a duplicate. */
  public List<AlpacaRecord> onBar(Bar bar, boolean updated, long receivedAtMicros) {
    List<AlpacaRecord> out = new ArrayList<>();
    String s = bar.symbol();
    if (updated) {
      Bar old = recent(s).get(bar.timestampMicros());
      if (bar.equals(old)) {
        duplicates++;
      } else {
        remember(s, bar);
        out.add(AlpacaRecord.updatedBar(bar));
      }
      return out;
    }
    if (barGapOpen.remove(s) && backfill) {
      long from = lastBar.get(s);
      if (bar.timestampMicros() - from > bar.timeframe().durationMicros()) {
        try {
          List<Bar> fill = new ArrayList<>(history.bars(s, from, bar.timestampMicros()));
          fill.sort(Comparator.comparingLong(Bar::timestampMicros));
          for (Bar b : fill) {
            if (b.symbol().equals(s) && b.timestampMicros() > lastBar.get(s) && b.timestampMicros() < bar.timestampMicros()) {
              emitBar(b, out);
              backfilledBars++;
            }
          }
        } catch (RuntimeException e) {
          out.add(AlpacaRecord.deadLetter(new DeadLetter("backfill of bars failed: " + e.getMessage(), s + " bars ("
              + from + ", " + bar.timestampMicros() + ") micros", receivedAtMicros)));
        }
      }
    }
    Long last = lastBar.get(s);
    if (last == null || bar.timestampMicros() > last) {
      emitBar(bar, out);
    } else {
      Bar old = recent(s).get(bar.timestampMicros());
      if (old == null || old.equals(bar)) {
        duplicates++;
      } else {
        conflicts++;
        remember(s, bar);
        out.add(AlpacaRecord.bar(bar));
      }
    }
    return out;
  }

  /** What to emit for a streamed trade: backfill first, then the trade, or nothing for a duplicate. */
  public List<AlpacaRecord> onTrade(Trade trade, long receivedAtMicros) {
    List<AlpacaRecord> out = new ArrayList<>();
    String s = trade.symbol();
    if (tradeGapOpen.remove(s) && backfill) {
      long from = lastTrade.get(s);
      if (trade.timestampMicros() > from + 1) {
        try {
          List<Trade> fill = new ArrayList<>(history.trades(s, from, trade.timestampMicros()));
          fill.sort(Comparator.comparingLong(Trade::timestampMicros));
          for (Trade t : fill) {
            if (t.symbol().equals(s) && t.timestampMicros() > from && t.timestampMicros() < trade.timestampMicros()) {
              if (emitTrade(t, t.timestampMicros(), out)) {
                backfilledTrades++;
              }
            }
          }
        } catch (RuntimeException e) {
          out.add(AlpacaRecord.deadLetter(new DeadLetter("backfill of trades failed: " + e.getMessage(), s
              + " trades (" + from + ", " + trade.timestampMicros() + ") micros", receivedAtMicros)));
        }
      }
    }
    Long floor = tradeFloor.get(s);
    if (floor != null && trade.timestampMicros() <= floor && !recentTrades(s).containsKey(trade.tradeId())) {
      duplicates++;
      return out;
    }
    emitTrade(trade, receivedAtMicros, out);
    return out;
  }

  private void emitBar(Bar b, List<AlpacaRecord> out) {
    remember(b.symbol(), b);
    lastBar.merge(b.symbol(), b.timestampMicros(), Math::max);
    out.add(AlpacaRecord.bar(b));
  }

  private boolean emitTrade(Trade t, long receivedAtMicros, List<AlpacaRecord> out) {
    if (t.tradeId() != 0) {
      LinkedHashMap<Long, Trade> recent = recentTrades(t.symbol());
      Trade old = recent.get(t.tradeId());
      if (t.equals(old)) {
        duplicates++;
        return false;
      }
      if (old != null) {
        conflicts++;
      }
      recent.put(t.tradeId(), t);
    }
    lastTrade.merge(t.symbol(), t.timestampMicros(), Math::max);
    out.add(AlpacaRecord.event(MarketEvent.trade(t, receivedAtMicros)));
    return true;
  }

  private void remember(String symbol, Bar b) {
    recent(symbol).put(b.timestampMicros(), b);
  }

  private LinkedHashMap<Long, Bar> recent(String symbol) {
    return recentBars.computeIfAbsent(symbol, k -> new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Bar> eldest) {
        return size() > RECENT_BARS;
      }
    });
  }

  private LinkedHashMap<Long, Trade> recentTrades(String symbol) {
    return recentTrades.computeIfAbsent(symbol, k -> new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Trade> eldest) {
        return size() > RECENT_TRADES;
      }
    });
  }

  /** Identical duplicates dropped so far. */
  public long duplicatesDropped() {
    return duplicates;
  }

  /** Conflicting duplicates emitted so far (same bar start or trade id, different values). */
  public long conflicts() {
    return conflicts;
  }

  /** Bars emitted from backfill so far. */
  public long backfilledBars() {
    return backfilledBars;
  }

  /** Trades emitted from backfill so far. */
  public long backfilledTrades() {
    return backfilledTrades;
  }
}
