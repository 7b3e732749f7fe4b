package io.quantflow.operators.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Timeframe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class QuietPeriodWatermarksTest {
  private static final long T = 1_549_895_460_000L; // 2019-02-11T14:31:00Z, the end of the 14:30 bar (ms)

  @Test
  void withinABurstTheWatermarkTrailsAndAfterTheQuietPeriodItReachesTheNewestBar() {
    AtomicLong nanos = new AtomicLong();
    List<Long> out = new ArrayList<>();
    WatermarkOutput sink = new WatermarkOutput() {
      @Override
      public void emitWatermark(Watermark w) {
        out.add(w.getTimestamp());
      }

      @Override
      public void markIdle() {}

      @Override
      public void markActive() {}
    };
    QuietPeriodWatermarks g = new QuietPeriodWatermarks(0, 250, nanos::get);
    Bar aapl = Bar.of("AAPL", Timeframe.M1, (T - 60_000) * 1000, 1, 1, 1, 1, 1);
    g.onEvent(aapl, T, sink);
    assertThat(out).containsExactly(T - 1); // MSFT's 14:30 bar (also stamped T) may still come
    nanos.addAndGet(100_000_000L); // 100 ms later: still within the burst
    g.onEvent(Bar.of("MSFT", Timeframe.M1, (T - 60_000) * 1000, 1, 1, 1, 1, 1), T, sink);
    g.onPeriodicEmit(sink);
    assertThat(out).containsExactly(T - 1);
    nanos.addAndGet(249_000_000L); // 249 ms after the last bar: not yet
    g.onPeriodicEmit(sink);
    assertThat(out).containsExactly(T - 1);
    nanos.addAndGet(1_000_000L); // 250 ms: the burst is over, the 14:30 bars are complete
    g.onPeriodicEmit(sink);
    g.onPeriodicEmit(sink); // once
    assertThat(out).containsExactly(T - 1, T);
    // the next minute's burst trails again, from its own newest bar
    g.onEvent(Bar.of("AAPL", Timeframe.M1, T * 1000, 1, 1, 1, 1, 1), T + 60_000, sink);
    assertThat(out).containsExactly(T - 1, T, T + 59_999);
  }
}
