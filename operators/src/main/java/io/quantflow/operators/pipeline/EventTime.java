package io.quantflow.operators.pipeline;

import io.quantflow.domain.Bar;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The one place where domain microseconds become Flink milliseconds. A bar's Flink timestamp is the last
 * millisecond of its interval ({@code availableAt - 1 ms}), the same timestamp Flink gives a window's result, so a
 * 1m bar, the 5m bar it completes and the features of both share one event time.
 */
public final class EventTime {
  private EventTime() {}

  /** Flink timestamp (ms) of a record that becomes available at {@code availableAtMicros}. */
  public static long millisOf(long availableAtMicros) {
    return Math.floorDiv(availableAtMicros, 1000) - 1;
  }

  /** The Flink timestamp of a bar. */
  public static long millisOf(Bar bar) {
    return millisOf(bar.availableAtMicros());
  }

  /** The availability time in micros of a record stamped {@code millis} by {@link #millisOf(long)}. */
  public static long availableAtMicros(long millis) {
    return (millis + 1) * 1000;
  }

  /**
   * Watermarks for bars: bounded out-of-orderness with idleness, so a quiet source split does not hold back the
   * others. In BATCH mode watermarks are ignored and only the timestamps matter.
   */
  public static WatermarkStrategy<Bar> bars(Duration outOfOrderness, Duration idleness) {
    return WatermarkStrategy.<Bar>forBoundedOutOfOrderness(outOfOrderness)
        .withTimestampAssigner((bar, previous) -> millisOf(bar))
        .withIdleness(idleness);
  }
}
