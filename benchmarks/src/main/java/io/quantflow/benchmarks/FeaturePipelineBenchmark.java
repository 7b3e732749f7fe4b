package io.quantflow.benchmarks;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.connectors.store.BarStoreSource;
import io.quantflow.domain.BarBlock;
import io.quantflow.domain.FeatureBlock;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.WideBlock;
import io.quantflow.operators.features.FeatureSpec;
import io.quantflow.operators.pipeline.EventTime;
import io.quantflow.operators.pipeline.PipelineConfig;
import io.quantflow.operators.pipeline.QuantPipeline;
import io.quantflow.operators.signals.SignalConfig;
import io.quantflow.operators.signals.VoteMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.accumulators.DoubleCounter;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.NettyShuffleEnvironmentOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * End-to-end throughput of the feature pipeline in BATCH mode on the embedded MiniCluster: the store's bars read in
 * blocks, validated, resampled to every coarser timeframe, the default indicators on every timeframe, and (with
 * {@code all}) the multi-timeframe alignment and the signals. Outputs are consumed by a counting sink (the rows and a
 * checksum of every value, so no stage can be skipped); writing them to Parquet is measured by the CLI instead.
 *
 * <pre>java -Xmx8g -cp benchmarks/target/benchmarks.jar io.quantflow.benchmarks.FeaturePipelineBenchmark \
 *     STORE 1s 15s,1m,5m,15m,1h PARALLELISM features|all</pre>
 *
 * <p>Compare with {@link FeatureLoopBaseline} over the same store: the same computation as one plain loop.
 */
public final class FeaturePipelineBenchmark {
  private FeaturePipelineBenchmark() {}

  /** Counts rows and sums every value of the blocks it sees. */
  private static final class Count<T> extends RichMapFunction<T, Integer> {
    private static final long serialVersionUID = 1L;
    private transient LongCounter rows;
    private transient DoubleCounter checksum;

    @Override
    public void open(OpenContext ctx) {
      rows = getRuntimeContext().getLongCounter("rows");
      checksum = new DoubleCounter();
      getRuntimeContext().addAccumulator("checksum", checksum);
    }

    @Override
    public Integer map(T value) {
      double[] values = value instanceof FeatureBlock f ? f.values() : ((WideBlock) value).values();
      int n = value instanceof FeatureBlock f ? f.size() : ((WideBlock) value).size();
      double sum = 0;
      for (double v : values) {
        sum += Double.isNaN(v) ? 0 : v;
      }
      rows.add(n);
      checksum.add(sum);
      return n;
    }
  }

  /**
   * Arguments: store, input timeframe, coarser timeframes, parallelism, {@code features} or {@code all}, and the
   * number of rounds (default 3; each round is a whole job, the later ones with the JIT warm, as the loop's rounds).
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 3;
    for (int round = 0; round < rounds; round++) {
      runOnce(args, round);
    }
  }

  private static void runOnce(String[] args, int round) throws Exception {
    BarStore store = BarStore.at(Path.of(args[0]));
    Timeframe base = Timeframe.parse(args[1]);
    List<String> tfs = new ArrayList<>(List.of(base.label()));
    for (String t : args[2].split(",")) {
      tfs.add(Timeframe.parse(t).label());
    }
    int parallelism = Integer.parseInt(args[3]);
    boolean all = args.length < 5 || args[4].equals("all");
    FeatureSpec spec = new FeatureSpec(PipelineConfig.DEFAULT_FEATURES.indicators(), tfs);
    PipelineConfig config = new PipelineConfig(spec, new SignalConfig(base, spec.parsedTimeframes(),
        List.of(VoteMethod.above("ema_20")), 1, "rvol_20_cc", false));

    Configuration flink = new Configuration();
    QuantPipeline.batchSettings(flink);
    flink.set(PipelineOptions.GENERIC_TYPES, false);
    flink.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism * 4);
    flink.set(NettyShuffleEnvironmentOptions.SHUFFLE_COMPRESSION_CODEC,
        NettyShuffleEnvironmentOptions.CompressionCodec.NONE);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
    env.setParallelism(parallelism);
    env.setMaxParallelism(QuantPipeline.MAX_PARALLELISM);
    DataStream<BarBlock> bars = env.fromSource(BarStoreSource.blocks(store, base, BarStoreSource.DEFAULT_BLOCK_ROWS,
        QuantPipeline.MAX_PARALLELISM),
        EventTime.blocks(Duration.ZERO, Duration.ofSeconds(5)), "store");
    QuantPipeline.Features stage = QuantPipeline.fromBars(bars, config);
    if (all) {
      stage.wide().map(new Count<>(), Types.INT).sinkTo(new DiscardingSink<>());
      stage.signals().sinkTo(new DiscardingSink<>());
    } else {
      stage.features().map(new Count<>(), Types.INT).sinkTo(new DiscardingSink<>());
    }
    long start = System.nanoTime();
    JobExecutionResult r = env.execute("feature-pipeline-benchmark");
    double wall = (System.nanoTime() - start) / 1e9;
    double job = r.getNetRuntime(TimeUnit.MILLISECONDS) / 1000.0;
    long rows = r.getAccumulatorResult("rows");
    long input = listFiles(store.timeframeDir(base)).stream().mapToLong(FeaturePipelineBenchmark::rowsOf).sum();
    System.out.printf(Locale.ROOT, "%s pipeline round %d, parallelism %d: %,d input %s bars, %,d %s rows, job %.1f s "
        + "(%,.0f bars/s, %,.0f bars/s per core), wall %.1f s, checksum %.6f%n", all ? "full" : "feature", round,
        parallelism, input, base.label(), rows, all ? "aligned" : "feature", job, input / job,
        input / job / Math.min(parallelism, Runtime.getRuntime().availableProcessors()), wall,
        (Double) r.getAccumulatorResult("checksum"));
  }

  private static List<java.nio.file.Path> listFiles(java.nio.file.Path dir) throws java.io.IOException {
    try (var s = java.nio.file.Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
      return s.filter(p -> p.toString().endsWith(".parquet")).toList();
    }
  }

  private static long rowsOf(java.nio.file.Path file) {
    try (org.apache.parquet.hadoop.ParquetFileReader reader = org.apache.parquet.hadoop.ParquetFileReader.open(
        new org.apache.parquet.io.LocalInputFile(file))) {
      return reader.getRecordCount();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
