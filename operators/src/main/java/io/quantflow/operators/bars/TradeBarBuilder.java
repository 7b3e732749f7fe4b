package io.quantflow.operators.bars;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Checks;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.Trade;
import io.quantflow.domain.calendar.ExchangeCalendar;
import io.quantflow.domain.calendar.Session;
import io.quantflow.domain.calendar.SessionPhase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Builds session-aligned trade bars of one symbol from trades, with late trades, cancels and corrections. Plain
 * Java, no Flink: a state machine driven by {@link #onTrade}, {@link #onCancel}, {@link #onCorrection} and
 * {@link #onWatermark}, each returning what it emitted.
 *
 * <p><b>Intervals.</b> Bars are labelled by the start of their UTC-epoch-aligned interval
 * ({@link Timeframe#startOf}), the store convention, so the first regular-session 1h bar is labelled 09:00 New York
 * and covers 09:30-10:00. Only trades inside the session count: the regular session by default, the extended session
 * (04:00-20:00 New York, 17:00 on early-close days) with {@code extendedHours}; both come from the
 * {@link ExchangeCalendar}. An interval that straddles a session edge contains only in-session trades and is final
 * at the session close: on an early-close day the last regular 1h bar is labelled 12:00 and closes at 13:00 New York,
 * and with extended hours the 16:00 bar covers 16:00-17:00 only. Trades outside the session are returned as
 * {@link BarUpdate.Rejected} with reason {@code OUTSIDE_SESSION}, never silently dropped.
 *
 * <p><b>Values.</b> open/close are the price of the first/last trade by event time (ties by arrival order), high/low
 * the extremes, volume the summed size, {@code tradeCount} the number of trades and {@code vwap} = sum(price*size) /
 * sum(size), summed in event-time order.
 *
 * <p><b>Emission.</b> A bar is emitted (revision 0) once the watermark reaches its effective end: the end of its
 * interval, or the session close if earlier. Empty intervals produce no bar, unless {@code carryLastPrice} is set:
 * then every in-session interval between the first trade and the watermark (but not beyond the session of the latest
 * accepted trade) with no trades produces a bar with O=H=L=C=the previous bar's close, volume 0, trade count 0 and
 * vwap NaN, flagged {@code carried}. Carried bars are not recomputed when an earlier bar is revised.
 *
 * <p><b>Lateness and revisions.</b> The builder keeps the trades of each interval until the watermark passes its
 * effective end plus {@code allowedLatenessMicros}. Until then, a late trade, a cancel or a correction recomputes the
 * bar from its kept trades and, if the bar was already emitted, emits it again with the next revision number; a bar
 * that loses all its trades is {@link BarUpdate.Retracted} (or carried, with {@code carryLastPrice}). After that the
 * bar is final: trades for it are rejected with {@code TOO_LATE}, cancels and corrections with {@code UNKNOWN_TRADE}.
 * Trade id 0 means "unknown": such trades are aggregated but cannot be cancelled or corrected.
 *
 * <p>Watermarks are UTC epoch microseconds and only move forward (a lower watermark is ignored). Not thread-safe:
 * one instance per symbol and timeframe, driven by one thread (a Flink keyed operator).
 */
public final class TradeBarBuilder {
  private final String symbol;
  private final Timeframe timeframe;
  private final ExchangeCalendar calendar;
  private final boolean extendedHours;
  private final boolean carryLastPrice;
  private final long allowedLatenessMicros;

  private final NavigableMap<Long, Interval> intervals = new TreeMap<>();
  private final Map<Long, Long> intervalOfTradeId = new HashMap<>();
  private long watermarkMicros = Long.MIN_VALUE;
  private long seq;
  private double lastClose = Double.NaN;
  private long lastCloseStart = Long.MIN_VALUE;
  private long carryCursor = Long.MIN_VALUE;
  private long carryHorizon = Long.MIN_VALUE;

  /**
   * Creates a builder.
   *
   * @param symbol the symbol whose trades it takes
   * @param timeframe bar interval; intraday timeframes are aligned to the UTC epoch
   * @param calendar exchange calendar that defines the sessions
   * @param extendedHours count pre-market and after-hours trades too
   * @param carryLastPrice emit flat zero-volume bars for empty in-session intervals
   * @param allowedLatenessMicros how long after its end a bar can still be revised, microseconds, not negative
   */
  public TradeBarBuilder(String symbol, Timeframe timeframe, ExchangeCalendar calendar, boolean extendedHours,
      boolean carryLastPrice, long allowedLatenessMicros) {
    this.symbol = Checks.notBlank(symbol, "symbol");
    this.timeframe = Checks.notNull(timeframe, "timeframe");
    this.calendar = Checks.notNull(calendar, "calendar");
    Checks.isTrue(allowedLatenessMicros >= 0, "Argument 'allowedLatenessMicros' must not be negative but was %d",
        allowedLatenessMicros);
    this.extendedHours = extendedHours;
    this.carryLastPrice = carryLastPrice;
    this.allowedLatenessMicros = allowedLatenessMicros;
  }

  /** A builder of regular-session bars without carried bars and without allowed lateness. */
  public static TradeBarBuilder regular(String symbol, Timeframe timeframe, ExchangeCalendar calendar) {
    return new TradeBarBuilder(symbol, timeframe, calendar, false, false, 0);
  }

  /** The current watermark, UTC epoch microseconds ({@code Long.MIN_VALUE} before the first). */
  public long watermarkMicros() {
    return watermarkMicros;
  }

  /** Number of intervals whose trades are kept (open, or emitted but still revisable). */
  public int retainedIntervals() {
    return intervals.size();
  }

  /**
   * Takes one trade. Returns nothing when the trade goes into a bar not yet emitted, the new version of the bar when
   * it was already emitted (a late trade within the allowed lateness), or a rejection.
   */
  public List<BarUpdate> onTrade(Trade trade) {
    Checks.notNull(trade, "trade");
    long ts = trade.timestampMicros();
    if (!symbol.equals(trade.symbol())) {
      return List.of(reject(BarUpdate.Reason.WRONG_SYMBOL, trade,
          "trade of " + trade.symbol() + " given to the builder of " + symbol));
    }
    SessionPhase phase = calendar.sessionOf(ts);
    if (!(extendedHours ? phase.isExtended() : phase == SessionPhase.REGULAR)) {
      return List.of(reject(BarUpdate.Reason.OUTSIDE_SESSION, trade, "trade at " + iso(ts) + " is in phase " + phase
          + ", outside the " + (extendedHours ? "extended" : "regular") + " session"));
    }
    long start = timeframe.startOf(ts);
    Interval iv = intervals.get(start);
    long effectiveEnd = iv != null ? iv.effectiveEnd : effectiveEnd(start);
    if (watermarkMicros >= effectiveEnd + allowedLatenessMicros) {
      return List.of(reject(BarUpdate.Reason.TOO_LATE, trade, "trade at " + iso(ts) + " is too late: its "
          + timeframe + " bar " + iso(start) + " ended at " + iso(effectiveEnd) + ", allowed lateness "
          + allowedLatenessMicros + " us, watermark " + iso(watermarkMicros)));
    }
    if (trade.tradeId() != 0 && intervalOfTradeId.containsKey(trade.tradeId())) {
      return List.of(reject(BarUpdate.Reason.DUPLICATE_TRADE_ID, trade,
          "trade id " + trade.tradeId() + " is already held; use onCorrection to change it"));
    }
    if (iv == null) {
      iv = new Interval(start, effectiveEnd);
      intervals.put(start, iv);
    }
    iv.trades.add(new Entry(trade, seq++));
    if (trade.tradeId() != 0) {
      intervalOfTradeId.put(trade.tradeId(), start);
    }
    Session session = extendedHours ? calendar.extendedSession(calendar.localDate(ts))
        : calendar.session(calendar.localDate(ts));
    carryHorizon = Math.max(carryHorizon, session.closeMicros());
    if (carryCursor == Long.MIN_VALUE) {
      carryCursor = start;
    }
    if (iv.emitted || effectiveEnd <= watermarkMicros) {
      return List.of(emit(iv));
    }
    return List.of();
  }

  /** Cancels a held trade. Returns the revised bar (or its retraction) if it was emitted, or a rejection. */
  public List<BarUpdate> onCancel(long tradeId) {
    Interval iv = intervalHolding(tradeId);
    if (iv == null) {
      return List.of(unknown(tradeId, "cancel"));
    }
    iv.trades.removeIf(e -> e.trade.tradeId() == tradeId);
    intervalOfTradeId.remove(tradeId);
    return iv.emitted ? List.of(emit(iv)) : List.of();
  }

  /**
   * Corrects price and size of a held trade (its time stays). Returns the revised bar if it was emitted, or a
   * rejection.
   *
   * @throws IllegalArgumentException if the new price or size is not positive and finite
   */
  public List<BarUpdate> onCorrection(long tradeId, double newPrice, double newSize) {
    Interval iv = intervalHolding(tradeId);
    if (iv == null) {
      return List.of(unknown(tradeId, "correction"));
    }
    for (int i = 0; i < iv.trades.size(); i++) {
      Entry e = iv.trades.get(i);
      if (e.trade.tradeId() == tradeId) {
        Trade t = e.trade;
        iv.trades.set(i, new Entry(new Trade(t.symbol(), t.timestampMicros(), newPrice, newSize, t.exchange(),
            t.tradeId(), t.conditions()), e.seq));
      }
    }
    return iv.emitted ? List.of(emit(iv)) : List.of();
  }

  /**
   * Advances event time: emits, in time order, every bar whose effective end is at or before {@code micros}, and
   * forgets the trades of bars that are now final. {@code Long.MAX_VALUE} flushes everything.
   */
  public List<BarUpdate> onWatermark(long micros) {
    if (micros <= watermarkMicros) {
      return List.of();
    }
    watermarkMicros = micros;
    if (carryLastPrice) {
      addCarryIntervals();
    }
    List<BarUpdate> out = new ArrayList<>();
    for (Interval iv : intervals.values()) {
      if (iv.effectiveEnd > micros) {
        break;
      }
      if (!iv.emitted) {
        BarUpdate u = emit(iv);
        if (u != null) {
          out.add(u);
        }
      }
    }
    Iterator<Interval> it = intervals.values().iterator();
    while (it.hasNext()) {
      Interval iv = it.next();
      if (iv.effectiveEnd + allowedLatenessMicros > micros) {
        break;
      }
      for (Entry e : iv.trades) {
        intervalOfTradeId.remove(e.trade.tradeId());
      }
      it.remove();
    }
    return out;
  }

  private void addCarryIntervals() {
    if (carryCursor == Long.MIN_VALUE) {
      return;
    }
    long limit = Math.min(watermarkMicros, carryHorizon);
    long dur = timeframe.durationMicros();
    while (true) {
      Session s = lastOverlap(carryCursor);
      if (s == null) {
        carryCursor = timeframe.startOf(nextSessionOpen(carryCursor));
        continue;
      }
      long end = Math.min(carryCursor + dur, s.closeMicros());
      if (end > limit) {
        return;
      }
      intervals.computeIfAbsent(carryCursor, k -> new Interval(k, end));
      carryCursor += dur;
    }
  }

  /** Emits the current version of an interval; null for a never-emitted empty interval without a price to carry. */
  private BarUpdate emit(Interval iv) {
    if (!iv.emitted) {
      iv.carryPrice = lastClose;
    }
    BarUpdate u;
    if (!iv.trades.isEmpty()) {
      Bar bar = toBar(iv);
      if (iv.start >= lastCloseStart) {
        lastClose = bar.close();
        lastCloseStart = iv.start;
      }
      u = new BarUpdate.Emitted(bar, ++iv.revision, false);
    } else if (carryLastPrice && !Double.isNaN(iv.carryPrice)) {
      double p = iv.carryPrice;
      u = new BarUpdate.Emitted(new Bar(symbol, timeframe, iv.start, p, p, p, p, 0, 0, Double.NaN), ++iv.revision,
          true);
    } else if (iv.emitted) {
      u = new BarUpdate.Retracted(symbol, timeframe, iv.start, ++iv.revision);
    } else {
      u = null;
    }
    iv.emitted = true;
    return u;
  }

  private Bar toBar(Interval iv) {
    List<Entry> sorted = new ArrayList<>(iv.trades);
    sorted.sort(Comparator.comparingLong((Entry e) -> e.trade.timestampMicros()).thenComparingLong(e -> e.seq));
    double open = sorted.get(0).trade.price();
    double close = sorted.get(sorted.size() - 1).trade.price();
    double high = Double.NEGATIVE_INFINITY;
    double low = Double.POSITIVE_INFINITY;
    double volume = 0;
    double notional = 0;
    for (Entry e : sorted) {
      double p = e.trade.price();
      double q = e.trade.size();
      high = Math.max(high, p);
      low = Math.min(low, p);
      volume += q;
      notional += p * q;
    }
    return new Bar(symbol, timeframe, iv.start, open, high, low, close, volume, sorted.size(), notional / volume);
  }

  /** The end of the interval starting at {@code start}, cut at the close of the last session it overlaps. */
  private long effectiveEnd(long start) {
    Session s = lastOverlap(start);
    long end = start + timeframe.durationMicros();
    return s == null ? end : Math.min(end, s.closeMicros());
  }

  private Session lastOverlap(long start) {
    long end = start + timeframe.durationMicros();
    LocalDate from = calendar.localDate(start).minusDays(1);
    LocalDate to = calendar.localDate(end - 1);
    Session found = null;
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      if (calendar.isTradingDay(d)) {
        Session s = extendedHours ? calendar.extendedSession(d) : calendar.session(d);
        if (s.openMicros() < end && s.closeMicros() > start) {
          found = s;
        }
      }
    }
    return found;
  }

  private long nextSessionOpen(long t) {
    for (LocalDate d = calendar.localDate(t); ; d = d.plusDays(1)) {
      if (calendar.isTradingDay(d)) {
        Session s = extendedHours ? calendar.extendedSession(d) : calendar.session(d);
        if (s.closeMicros() > t) {
          return Math.max(s.openMicros(), t);
        }
      }
    }
  }

  private Interval intervalHolding(long tradeId) {
    Long start = tradeId == 0 ? null : intervalOfTradeId.get(tradeId);
    return start == null ? null : intervals.get(start);
  }

  private BarUpdate.Rejected unknown(long tradeId, String what) {
    return new BarUpdate.Rejected(BarUpdate.Reason.UNKNOWN_TRADE, tradeId, -1, what + " of trade id " + tradeId
        + " of " + symbol + ": the id is not held (never seen, id 0, or its bar is final after the allowed lateness "
        + allowedLatenessMicros + " us)");
  }

  private static BarUpdate.Rejected reject(BarUpdate.Reason reason, Trade t, String message) {
    return new BarUpdate.Rejected(reason, t.tradeId(), t.timestampMicros(), message);
  }

  private static String iso(long micros) {
    if (micros == Long.MIN_VALUE || micros == Long.MAX_VALUE) {
      return micros == Long.MIN_VALUE ? "-inf" : "+inf";
    }
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L)
        .toString();
  }

  private record Entry(Trade trade, long seq) {}

  private static final class Interval {
    final long start;
    final long effectiveEnd;
    final List<Entry> trades = new ArrayList<>();
    boolean emitted;
    int revision = -1;
    double carryPrice = Double.NaN;

    Interval(long start, long effectiveEnd) {
      this.start = start;
      this.effectiveEnd = effectiveEnd;
    }
  }
}
