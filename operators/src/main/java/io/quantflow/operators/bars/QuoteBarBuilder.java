package io.quantflow.operators.bars;

import io.quantflow.domain.Checks;
import io.quantflow.domain.Quote;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.calendar.ExchangeCalendar;
import io.quantflow.domain.calendar.SessionPhase;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Aggregates the quotes of one symbol into {@link QuoteBar}s on the same session-aligned, UTC-epoch intervals as
 * {@link TradeBarBuilder}. Plain Java, no Flink.
 *
 * <p><b>Definitions.</b> A quote counts when it is inside the session (regular, or extended with
 * {@code extendedHours}) and two-sided ({@code bidPrice > 0} and {@code askPrice > 0}). For each counted quote,
 * {@code spreadBps = (ask - bid) / mid * 1e4} with {@code mid = (bid + ask) / 2}, and, when
 * {@code bidSize + askSize > 0}, {@code imbalance = (bidSize - askSize) / (bidSize + askSize)}. The bar holds the
 * arithmetic means over the interval's counted quotes (every quote update weighs the same; this is an event mean, not
 * a time-weighted one) and the number of counted quotes. Intervals without counted quotes produce no bar.
 *
 * <p><b>Emission.</b> A bar is emitted once the watermark reaches the end of its interval. Quotes are not revised:
 * a quote for an interval already emitted is rejected, as are one-sided and out-of-session quotes; {@link #onQuote}
 * returns the reason. Per-venue one-sided feeds (AlgoSeek) need an NBBO built first. Not thread-safe.
 */
public final class QuoteBarBuilder {
  private final String symbol;
  private final Timeframe timeframe;
  private final ExchangeCalendar calendar;
  private final boolean extendedHours;
  private final TreeMap<Long, Acc> open = new TreeMap<>();
  private long watermarkMicros = Long.MIN_VALUE;

  /**
   * Creates a builder.
   *
   * @param symbol the symbol whose quotes it takes
   * @param timeframe interval length
   * @param calendar exchange calendar that defines the sessions
   * @param extendedHours count pre-market and after-hours quotes too
   */
  public QuoteBarBuilder(String symbol, Timeframe timeframe, ExchangeCalendar calendar, boolean extendedHours) {
    this.symbol = Checks.notBlank(symbol, "symbol");
    this.timeframe = Checks.notNull(timeframe, "timeframe");
    this.calendar = Checks.notNull(calendar, "calendar");
    this.extendedHours = extendedHours;
  }

  /** Takes one quote; returns empty when it was counted, else the reason it was not. */
  public Optional<String> onQuote(Quote q) {
    Checks.notNull(q, "quote");
    if (!symbol.equals(q.symbol())) {
      return Optional.of("quote of " + q.symbol() + " given to the builder of " + symbol);
    }
    SessionPhase phase = calendar.sessionOf(q.timestampMicros());
    if (!(extendedHours ? phase.isExtended() : phase == SessionPhase.REGULAR)) {
      return Optional.of("quote at " + q.timestampMicros() + " is in phase " + phase + ", outside the session");
    }
    if (!(q.bidPrice() > 0 && q.askPrice() > 0)) {
      return Optional.of("one-sided quote at " + q.timestampMicros() + " (bid " + q.bidPrice() + ", ask "
          + q.askPrice() + ")");
    }
    long start = timeframe.startOf(q.timestampMicros());
    if (start + timeframe.durationMicros() <= watermarkMicros) {
      return Optional.of("quote at " + q.timestampMicros() + " is late: its interval " + start
          + " was emitted at watermark " + watermarkMicros);
    }
    Acc a = open.computeIfAbsent(start, k -> new Acc());
    double mid = (q.bidPrice() + q.askPrice()) / 2;
    a.spreadSum += (q.askPrice() - q.bidPrice()) / mid * 1e4;
    a.count++;
    double sizes = q.bidSize() + q.askSize();
    if (sizes > 0) {
      a.imbalanceSum += (q.bidSize() - q.askSize()) / sizes;
      a.imbalanceCount++;
    }
    return Optional.empty();
  }

  /** Emits, in time order, the bars of every interval that ends at or before {@code micros}. */
  public List<QuoteBar> onWatermark(long micros) {
    if (micros <= watermarkMicros) {
      return List.of();
    }
    watermarkMicros = micros;
    List<QuoteBar> out = new ArrayList<>();
    Iterator<Map.Entry<Long, Acc>> it = open.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Long, Acc> e = it.next();
      if (e.getKey() + timeframe.durationMicros() > micros) {
        break;
      }
      Acc a = e.getValue();
      double imbalance = a.imbalanceCount == 0 ? Double.NaN : a.imbalanceSum / a.imbalanceCount;
      out.add(new QuoteBar(symbol, timeframe, e.getKey(), a.spreadSum / a.count,
          Math.max(-1, Math.min(1, imbalance)), a.count));
      it.remove();
    }
    return out;
  }

  private static final class Acc {
    double spreadSum;
    long count;
    double imbalanceSum;
    long imbalanceCount;
  }
}
