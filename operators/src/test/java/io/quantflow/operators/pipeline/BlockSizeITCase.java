package io.quantflow.operators.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.domain.Bar;
import io.quantflow.domain.BarBlock;
import io.quantflow.domain.FeatureBlock;
import io.quantflow.domain.FeatureRow;
import io.quantflow.domain.Signal;
import io.quantflow.domain.WideBlock;
import io.quantflow.domain.WideRow;
import io.quantflow.domain.testing.SampleBars;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The results never depend on how bars are cut into blocks: real bars of three symbols in blocks of 1, 13 and 2,000
 * bars, in BATCH mode (with the pipeline's BATCH settings) and in STREAMING mode, give identical features, aligned
 * rows and signals.
 */
class BlockSizeITCase {
  /** Two slots: a BATCH run of the pipeline runs all its stages at once (pipelined exchanges). */
  @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private record Out(List<FeatureRow> features, List<WideRow> wide, List<Signal> signals) {}

  private static List<BarBlock> blocks(List<Bar> bars, int size) {
    List<BarBlock> out = new ArrayList<>();
    for (String symbol : bars.stream().map(Bar::symbol).distinct().toList()) {
      List<Bar> mine = bars.stream().filter(b -> b.symbol().equals(symbol)).toList();
      for (int i = 0; i < mine.size(); i += size) {
        out.add(BarBlock.of(mine.subList(i, Math.min(mine.size(), i + size))));
      }
    }
    // a stream delivers symbols interleaved in time, as a feed would; each symbol's blocks stay in order
    out.sort(java.util.Comparator.comparingLong(b -> b.startMicros()[0]));
    return out;
  }

  private static Out run(List<BarBlock> input, boolean batch) throws Exception {
    // a block spans up to its size in minutes: the watermark's bound must cover it, or rows would count as late
    int maxRows = input.stream().mapToInt(BarBlock::size).max().orElse(1);
    Duration outOfOrderness = Duration.ofMinutes(maxRows + 1L);
    Configuration conf = new Configuration();
    if (batch) {
      QuantPipeline.batchSettings(conf);
    } else {
      conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(2);
    QuantPipeline.Features f = QuantPipeline.fromBars(env.fromData(input, TypeInformation.of(BarBlock.class))
        .setParallelism(1).assignTimestampsAndWatermarks(EventTime.blocks(outOfOrderness, Duration.ofMinutes(10)))
        .setParallelism(1), PipelineConfig.DEFAULT);
    CloseableIterator<FeatureBlock> features = f.features().collectAsync();
    CloseableIterator<WideBlock> wide = f.wide().collectAsync();
    CloseableIterator<Signal> signals = f.signals().collectAsync();
    env.execute("block-size");
    List<FeatureRow> fs = new ArrayList<>();
    features.forEachRemaining(b -> {
      for (int i = 0; i < b.size(); i++) {
        fs.add(b.row(i));
      }
    });
    List<WideRow> ws = new ArrayList<>();
    wide.forEachRemaining(b -> {
      for (int i = 0; i < b.size(); i++) {
        ws.add(b.row(i));
      }
    });
    List<Signal> ss = new ArrayList<>();
    signals.forEachRemaining(ss::add);
    fs.sort(Comparator.comparing(FeatureRow::symbol).thenComparing(FeatureRow::timeframe)
        .thenComparingLong(FeatureRow::timestampMicros));
    ws.sort(Comparator.comparing(WideRow::symbol).thenComparingLong(WideRow::timestampMicros));
    ss.sort(Comparator.comparingLong(Signal::timestampMicros).thenComparing(Signal::symbol));
    return new Out(fs, ws, ss);
  }

  @Test
  void anyBlockSizeInEitherModeGivesTheSameRows() throws Exception {
    List<Bar> bars = SampleBars.all().stream().filter(b -> List.of("AAPL", "BAC", "QQQ").contains(b.symbol()))
        .toList();
    Out reference = run(blocks(bars, 2_000), true);
    assertThat(reference.wide()).hasSize(bars.size());
    long intervals = 0; // one feature row per bar of every timeframe: distinct (symbol, interval) per timeframe
    for (io.quantflow.domain.Timeframe tf : PipelineConfig.DEFAULT.timeframes()) {
      intervals += bars.stream().map(b -> b.symbol() + tf.startOf(b.timestampMicros())).distinct().count();
    }
    assertThat(reference.features()).hasSize((int) intervals);
    assertThat(reference.signals()).isNotEmpty();
    for (int size : new int[] {1, 13}) {
      for (boolean batch : new boolean[] {true, false}) {
        Out out = run(blocks(bars, size), batch);
        assertThat(out.features()).as("features, blocks of %d, batch %s", size, batch)
            .isEqualTo(reference.features());
        assertThat(out.wide()).as("wide, blocks of %d, batch %s", size, batch).isEqualTo(reference.wide());
        assertThat(out.signals()).as("signals, blocks of %d, batch %s", size, batch).isEqualTo(reference.signals());
      }
    }
    assertThat(run(blocks(bars, 2_000), false).wide()).isEqualTo(reference.wide());
  }
}
