package io.quantflow.operators.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.domain.Bar;
import io.quantflow.domain.FeatureBlock;
import io.quantflow.domain.FeatureRow;
import io.quantflow.domain.RejectedEvent;
import io.quantflow.domain.testing.SampleBars;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input in a stream: an identical duplicate, a conflicting duplicate and a late bar are each rejected with their
 * reason, and the features equal those of the clean series (a duplicate never reaches a 5-minute volume).
 */
class BadInputITCase {
  @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

  /** A watermark after every bar, just behind it: arrival order decides what is late, deterministically. */
  private static final class PerBarWatermarks implements WatermarkGenerator<Bar> {
    private long max = Long.MIN_VALUE;

    @Override
    public void onEvent(Bar bar, long timestamp, WatermarkOutput out) {
      max = Math.max(max, timestamp);
      out.emitWatermark(new Watermark(max - 1));
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput out) {}
  }

  private record Run(List<FeatureRow> features, List<RejectedEvent> rejected) {}

  private static Run run(List<Bar> input) throws Exception {
    return run(input, WatermarkStrategy.<Bar>forGenerator(ctx -> new PerBarWatermarks())
        .withTimestampAssigner((b, t) -> EventTime.millisOf(b)));
  }

  private static Run run(List<Bar> input, WatermarkStrategy<Bar> wm) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
    env.setParallelism(1);
    QuantPipeline.Features f = QuantPipeline.features(
        env.fromData(input, TypeInformation.of(Bar.class)).assignTimestampsAndWatermarks(wm), PipelineConfig.DEFAULT);
    CloseableIterator<FeatureBlock> features = f.features().collectAsync();
    CloseableIterator<RejectedEvent> rejected = f.rejected().collectAsync();
    env.execute("bad-input");
    List<FeatureRow> fs = new ArrayList<>();
    features.forEachRemaining(b -> {
      for (int i = 0; i < b.size(); i++) {
        fs.add(b.row(i));
      }
    });
    List<RejectedEvent> rs = new ArrayList<>();
    rejected.forEachRemaining(rs::add);
    fs.sort(Comparator.comparing(FeatureRow::timeframe).thenComparingLong(FeatureRow::timestampMicros));
    rs.sort(Comparator.comparingLong(RejectedEvent::timestampMicros));
    return new Run(fs, rs);
  }

  @Test
  void duplicatesAndLateBarsAreRejectedWithReasonsAndChangeNothing() throws Exception {
    List<Bar> clean = SampleBars.of("AAPL").subList(0, 60);
    Bar b3 = clean.get(3);
    Bar b10 = clean.get(10);
    Bar b20 = clean.get(20);
    Bar conflicting = Bar.of("AAPL", b20.timeframe(), b20.timestampMicros(), b20.open(), b20.high() + 1, b20.low(),
        b20.close(), b20.volume() + 500);
    Bar late = Bar.of("AAPL", b3.timeframe(), b3.timestampMicros(), b3.open(), b3.high(), b3.low(), b3.close(), 1);
    List<Bar> dirty = new ArrayList<>(clean);
    dirty.add(41, late);
    dirty.add(21, conflicting);
    dirty.add(11, b10);

    Run expected = run(clean);
    Run actual = run(dirty);

    assertThat(expected.rejected()).isEmpty();
    assertThat(expected.features()).hasSize(60 + 12 + 4);
    assertThat(actual.features()).isEqualTo(expected.features());
    assertThat(actual.rejected()).hasSize(3);
    assertThat(actual.rejected()).allSatisfy(r -> {
      assertThat(r.stage()).isEqualTo("validate-bars");
      assertThat(r.symbol()).isEqualTo("AAPL");
    });
    assertThat(actual.rejected().get(0).timestampMicros()).isEqualTo(b3.timestampMicros());
    assertThat(actual.rejected().get(0).reason()).startsWith("late: ");
    assertThat(actual.rejected().get(1).timestampMicros()).isEqualTo(b10.timestampMicros());
    assertThat(actual.rejected().get(1).reason()).startsWith("duplicate: an identical 1m bar");
    assertThat(actual.rejected().get(2).timestampMicros()).isEqualTo(b20.timestampMicros());
    assertThat(actual.rejected().get(2).reason()).startsWith("conflicting duplicate: ");
    assertThat(actual.rejected().get(2).payload()).contains("volume=" + (b20.volume() + 500));
  }

  @Test
  void barsArrivingOutOfOrderWithinTheBoundGiveTheSameFeatures() throws Exception {
    List<Bar> clean = SampleBars.of("AAPL").subList(0, 60);
    // arrival order scrambled inside blocks of 3 minutes: 2, 0, 1, 5, 3, 4, ...
    List<Bar> scrambled = new ArrayList<>();
    for (int i = 0; i + 2 < clean.size(); i += 3) {
      scrambled.add(clean.get(i + 2));
      scrambled.add(clean.get(i));
      scrambled.add(clean.get(i + 1));
    }
    WatermarkStrategy<Bar> bounded = EventTime.bars(java.time.Duration.ofMinutes(3), java.time.Duration.ofSeconds(5));
    Run expected = run(clean);
    Run actual = run(scrambled, bounded);
    assertThat(actual.rejected()).isEmpty();
    assertThat(actual.features()).isEqualTo(expected.features());
  }
}
