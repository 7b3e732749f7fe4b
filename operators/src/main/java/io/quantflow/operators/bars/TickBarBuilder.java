package io.quantflow.operators.bars;

import io.quantflow.domain.BarBlock;
import io.quantflow.domain.Checks;
import io.quantflow.domain.MarketEvent;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.calendar.ExchangeCalendar;
import io.quantflow.domain.calendar.Session;
import io.quantflow.domain.calendar.SessionPhase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Builds session-aligned bars of one symbol on several timeframes at once from its tick feed (trades, quotes,
 * cancels and corrections), with late events as revisions. Plain Java, no Flink: the state lives in a
 * {@link State} POJO that the Flink function keeps in keyed state; {@link #onEvent} and {@link #onWatermark} append
 * what they emit to an {@link Output}.
 *
 * <p><b>Intervals.</b> Bars are labelled by the start of their UTC-epoch-aligned interval ({@link Timeframe#startOf})
 * as in the store, so the first regular-session 1h bar is labelled 09:00 New York and covers 09:30-10:00. Only events
 * inside the session count: the regular session by default, the extended session (04:00-20:00 New York, 17:00 on
 * early-close days) with {@code extendedHours}; both come from the {@link ExchangeCalendar}, so DST changes, holidays
 * and early closes follow its data file. An interval straddling a session edge holds only in-session events and ends
 * at the session close. Events outside the session are rejected with {@code OUTSIDE_SESSION}.
 *
 * <p><b>Values.</b> open/close are the prices of the first/last trade by event time (ties by trade id, then price
 * and size, never by arrival order, so every execution mode agrees),
 * high/low the extremes, volume the summed size, {@code tradeCount} the number of trades and {@code vwap} =
 * sum(price * size) / sum(size). Quote columns: the mean over the interval's two-sided quotes of
 * {@code (ask - bid) / mid * 1e4} ({@code spreadBps}) and of {@code (bidSize - askSize) / (bidSize + askSize)}
 * (imbalance, over quotes with size); one-sided quotes are rejected (per-venue feeds need an NBBO first). A bar exists
 * when its interval has at least one trade; with {@code carryLastPrice} an empty in-session interval between the first
 * trade and the watermark becomes a flat bar at the previous close with volume 0, flagged {@link BarBlock#CARRIED}.
 *
 * <p><b>Lateness and revisions.</b> Each timeframe has an allowed lateness {@code L}. An event changes a bar only if
 * it was <em>received</em> no later than {@code L} after the bar's end ({@link MarketEvent#receivedAtMicros()} at most
 * end + L); otherwise it is rejected for that timeframe with {@code TOO_LATE} (a late trade may still count in a
 * coarser bar with a longer lateness). Deciding by receipt time, not by processing order, is what makes BATCH and
 * STREAMING jobs agree. A bar is emitted (revision 0) when the watermark reaches its end; a later accepted trade,
 * quote, cancel or correction emits it again with the next revision (carried bars after it follow); a bar that loses
 * every trade is retracted ({@link BarBlock#RETRACTED}, or carried with {@code carryLastPrice}). Once the watermark
 * passes end + L a bar is final and its events are forgotten. Cancels and corrections name a held trade id; one
 * that names a trade not (yet) held waits for it for {@link #orphanWaitMicros()} of event time (a late trade can
 * arrive after its cancel) and is then rejected with {@code UNKNOWN_TRADE}. Watermarks only move forward.
 *
 * <p>Not thread-safe; one {@link State} per symbol.
 */
public final class TickBarBuilder {
  /** Why an event changed nothing. */
  public enum Reason {
    /** The event's symbol is not the builder's. */
    WRONG_SYMBOL,
    /** The event lies outside the session the builder counts. */
    OUTSIDE_SESSION,
    /** Received more than the allowed lateness after its bar ended, or the bar is final. */
    TOO_LATE,
    /** A cancel or correction names a trade id that is not held. */
    UNKNOWN_TRADE,
    /** A trade id that is already held. */
    DUPLICATE_TRADE_ID,
    /** A quote without both a bid and an ask. */
    ONE_SIDED_QUOTE
  }

  /** Receives what the builder emits. */
  public interface Output {
    /** A bar (first version or revision) of timeframe {@code tf}; the arguments are one {@link BarBlock} row. */
    void bar(Timeframe tf, long startMicros, double open, double high, double low, double close, double volume,
        long tradeCount, double vwap, double spreadBps, double imbalance, long quoteCount, int revision, byte flags);

    /** An event rejected for timeframe {@code tf} (null: for every timeframe). */
    void rejected(Reason reason, Timeframe tf, MarketEvent event, String message);
  }

  /** Trades held for recomputation, sorted by (time, arrival), with the timeframes that count each. A POJO. */
  public static final class Trades {
    /** Rows in use. */
    public int n;
    /** Event times, UTC epoch micros. */
    public long[] ts = new long[0];
    /** Arrival sequence numbers (tie-break). */
    public long[] seq = new long[0];
    /** Trade ids (0 = unknown). */
    public long[] id = new long[0];
    /** Prices. */
    public double[] price = new double[0];
    /** Sizes. */
    public double[] size = new double[0];
    /** Bit {@code k} set: timeframe {@code k} of the builder counts the trade. */
    public int[] mask = new int[0];

    /** For Flink's POJO serializer. */
    public Trades() {}
  }

  /** The intervals of one timeframe that are open or still revisable, sorted by start. A POJO. */
  public static final class Intervals {
    /** Rows in use. */
    public int n;
    /** Interval starts. */
    public long[] start = new long[0];
    /** Effective ends (the interval end, or the session close if earlier). */
    public long[] end = new long[0];
    /** Revision last emitted, -1 before the first emission. */
    public int[] revision = new int[0];
    /** Whether the last emission was a carried bar. */
    public boolean[] carried = new boolean[0];
    /** Close of the last emission (for retractions). */
    public double[] emittedClose = new double[0];
    /** Sum of quote spreads in units of 1e-9 bps (exact, so the order quotes arrive in does not matter). */
    public long[] spreadSum = new long[0];
    /** Two-sided quotes counted. */
    public long[] quotes = new long[0];
    /** Sum of quote imbalances in units of 1e-12 (exact). */
    public long[] imbalanceSum = new long[0];
    /** Quotes with size counted in the imbalance. */
    public long[] imbalanceQuotes = new long[0];
    /** Latest final interval end: events for intervals ending at or before it are too late. */
    public long finalThrough = Long.MIN_VALUE;
    /** Carry: the next interval start to consider ({@code Long.MIN_VALUE} before the first trade). */
    public long carryCursor = Long.MIN_VALUE;
    /** Carry: the close of the session of the latest trade. */
    public long carryHorizon = Long.MIN_VALUE;
    /** Close of the latest emitted bar with trades that left the window (carry price source). */
    public double finalClose = Double.NaN;

    /** For Flink's POJO serializer. */
    public Intervals() {}
  }

  /** The whole per-symbol state. A POJO. */
  public static final class State {
    /** Watermark, UTC epoch micros. */
    public long watermarkMicros = Long.MIN_VALUE;
    /** Next arrival sequence number. */
    public long seq;
    /** Held trades. */
    public Trades trades = new Trades();
    /** Per timeframe, in the builder's order. */
    public Intervals[] intervals;
    /** Cancels and corrections that arrived before their trade, waiting for it (see {@link #orphanWaitMicros}). */
    public MarketEvent[] orphans = new MarketEvent[0];

    /** For Flink's POJO serializer. */
    public State() {}
  }

  private static final double SPREAD_UNITS = 1e9;
  private static final double IMBALANCE_UNITS = 1e12;

  private final String symbol;
  private final Timeframe[] timeframes;
  private final long[] latenessMicros;
  private final ExchangeCalendar calendar;
  private final boolean extendedHours;
  private final boolean carryLastPrice;

  /**
   * Creates a builder.
   *
   * @param symbol the symbol whose events it takes
   * @param timeframes bar timeframes (intraday, at most 30), each built directly from the ticks
   * @param latenessMicros allowed lateness per timeframe, microseconds, not negative
   * @param calendar the exchange calendar that defines sessions
   * @param extendedHours count pre-market and after-hours events too
   * @param carryLastPrice emit flat zero-volume bars for empty in-session intervals
   */
  public TickBarBuilder(String symbol, List<Timeframe> timeframes, List<Long> latenessMicros,
      ExchangeCalendar calendar, boolean extendedHours, boolean carryLastPrice) {
    this.symbol = Checks.notBlank(symbol, "symbol");
    this.timeframes = Checks.notNull(timeframes, "timeframes").toArray(new Timeframe[0]);
    Checks.isTrue(this.timeframes.length > 0 && this.timeframes.length <= 30,
        "Argument 'timeframes' must hold 1 to 30 timeframes but held %d", this.timeframes.length);
    Checks.isTrue(latenessMicros.size() == this.timeframes.length,
        "Argument 'latenessMicros' must give one lateness per timeframe (%d) but gave %d", this.timeframes.length,
        latenessMicros.size());
    this.latenessMicros = new long[this.timeframes.length];
    for (int k = 0; k < this.timeframes.length; k++) {
      Checks.isTrue(this.timeframes[k] != Timeframe.D1, "Tick bars are intraday; %s is not", this.timeframes[k]);
      long l = latenessMicros.get(k);
      Checks.isTrue(l >= 0, "Allowed lateness of %s must not be negative but was %d us", this.timeframes[k], l);
      this.latenessMicros[k] = l;
    }
    this.calendar = Checks.notNull(calendar, "calendar");
    this.extendedHours = extendedHours;
    this.carryLastPrice = carryLastPrice;
  }

  /** A fresh state for this builder's timeframes. */
  public State newState() {
    State s = new State();
    s.intervals = new Intervals[timeframes.length];
    for (int k = 0; k < timeframes.length; k++) {
      s.intervals[k] = new Intervals();
    }
    return s;
  }

  /** The builder's timeframes, in order. */
  public List<Timeframe> timeframes() {
    return List.of(timeframes);
  }

  /** The largest allowed lateness, microseconds. */
  public long maxLatenessMicros() {
    return Arrays.stream(latenessMicros).max().orElse(0);
  }

  /** Takes one event of the symbol's feed. */
  public void onEvent(State s, MarketEvent e, Output out) {
    Checks.notNull(e, "event");
    if (!symbol.equals(e.symbol())) {
      out.rejected(Reason.WRONG_SYMBOL, null, e, "event of " + e.symbol() + " given to the builder of " + symbol);
      return;
    }
    switch (e.kind()) {
      case TRADE -> onTrade(s, e, out);
      case QUOTE -> onQuote(s, e, out);
      case CANCEL -> onCancel(s, e, out);
      case CORRECTION -> onCorrection(s, e, out);
      default -> throw new IllegalArgumentException("Unknown event kind " + e.kind());
    }
  }

  private boolean inSession(long ts) {
    SessionPhase phase = calendar.sessionOf(ts);
    return extendedHours ? phase.isExtended() : phase == SessionPhase.REGULAR;
  }

  private void onTrade(State s, MarketEvent e, Output out) {
    long ts = e.timestampMicros();
    if (!inSession(ts)) {
      out.rejected(Reason.OUTSIDE_SESSION, null, e, "trade at " + iso(ts) + " is in phase " + calendar.sessionOf(ts)
          + ", outside the " + session() + " session");
      return;
    }
    if (e.tradeId() != 0 && findTrade(s.trades, e.tradeId()) >= 0) {
      out.rejected(Reason.DUPLICATE_TRADE_ID, null, e, "trade id " + e.tradeId() + " is already held; a changed "
          + "trade must come as a correction");
      return;
    }
    int mask = acceptingMask(s, e, ts, "trade", -1, out);
    if (mask == 0) {
      return;
    }
    insertTrade(s, ts, e.tradeId(), e.price(), e.size(), mask);
    Session session = extendedHours ? calendar.extendedSession(calendar.localDate(ts))
        : calendar.session(calendar.localDate(ts));
    for (int k = 0; k < timeframes.length; k++) {
      if ((mask & (1 << k)) == 0) {
        continue;
      }
      Intervals iv = s.intervals[k];
      iv.carryHorizon = Math.max(iv.carryHorizon, session.closeMicros());
      long start = timeframes[k].startOf(ts);
      if (iv.carryCursor == Long.MIN_VALUE) {
        iv.carryCursor = start;
      }
      int at = intervalIndex(iv, k, start);
      if (iv.revision[at] >= 0 || iv.end[at] <= s.watermarkMicros) {
        emit(s, k, at, out);
        refreshCarried(s, k, at + 1, out);
      }
    }
    adoptOrphans(s, e.tradeId(), out);
  }

  private void onQuote(State s, MarketEvent e, Output out) {
    long ts = e.timestampMicros();
    if (!inSession(ts)) {
      out.rejected(Reason.OUTSIDE_SESSION, null, e, "quote at " + iso(ts) + " is in phase " + calendar.sessionOf(ts)
          + ", outside the " + session() + " session");
      return;
    }
    if (!(e.bidPrice() > 0 && e.askPrice() > 0)) {
      out.rejected(Reason.ONE_SIDED_QUOTE, null, e, "one-sided quote at " + iso(ts) + " (bid " + e.bidPrice()
          + ", ask " + e.askPrice() + "); per-venue feeds need an NBBO first");
      return;
    }
    int mask = acceptingMask(s, e, ts, "quote", -1, out);
    double mid = (e.bidPrice() + e.askPrice()) / 2;
    double spread = (e.askPrice() - e.bidPrice()) / mid * 1e4;
    double sizes = e.bidSize() + e.askSize();
    for (int k = 0; k < timeframes.length; k++) {
      if ((mask & (1 << k)) == 0) {
        continue;
      }
      Intervals iv = s.intervals[k];
      int at = intervalIndex(iv, k, timeframes[k].startOf(ts));
      iv.spreadSum[at] += Math.round(spread * SPREAD_UNITS);
      iv.quotes[at]++;
      if (sizes > 0) {
        iv.imbalanceSum[at] += Math.round((e.bidSize() - e.askSize()) / sizes * IMBALANCE_UNITS);
        iv.imbalanceQuotes[at]++;
      }
      if (iv.revision[at] >= 0 && hasTrades(s, k, at)) {
        emit(s, k, at, out);
      }
    }
  }

  /**
   * How long a cancel or correction whose trade is not held waits for it, in event time after its own timestamp:
   * the largest timeframe plus the largest allowed lateness. A feed can deliver a cancel before a late trade; in
   * BATCH mode the trade always comes first (it is earlier in event time), so waiting makes both modes agree.
   */
  public long orphanWaitMicros() {
    long dur = 0;
    for (Timeframe tf : timeframes) {
      dur = Math.max(dur, tf.durationMicros());
    }
    return dur + maxLatenessMicros();
  }

  private void holdOrphan(State s, MarketEvent e) {
    s.orphans = Arrays.copyOf(s.orphans, s.orphans.length + 1);
    s.orphans[s.orphans.length - 1] = e;
  }

  /** Applies the waiting cancels and corrections of trade {@code id}, in arrival order. */
  private void adoptOrphans(State s, long id, Output out) {
    if (id == 0 || s.orphans.length == 0) {
      return;
    }
    MarketEvent[] waiting = s.orphans;
    List<MarketEvent> keep = new java.util.ArrayList<>();
    List<MarketEvent> apply = new java.util.ArrayList<>();
    for (MarketEvent o : waiting) {
      (o.tradeId() == id ? apply : keep).add(o);
    }
    if (apply.isEmpty()) {
      return;
    }
    s.orphans = keep.toArray(new MarketEvent[0]);
    for (MarketEvent o : apply) {
      if (o.kind() == MarketEvent.Kind.CANCEL) {
        onCancel(s, o, out);
      } else {
        onCorrection(s, o, out);
      }
    }
  }

  private void expireOrphans(State s, long watermarkMicros, Output out) {
    if (s.orphans.length == 0) {
      return;
    }
    long wait = orphanWaitMicros();
    List<MarketEvent> keep = new java.util.ArrayList<>();
    for (MarketEvent o : s.orphans) {
      if (watermarkMicros == Long.MAX_VALUE || o.timestampMicros() + wait < watermarkMicros) {
        out.rejected(Reason.UNKNOWN_TRADE, null, o, unknown(o.tradeId(),
            o.kind() == MarketEvent.Kind.CANCEL ? "cancel" : "correction"));
      } else {
        keep.add(o);
      }
    }
    s.orphans = keep.toArray(new MarketEvent[0]);
  }

  private void onCancel(State s, MarketEvent e, Output out) {
    int t = findTrade(s.trades, e.tradeId());
    if (t < 0) {
      holdOrphan(s, e); // its trade may still come: a late trade can arrive after its cancel
      return;
    }
    int mask = acceptingMask(s, e, s.trades.ts[t], "cancel", s.trades.mask[t], out);
    if (mask == 0) {
      return;
    }
    long ts = s.trades.ts[t];
    s.trades.mask[t] &= ~mask;
    if (s.trades.mask[t] == 0) {
      removeTrade(s.trades, t);
    }
    reemit(s, ts, mask, out);
  }

  private void onCorrection(State s, MarketEvent e, Output out) {
    int t = findTrade(s.trades, e.tradeId());
    if (t < 0) {
      holdOrphan(s, e);
      return;
    }
    int mask = acceptingMask(s, e, s.trades.ts[t], "correction", s.trades.mask[t], out);
    if (mask == 0) {
      return;
    }
    long ts = s.trades.ts[t];
    long newId = e.correctedTradeId() == 0 ? e.tradeId() : e.correctedTradeId();
    if (mask == s.trades.mask[t]) { // re-insert: the new id and price may move it among same-time trades
      removeTrade(s.trades, t);
      insertTrade(s, ts, newId, e.price(), e.size(), mask);
    } else { // timeframes whose bars are final keep the original print; the others count the corrected one
      s.trades.mask[t] &= ~mask;
      insertTrade(s, ts, newId == e.tradeId() ? 0 : newId, e.price(), e.size(), mask);
    }
    reemit(s, ts, mask, out);
  }

  /** Re-emits, for the timeframes in {@code mask}, the already emitted bars holding time {@code ts}. */
  private void reemit(State s, long ts, int mask, Output out) {
    for (int k = 0; k < timeframes.length; k++) {
      if ((mask & (1 << k)) == 0) {
        continue;
      }
      Intervals iv = s.intervals[k];
      int at = Arrays.binarySearch(iv.start, 0, iv.n, timeframes[k].startOf(ts));
      if (at >= 0 && iv.revision[at] >= 0) {
        emit(s, k, at, out);
        refreshCarried(s, k, at + 1, out);
      }
    }
  }

  /**
   * Of the timeframes in {@code among}, those for which an event touching time {@code ts} arrives in time; rejects
   * it for the others (a cancel or correction is judged only where its trade counts).
   */
  private int acceptingMask(State s, MarketEvent e, long ts, String what, int among, Output out) {
    int mask = 0;
    for (int k = 0; k < timeframes.length; k++) {
      if ((among & (1 << k)) == 0) {
        continue;
      }
      Timeframe tf = timeframes[k];
      long start = tf.startOf(ts);
      Intervals iv = s.intervals[k];
      int at = Arrays.binarySearch(iv.start, 0, iv.n, start);
      long end = at >= 0 ? iv.end[at] : effectiveEnd(tf, start);
      if (e.receivedAtMicros() > end + latenessMicros[k]) { // decided by receipt time: the same in every mode
        out.rejected(Reason.TOO_LATE, tf, e, what + " at " + iso(ts) + " received " + iso(e.receivedAtMicros())
            + " is too late for the " + tf + " bar " + iso(start) + " that ended " + iso(end) + " (allowed lateness "
            + latenessMicros[k] / 1000 + " ms); raise the allowed lateness of " + tf + " to accept it");
      } else if (end <= iv.finalThrough) { // in time by its receipt stamp, yet the watermark already passed: skew
        out.rejected(Reason.TOO_LATE, tf, e, what + " at " + iso(ts) + " received " + iso(e.receivedAtMicros())
            + " is too late for the " + tf + " bar " + iso(start) + ": it is final (the watermark " +
            iso(s.watermarkMicros) + " passed its end plus the allowed lateness; is the receipt clock behind the "
            + "feed's?)");
      } else {
        mask |= 1 << k;
      }
    }
    return mask;
  }

  /**
   * Advances event time: emits, per timeframe in time order, every bar whose end is at or before {@code micros}
   * (with carried bars if configured), then makes final the bars whose end plus lateness is before it and forgets
   * their trades. {@code Long.MAX_VALUE} flushes everything.
   */
  public void onWatermark(State s, long micros, Output out) {
    if (micros <= s.watermarkMicros) {
      return;
    }
    s.watermarkMicros = micros;
    for (int k = 0; k < timeframes.length; k++) {
      Intervals iv = s.intervals[k];
      if (carryLastPrice) {
        addCarryIntervals(s, k);
      }
      for (int i = 0; i < iv.n && iv.end[i] <= micros; i++) {
        if (iv.revision[i] < 0) {
          emit(s, k, i, out);
        }
      }
      int drop = 0;
      while (drop < iv.n && (micros == Long.MAX_VALUE || iv.end[drop] + latenessMicros[k] < micros)) {
        if (iv.revision[drop] >= 0 && !iv.carried[drop]) {
          iv.finalClose = iv.emittedClose[drop];
        }
        iv.finalThrough = Math.max(iv.finalThrough, iv.end[drop]);
        drop++;
      }
      removeIntervals(iv, drop);
    }
    dropFinalTrades(s);
    expireOrphans(s, micros, out);
  }

  private void dropFinalTrades(State s) {
    Trades tr = s.trades;
    int keepFrom = 0;
    while (keepFrom < tr.n) {
      long ts = tr.ts[keepFrom];
      boolean retained = false;
      for (int k = 0; k < timeframes.length && !retained; k++) {
        retained = timeframes[k].startOf(ts) + timeframes[k].durationMicros() > s.intervals[k].finalThrough;
      }
      if (retained) {
        break;
      }
      keepFrom++;
    }
    if (keepFrom > 0) {
      int tail = tr.n - keepFrom;
      System.arraycopy(tr.ts, keepFrom, tr.ts, 0, tail);
      System.arraycopy(tr.seq, keepFrom, tr.seq, 0, tail);
      System.arraycopy(tr.id, keepFrom, tr.id, 0, tail);
      System.arraycopy(tr.price, keepFrom, tr.price, 0, tail);
      System.arraycopy(tr.size, keepFrom, tr.size, 0, tail);
      System.arraycopy(tr.mask, keepFrom, tr.mask, 0, tail);
      tr.n = tail;
    }
  }

  /** Number of cancels and corrections waiting for their trade. */
  public int heldOrphans(State s) {
    return s.orphans.length;
  }

  /** Number of trades held (for tests: zero after a flush). */
  public int heldTrades(State s) {
    return s.trades.n;
  }

  /** Number of intervals held over all timeframes (for tests: zero after a flush). */
  public int heldIntervals(State s) {
    int n = 0;
    for (Intervals iv : s.intervals) {
      n += iv.n;
    }
    return n;
  }

  // ---- emission ----

  private boolean hasTrades(State s, int k, int i) {
    Trades tr = s.trades;
    Intervals iv = s.intervals[k];
    int from = lowerBound(tr, iv.start[i]);
    for (int t = from; t < tr.n && tr.ts[t] < iv.end[i]; t++) {
      if ((tr.mask[t] & (1 << k)) != 0) {
        return true;
      }
    }
    return false;
  }

  private void emit(State s, int k, int i, Output out) {
    Intervals iv = s.intervals[k];
    Trades tr = s.trades;
    long start = iv.start[i];
    double open = Double.NaN;
    double close = Double.NaN;
    double high = Double.NEGATIVE_INFINITY;
    double low = Double.POSITIVE_INFINITY;
    double volume = 0;
    double notional = 0;
    long count = 0;
    int bit = 1 << k;
    for (int t = lowerBound(tr, start); t < tr.n && tr.ts[t] < iv.end[i]; t++) {
      if ((tr.mask[t] & bit) == 0) {
        continue;
      }
      double p = tr.price[t];
      if (count == 0) {
        open = p;
      }
      close = p;
      high = Math.max(high, p);
      low = Math.min(low, p);
      volume += tr.size[t];
      notional += p * tr.size[t];
      count++;
    }
    double spread = iv.quotes[i] > 0 ? (double) iv.spreadSum[i] / iv.quotes[i] / SPREAD_UNITS : Double.NaN;
    double imbalance = iv.imbalanceQuotes[i] > 0
        ? Math.max(-1, Math.min(1, (double) iv.imbalanceSum[i] / iv.imbalanceQuotes[i] / IMBALANCE_UNITS))
        : Double.NaN;
    Timeframe tf = timeframes[k];
    if (count > 0) {
      double vwap = Math.min(high, Math.max(low, notional / volume));
      iv.revision[i]++;
      iv.carried[i] = false;
      iv.emittedClose[i] = close;
      out.bar(tf, start, open, high, low, close, volume, count, vwap, spread, imbalance, iv.quotes[i],
          iv.revision[i], (byte) 0);
      return;
    }
    double carry = carryPrice(iv, i);
    if (carryLastPrice && !Double.isNaN(carry)) {
      iv.revision[i]++;
      iv.carried[i] = true;
      iv.emittedClose[i] = carry;
      out.bar(tf, start, carry, carry, carry, carry, 0, 0, Double.NaN, spread, imbalance, iv.quotes[i],
          iv.revision[i], BarBlock.CARRIED);
    } else if (iv.revision[i] >= 0 && !iv.carried[i]) {
      // every trade was cancelled: withdraw the bar; a later trade brings it back as the next revision
      iv.revision[i]++;
      iv.carried[i] = true; // "no trades in the last emission": not a carry-price source
      double p = iv.emittedClose[i];
      out.bar(tf, start, p, p, p, p, 0, 0, Double.NaN, Double.NaN, Double.NaN, 0, iv.revision[i],
          BarBlock.RETRACTED);
    }
  }

  /** The close of the latest earlier emitted bar with trades, for carried bars. */
  private static double carryPrice(Intervals iv, int i) {
    for (int j = i - 1; j >= 0; j--) {
      if (iv.revision[j] >= 0 && !iv.carried[j]) {
        return iv.emittedClose[j];
      }
    }
    return iv.finalClose;
  }

  /** After a revision at {@code from - 1}, re-emits the carried bars that follow it if their price changed. */
  private void refreshCarried(State s, int k, int from, Output out) {
    if (!carryLastPrice) {
      return;
    }
    Intervals iv = s.intervals[k];
    for (int i = from; i < iv.n && iv.revision[i] >= 0 && iv.carried[i]; i++) {
      if (Double.compare(carryPrice(iv, i), iv.emittedClose[i]) != 0) {
        emit(s, k, i, out);
      }
    }
  }

  // ---- intervals ----

  private int intervalIndex(Intervals iv, int k, long start) {
    int at = Arrays.binarySearch(iv.start, 0, iv.n, start);
    if (at >= 0) {
      return at;
    }
    at = -at - 1;
    insertInterval(iv, at, start, effectiveEnd(timeframes[k], start));
    return at;
  }

  private void addCarryIntervals(State s, int k) {
    Intervals iv = s.intervals[k];
    if (iv.carryCursor == Long.MIN_VALUE) {
      return;
    }
    Timeframe tf = timeframes[k];
    long limit = Math.min(s.watermarkMicros, iv.carryHorizon);
    long dur = tf.durationMicros();
    while (true) {
      Session session = lastOverlap(tf, iv.carryCursor);
      if (session == null) {
        long next = nextSessionOpen(iv.carryCursor);
        if (next > limit) {
          return;
        }
        iv.carryCursor = tf.startOf(next);
        continue;
      }
      long end = Math.min(iv.carryCursor + dur, session.closeMicros());
      if (end > limit) {
        return;
      }
      if (end > iv.finalThrough) {
        intervalIndex(iv, k, iv.carryCursor);
      }
      iv.carryCursor += dur;
    }
  }

  /** The end of the interval starting at {@code start}, cut at the close of the last session it overlaps. */
  private long effectiveEnd(Timeframe tf, long start) {
    Session session = lastOverlap(tf, start);
    long end = start + tf.durationMicros();
    return session == null ? end : Math.min(end, session.closeMicros());
  }

  private Session lastOverlap(Timeframe tf, long start) {
    long end = start + tf.durationMicros();
    LocalDate from = calendar.localDate(start).minusDays(1);
    LocalDate to = calendar.localDate(end - 1);
    Session found = null;
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      if (calendar.isTradingDay(d)) {
        Session session = extendedHours ? calendar.extendedSession(d) : calendar.session(d);
        if (session.openMicros() < end && session.closeMicros() > start) {
          found = session;
        }
      }
    }
    return found;
  }

  private long nextSessionOpen(long t) {
    for (LocalDate d = calendar.localDate(t); ; d = d.plusDays(1)) {
      if (d.getYear() > calendar.lastYear()) {
        return Long.MAX_VALUE;
      }
      if (calendar.isTradingDay(d)) {
        Session session = extendedHours ? calendar.extendedSession(d) : calendar.session(d);
        if (session.closeMicros() > t) {
          return Math.max(session.openMicros(), t);
        }
      }
    }
  }

  private static void insertInterval(Intervals iv, int at, long start, long end) {
    if (iv.n == iv.start.length) {
      int c = Math.max(8, iv.start.length * 2);
      iv.start = Arrays.copyOf(iv.start, c);
      iv.end = Arrays.copyOf(iv.end, c);
      iv.revision = Arrays.copyOf(iv.revision, c);
      iv.carried = Arrays.copyOf(iv.carried, c);
      iv.emittedClose = Arrays.copyOf(iv.emittedClose, c);
      iv.spreadSum = Arrays.copyOf(iv.spreadSum, c);
      iv.quotes = Arrays.copyOf(iv.quotes, c);
      iv.imbalanceSum = Arrays.copyOf(iv.imbalanceSum, c);
      iv.imbalanceQuotes = Arrays.copyOf(iv.imbalanceQuotes, c);
    }
    int tail = iv.n - at;
    if (tail > 0) {
      System.arraycopy(iv.start, at, iv.start, at + 1, tail);
      System.arraycopy(iv.end, at, iv.end, at + 1, tail);
      System.arraycopy(iv.revision, at, iv.revision, at + 1, tail);
      System.arraycopy(iv.carried, at, iv.carried, at + 1, tail);
      System.arraycopy(iv.emittedClose, at, iv.emittedClose, at + 1, tail);
      System.arraycopy(iv.spreadSum, at, iv.spreadSum, at + 1, tail);
      System.arraycopy(iv.quotes, at, iv.quotes, at + 1, tail);
      System.arraycopy(iv.imbalanceSum, at, iv.imbalanceSum, at + 1, tail);
      System.arraycopy(iv.imbalanceQuotes, at, iv.imbalanceQuotes, at + 1, tail);
    }
    iv.start[at] = start;
    iv.end[at] = end;
    iv.revision[at] = -1;
    iv.carried[at] = false;
    iv.emittedClose[at] = Double.NaN;
    iv.spreadSum[at] = 0;
    iv.quotes[at] = 0;
    iv.imbalanceSum[at] = 0;
    iv.imbalanceQuotes[at] = 0;
    iv.n++;
  }

  private static void removeIntervals(Intervals iv, int count) {
    if (count == 0) {
      return;
    }
    int tail = iv.n - count;
    System.arraycopy(iv.start, count, iv.start, 0, tail);
    System.arraycopy(iv.end, count, iv.end, 0, tail);
    System.arraycopy(iv.revision, count, iv.revision, 0, tail);
    System.arraycopy(iv.carried, count, iv.carried, 0, tail);
    System.arraycopy(iv.emittedClose, count, iv.emittedClose, 0, tail);
    System.arraycopy(iv.spreadSum, count, iv.spreadSum, 0, tail);
    System.arraycopy(iv.quotes, count, iv.quotes, 0, tail);
    System.arraycopy(iv.imbalanceSum, count, iv.imbalanceSum, 0, tail);
    System.arraycopy(iv.imbalanceQuotes, count, iv.imbalanceQuotes, 0, tail);
    iv.n = tail;
  }

  // ---- trades ----

  private static int lowerBound(Trades tr, long ts) {
    int lo = 0;
    int hi = tr.n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (tr.ts[mid] < ts) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int findTrade(Trades tr, long id) {
    if (id == 0) {
      return -1;
    }
    for (int t = tr.n - 1; t >= 0; t--) {
      if (tr.id[t] == id) {
        return t;
      }
    }
    return -1;
  }

  /**
   * Inserts a trade in canonical order: by time, then id, price and size. Not by arrival: trades stamped with the
   * same time (often, with millisecond feeds) reach a BATCH job in an order its sort does not define, and open, close
   * and the VWAP's summation must not depend on it.
   */
  private static void insertTrade(State s, long ts, long id, double price, double size, int mask) {
    Trades tr = s.trades;
    int at = tr.n;
    while (at > 0 && after(tr, at - 1, ts, id, price, size)) {
      at--;
    }
    insertTradeAt(tr, at, ts, s.seq++, id, price, size, mask);
  }

  private static boolean after(Trades tr, int t, long ts, long id, double price, double size) {
    if (tr.ts[t] != ts) {
      return tr.ts[t] > ts;
    }
    if (tr.id[t] != id) {
      return tr.id[t] > id;
    }
    int c = Double.compare(tr.price[t], price);
    return c != 0 ? c > 0 : Double.compare(tr.size[t], size) > 0;
  }

  private static void insertTradeAt(Trades tr, int at, long ts, long seq, long id, double price, double size,
      int mask) {
    if (tr.n == tr.ts.length) {
      int c = Math.max(16, tr.ts.length * 2);
      tr.ts = Arrays.copyOf(tr.ts, c);
      tr.seq = Arrays.copyOf(tr.seq, c);
      tr.id = Arrays.copyOf(tr.id, c);
      tr.price = Arrays.copyOf(tr.price, c);
      tr.size = Arrays.copyOf(tr.size, c);
      tr.mask = Arrays.copyOf(tr.mask, c);
    }
    int tail = tr.n - at;
    if (tail > 0) {
      System.arraycopy(tr.ts, at, tr.ts, at + 1, tail);
      System.arraycopy(tr.seq, at, tr.seq, at + 1, tail);
      System.arraycopy(tr.id, at, tr.id, at + 1, tail);
      System.arraycopy(tr.price, at, tr.price, at + 1, tail);
      System.arraycopy(tr.size, at, tr.size, at + 1, tail);
      System.arraycopy(tr.mask, at, tr.mask, at + 1, tail);
    }
    tr.ts[at] = ts;
    tr.seq[at] = seq;
    tr.id[at] = id;
    tr.price[at] = price;
    tr.size[at] = size;
    tr.mask[at] = mask;
    tr.n++;
  }

  private static void removeTrade(Trades tr, int at) {
    int tail = tr.n - at - 1;
    System.arraycopy(tr.ts, at + 1, tr.ts, at, tail);
    System.arraycopy(tr.seq, at + 1, tr.seq, at, tail);
    System.arraycopy(tr.id, at + 1, tr.id, at, tail);
    System.arraycopy(tr.price, at + 1, tr.price, at, tail);
    System.arraycopy(tr.size, at + 1, tr.size, at, tail);
    System.arraycopy(tr.mask, at + 1, tr.mask, at, tail);
    tr.n--;
  }

  private String unknown(long tradeId, String what) {
    return what + " of trade id " + tradeId + " of " + symbol + ": the id is not held (never seen, id 0, or its "
        + "bars are final after their allowed lateness)";
  }

  private String session() {
    return extendedHours ? "extended" : "regular";
  }

  private static String iso(long micros) {
    if (micros == Long.MIN_VALUE || micros == Long.MAX_VALUE) {
      return micros == Long.MIN_VALUE ? "-inf" : "+inf";
    }
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L)
        .toString();
  }
}
