package io.quantflow.operators.bars;

import io.quantflow.domain.BarBlock;
import io.quantflow.domain.Timeframe;
import io.quantflow.operators.pipeline.EventTime;
import java.util.List;
import java.util.Locale;

/**
 * The gate every input bar of one symbol and timeframe passes: puts bars in event-time order, releases each once,
 * and refuses the rest with a reason. Plain Java over a {@link State}; the Flink function around it decides when to
 * release (at the watermark in STREAMING mode, as soon as the sorted input has moved past a bar in BATCH mode).
 *
 * <ul>
 *   <li>an identical second copy of a pending bar (a replayed message): {@code duplicate};</li>
 *   <li>a different bar with the same start that is not marked as an update: {@code conflicting duplicate}, the
 *       first one is kept;</li>
 *   <li>a bar at or before one already released: {@code late};</li>
 *   <li>an update (a row with {@code revision > 0}, such as Alpaca's {@code updatedBars}) replaces a pending bar, or,
 *       if the bar was released less than {@code revisionHorizonMicros} ago, is released at once as a revision;
 *       older updates are refused as {@code late update}.</li>
 * </ul>
 */
public final class BarSequencer {
  private final long revisionHorizonMicros;

  /** The per-key state: a Flink POJO. */
  public static final class State {
    /** Start of the latest bar released, UTC epoch micros. */
    public long lastReleasedMicros = Long.MIN_VALUE;
    /** Bars waiting for release, sorted by start. */
    public BarBuffer pending = new BarBuffer();
    /**
     * A whole input block waiting for release as it is (clean: in order, after everything else, no updates); the
     * usual case, which then costs no copy. Null when none.
     */
    public BarBlock held;

    /** For Flink's POJO serializer. */
    public State() {}
  }

  /** A refused row. */
  public record Rejection(long startMicros, String reason, String payload) {}

  /** A gate that accepts updates of bars released up to {@code revisionHorizonMicros} ago (0: none). */
  public BarSequencer(long revisionHorizonMicros) {
    this.revisionHorizonMicros = revisionHorizonMicros;
  }

  /**
   * Takes the rows of {@code block}: pending rows are kept in {@code state}, updates of released bars are appended
   * to {@code revisions} (to be emitted now), refusals to {@code rejected}.
   */
  public void offer(State state, BarBlock block, BarBlock.Builder revisions, List<Rejection> rejected) {
    if (state.held == null && state.pending.isEmpty() && clean(block, state.lastReleasedMicros)) {
      state.held = block;
      return;
    }
    unhold(state);
    BarBuffer pending = state.pending;
    Timeframe tf = block.timeframe();
    for (int i = 0; i < block.size(); i++) {
      long start = block.startMicros()[i];
      boolean update = block.revision()[i] > 0;
      if (start <= state.lastReleasedMicros) {
        if (update && start > state.lastReleasedMicros - revisionHorizonMicros) {
          revisions.add(block, i);
        } else {
          rejected.add(new Rejection(start, (update ? "late update: a " + tf + " bar update arrived more than the "
              + "revision horizon after the bar was processed; raise the allowed lateness"
              : "late: a " + tf + " bar at or before one already processed for this symbol; raise the allowed "
                  + "out-of-orderness of the source"), describe(block, i)));
        }
        continue;
      }
      int at = pending.indexOf(start);
      if (at < 0) {
        pending.put(block, i);
      } else if (update) {
        pending.put(block, i);
      } else if (same(pending, at, block, i)) {
        rejected.add(new Rejection(start, "duplicate: an identical " + tf + " bar was already received; dropped the "
            + "copy", describe(block, i)));
      } else {
        rejected.add(new Rejection(start, "conflicting duplicate: a different " + tf + " bar with the same timestamp "
            + "was received first and is kept (" + describe(pending, at) + ")", describe(block, i)));
      }
    }
  }

  /**
   * Releases, in start order, every pending bar whose Flink timestamp ({@link EventTime#millisOf(long)} of its end)
   * is at or before {@code progressMillis}; null when none is.
   */
  public BarBlock release(State state, String symbol, Timeframe timeframe, long progressMillis) {
    BarBlock held = state.held;
    if (held != null) {
      if (EventTime.millisOf(held.availableAtMicros(held.size() - 1)) <= progressMillis) {
        state.held = null;
        state.lastReleasedMicros = held.startMicros()[held.size() - 1];
        return held;
      }
      if (EventTime.millisOf(held.availableAtMicros(0)) > progressMillis) {
        return null;
      }
      unhold(state);
    }
    BarBuffer pending = state.pending;
    int n = 0;
    while (n < pending.size && EventTime.millisOf(pending.start[n] + timeframe.durationMicros()) <= progressMillis) {
      n++;
    }
    if (n == 0) {
      return null;
    }
    BarBlock out = pending.toBlock(symbol, timeframe, 0, n);
    for (int i = 0; i < n; i++) {
      out.revision()[i] = 0; // a first release; an update folded into a pending bar is still its first version
    }
    state.lastReleasedMicros = pending.start[n - 1];
    pending.dropFirst(n);
    return out;
  }

  /** Whether a block can be held as it is: rows in strictly increasing order after {@code after}, no updates. */
  private static boolean clean(BarBlock b, long after) {
    long last = after;
    for (int i = 0; i < b.size(); i++) {
      if (b.startMicros()[i] <= last || b.revision()[i] != 0 || b.flags()[i] != 0) {
        return false;
      }
      last = b.startMicros()[i];
    }
    return b.size() > 0;
  }

  /** Moves a held block into the pending buffer, for the general path. */
  private static void unhold(State state) {
    if (state.held != null) {
      for (int i = 0; i < state.held.size(); i++) {
        state.pending.put(state.held, i);
      }
      state.held = null;
    }
  }

  private static boolean same(BarBuffer p, int j, BarBlock b, int i) {
    return Double.compare(p.open[j], b.open()[i]) == 0 && Double.compare(p.high[j], b.high()[i]) == 0
        && Double.compare(p.low[j], b.low()[i]) == 0 && Double.compare(p.close[j], b.close()[i]) == 0
        && Double.compare(p.volume[j], b.volume()[i]) == 0 && p.tradeCount[j] == b.tradeCount()[i]
        && Double.compare(p.vwap[j], b.vwap()[i]) == 0;
  }

  /** A bar as text for rejection payloads: {@code Bar[...]} like {@link io.quantflow.domain.Bar#toString()}. */
  static String describe(BarBlock b, int i) {
    return b.bar(i).toString();
  }

  private static String describe(BarBuffer p, int j) {
    return String.format(Locale.ROOT, "o=%s h=%s l=%s c=%s v=%s", p.open[j], p.high[j], p.low[j], p.close[j],
        p.volume[j]);
  }
}
