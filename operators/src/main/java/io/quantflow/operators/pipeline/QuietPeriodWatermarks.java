package io.quantflow.operators.pipeline;

import io.quantflow.domain.Bar;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks for a live bar feed that publishes each interval's bars in one burst just after the interval closes
 * (Alpaca sends every subscribed symbol's minute bar right after the minute). Within a burst the watermark trails
 * the newest bar by the out-of-orderness bound, as {@link EventTime#bars} does; once no bar has arrived for
 * {@code quietPeriod} of processing time, the burst is over and the watermark moves up to the newest bar's time, so
 * the bars and windows it closes are released at once instead of waiting for the next interval's first bar (a
 * minute later on 1m bars). A bar of an earlier interval that arrives after that is late and is rejected with the
 * reason downstream, never dropped silently.
 *
 * <p>For live feeds only: a replay at full speed has no quiet periods worth the name, and a backtest ignores
 * watermarks. Not thread-safe (Flink calls a generator from one thread).
 */
public final class QuietPeriodWatermarks implements WatermarkGenerator<Bar> {
  private final long boundMillis;
  private final long quietNanos;
  private final LongSupplier nanoClock;
  private long max = Long.MIN_VALUE;
  private long emitted = Long.MIN_VALUE;
  private long lastEventNanos;

  /**
   * A generator trailing by {@code boundMillis} within bursts and catching up after {@code quietMillis}.
   *
   * @param nanoClock processing-time clock in nanoseconds ({@code System::nanoTime})
   */
  public QuietPeriodWatermarks(long boundMillis, long quietMillis, LongSupplier nanoClock) {
    if (boundMillis < 0 || quietMillis <= 0) {
      throw new IllegalArgumentException("boundMillis must be >= 0 and quietMillis > 0 but were " + boundMillis
          + " and " + quietMillis);
    }
    this.boundMillis = boundMillis;
    this.quietNanos = quietMillis * 1_000_000L;
    this.nanoClock = java.util.Objects.requireNonNull(nanoClock, "nanoClock");
  }

  @Override
  public void onEvent(Bar bar, long timestamp, WatermarkOutput output) {
    max = Math.max(max, timestamp);
    lastEventNanos = nanoClock.getAsLong();
    emit(max - boundMillis - 1, output);
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    if (max != Long.MIN_VALUE && nanoClock.getAsLong() - lastEventNanos >= quietNanos) {
      emit(max, output);
    }
  }

  private void emit(long wm, WatermarkOutput output) {
    if (wm > emitted) {
      emitted = wm;
      output.emitWatermark(new Watermark(wm));
    }
  }
}
