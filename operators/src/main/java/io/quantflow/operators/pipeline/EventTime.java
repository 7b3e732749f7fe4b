package io.quantflow.operators.pipeline;

import io.quantflow.domain.Bar;
import io.quantflow.domain.BarBlock;
import io.quantflow.domain.MarketEvent;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
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

  /** The Flink timestamp of a block: that of its first bar (blocks of one key arrive in this order in BATCH). */
  public static long millisOf(BarBlock block) {
    return block.isEnd() ? Long.MAX_VALUE : block.isProgress() ? millisOf(block.progressMicros())
        : millisOf(block.availableAtMicros(0));
  }

  /** The Flink timestamp of a tick: its event time truncated to the millisecond. */
  public static long millisOf(MarketEvent event) {
    return event.kind() == MarketEvent.Kind.END ? Long.MAX_VALUE : Math.floorDiv(event.timestampMicros(), 1000);
  }

  /** The event time in micros up to which a watermark of {@code millis} proves every record has arrived. */
  public static long watermarkMicros(long millis) {
    return millis == Long.MAX_VALUE ? Long.MAX_VALUE : millis == Long.MIN_VALUE ? Long.MIN_VALUE : (millis + 1) * 1000;
  }

  /** Watermarks for bar blocks, as {@link #bars} for bars. */
  public static WatermarkStrategy<BarBlock> blocks(Duration outOfOrderness, Duration idleness) {
    long bound = outOfOrderness.toMillis();
    return WatermarkStrategy.<BarBlock>forGenerator(ctx -> new WatermarkGenerator<>() {
          private long max = Long.MIN_VALUE + bound + 1;

          @Override
          public void onEvent(BarBlock block, long timestamp, WatermarkOutput output) {
            if (!block.isEnd() && !block.isProgress()) { // a symbol's markers say nothing about the others
              max = Math.max(max, millisOf(block.availableAtMicros(block.size() - 1)));
            }
          }

          @Override
          public void onPeriodicEmit(WatermarkOutput output) {
            output.emitWatermark(new Watermark(max - bound - 1));
          }
        })
        .withTimestampAssigner((block, previous) -> millisOf(block))
        .withIdleness(idleness);
  }

  /**
   * Watermarks for ticks: bounded out-of-orderness on event time, with idleness, emitted as soon as they advance
   * (not on Flink's periodic timer). A replay that plays faster than real time then sees the watermark move with the
   * ticks, as a live feed does, so bars are emitted on time and late ticks revise them; with periodic watermarks a
   * fast replay would hold every bar back until its late ticks had arrived.
   */
  public static WatermarkStrategy<MarketEvent> ticks(Duration outOfOrderness, Duration idleness) {
    long bound = outOfOrderness.toMillis();
    return WatermarkStrategy.<MarketEvent>forGenerator(ctx -> new WatermarkGenerator<>() {
          private long max = Long.MIN_VALUE + bound + 1;
          private long emitted = Long.MIN_VALUE;

          @Override
          public void onEvent(MarketEvent event, long timestamp, WatermarkOutput output) {
            if (event.kind() == MarketEvent.Kind.END) {
              return; // a symbol's end says nothing about the others
            }
            max = Math.max(max, timestamp);
            long wm = max - bound - 1;
            if (wm > emitted) {
              emitted = wm;
              output.emitWatermark(new Watermark(wm));
            }
          }

          @Override
          public void onPeriodicEmit(WatermarkOutput output) {}
        })
        .withTimestampAssigner((event, previous) -> millisOf(event))
        .withIdleness(idleness);
  }

  /**
   * Watermarks for bars: bounded out-of-orderness with idleness, so a quiet source split does not hold back the
   * others, emitted as soon as they advance (as {@link #ticks}). A replay of a bar topic that plays faster than real
   * time then sees the watermark move with the bars, so whether a bar is late (rejected) or in time depends on the
   * order of the input only, never on when Flink's periodic timer fired. In BATCH mode watermarks are ignored and
   * only the timestamps matter.
   */
  public static WatermarkStrategy<Bar> bars(Duration outOfOrderness, Duration idleness) {
    long bound = outOfOrderness.toMillis();
    return WatermarkStrategy.<Bar>forGenerator(ctx -> new WatermarkGenerator<>() {
          private long max = Long.MIN_VALUE + bound + 1;
          private long emitted = Long.MIN_VALUE;

          @Override
          public void onEvent(Bar bar, long timestamp, WatermarkOutput output) {
            max = Math.max(max, timestamp);
            long wm = max - bound - 1;
            if (wm > emitted) {
              emitted = wm;
              output.emitWatermark(new Watermark(wm));
            }
          }

          @Override
          public void onPeriodicEmit(WatermarkOutput output) {}
        })
        .withTimestampAssigner((bar, previous) -> millisOf(bar))
        .withIdleness(idleness);
  }

  /**
   * Watermarks for a live bar feed ({@link QuietPeriodWatermarks}): as {@link #bars} within a burst of bars, and up
   * to the newest bar once {@code quietPeriod} passes without one, so a minute's signals are emitted right after
   * its bars arrive. The periodic check runs every {@code pipeline.auto-watermark-interval}.
   */
  public static WatermarkStrategy<Bar> liveBars(Duration outOfOrderness, Duration idleness, Duration quietPeriod) {
    long bound = outOfOrderness.toMillis();
    long quiet = quietPeriod.toMillis();
    return WatermarkStrategy.<Bar>forGenerator(ctx -> new QuietPeriodWatermarks(bound, quiet, System::nanoTime))
        .withTimestampAssigner((bar, previous) -> millisOf(bar))
        .withIdleness(idleness);
  }
}
