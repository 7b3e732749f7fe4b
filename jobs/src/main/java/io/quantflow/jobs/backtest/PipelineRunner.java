package io.quantflow.jobs.backtest;

import io.quantflow.connectors.replay.ReplaySource;
import io.quantflow.connectors.store.BarStore;
import io.quantflow.connectors.store.BarStoreSource;
import io.quantflow.connectors.store.TickStore;
import io.quantflow.domain.BarBlock;
import io.quantflow.domain.MarketEvent;
import io.quantflow.operators.pipeline.BarTiming;
import io.quantflow.operators.pipeline.QuantPipeline;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.operators.pipeline.EventTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.NettyShuffleEnvironmentOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Builds the execution environment and the bar source for a {@link JobConfig}, runs a pipeline and gathers its
 * outputs with a progress line. Outputs are collected to the client and sorted there, so the tables a run writes
 * are identical whatever the parallelism and execution mode.
 */
public final class PipelineRunner {
  private final JobConfig config;
  private final BarStore store;
  private final Progress progress;
  private final StreamExecutionEnvironment env;
  private DataStream<RunChunk> outputs;
  private final Map<String, AtomicLong> counts = new LinkedHashMap<>();

  /** An environment for {@code config} (the embedded MiniCluster unless submitted to a cluster). */
  public PipelineRunner(JobConfig config, BarStore store, Progress progress) {
    this.config = config;
    this.store = store;
    this.progress = progress;
    Configuration flink = new Configuration();
    if (config.streaming()) {
      flink.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
    } else {
      QuantPipeline.batchSettings(flink);
    }
    flink.set(PipelineOptions.GENERIC_TYPES, false); // fail loudly instead of falling back to Kryo
    // results reach the client through the collect sink; larger batches mean fewer round trips for big runs
    flink.set(org.apache.flink.streaming.api.operators.collect.CollectSinkOperatorFactory.MAX_BATCH_SIZE,
        org.apache.flink.configuration.MemorySize.parse("64mb"));
    flink.set(TaskManagerOptions.NUM_TASK_SLOTS, config.parallelism());
    // shuffles stay in one machine's memory on the embedded cluster: compressing them costs CPU and saves nothing
    flink.set(NettyShuffleEnvironmentOptions.SHUFFLE_COMPRESSION_CODEC,
        NettyShuffleEnvironmentOptions.CompressionCodec.NONE);
    env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
    env.setParallelism(config.parallelism());
    env.setMaxParallelism(QuantPipeline.MAX_PARALLELISM);
  }

  /** The execution environment. */
  public StreamExecutionEnvironment env() {
    return env;
  }

  /**
   * The input bars with event-time timestamps: a bounded, columnar Parquet read in blocks in BATCH mode, an
   * event-time replay of the store (unbounded source, one bar per block) in STREAMING mode.
   */
  public DataStream<BarBlock> bars() {
    BarTiming timing = config.pipeline().timing();
    if (config.streaming()) {
      // a replay is in event-time order: no out-of-orderness to wait for
      return env.fromSource(ReplaySource.of(store, config.timeframe(), config.replaySpeed()),
              EventTime.bars(Duration.ZERO, timing.idleness()), "replay-" + config.timeframe().label())
          .setParallelism(1).uid("replay-source")
          .map(BarBlock::of, TypeInformation.of(BarBlock.class)).setParallelism(1).name("bar-to-block");
    }
    return env.fromSource(BarStoreSource.blocks(store, config.timeframe(), BarStoreSource.DEFAULT_BLOCK_ROWS,
        QuantPipeline.MAX_PARALLELISM),
        EventTime.blocks(Duration.ZERO, timing.idleness()), "store-" + config.timeframe().label())
        .uid("store-source");
  }

  /**
   * The store's ticks as feed events with event-time timestamps: a bounded read in BATCH mode, a replay in arrival
   * order (late ticks arrive late) in STREAMING mode, with the configured out-of-orderness and idleness.
   */
  public DataStream<MarketEvent> ticks() {
    BarTiming timing = config.pipeline().timing();
    TickStore ticks = TickStore.at(store.root());
    if (config.streaming()) {
      return env.fromSource(ReplaySource.ticks(ticks, config.replaySpeed()),
              EventTime.ticks(timing.outOfOrderness(), timing.idleness()), "replay-ticks")
          .setParallelism(1).uid("replay-ticks");
    }
    return env.fromSource(ticks.eventSource(QuantPipeline.MAX_PARALLELISM), EventTime.ticks(timing.outOfOrderness(), timing.idleness()),
        "store-ticks").uid("store-ticks");
  }

  /** The feature stage over the configured input: the store's bars, or bars built from its ticks. */
  public QuantPipeline.Features stage() {
    if (config.fromTicks()) {
      return QuantPipeline.fromTicks(ticks(), config.pipeline());
    }
    // the BATCH store source hands each symbol to the reader of its keyed subtask: no shuffle needed
    return config.streaming() ? QuantPipeline.fromBars(bars(), config.pipeline())
        : QuantPipeline.fromPartitionedBars(bars(), config.pipeline());
  }

  /** Registers {@code stream}, of a {@link RunRecord} value type, to be gathered under {@code name}. */
  public <T> void collect(String name, DataStream<T> stream) {
    if (counts.containsKey(name)) {
      throw new IllegalArgumentException("Output '" + name + "' is registered twice");
    }
    DataStream<RunChunk> tagged = stream
        .map(v -> RunRecord.of(name, v), TypeInformation.of(RunRecord.class)).name("tag-" + name)
        .transform("chunk-" + name, TypeInformation.of(RunChunk.class), new RunChunk.Chunker(name));
    outputs = outputs == null ? tagged : outputs.union(tagged);
    counts.put(name, new AtomicLong());
  }

  /**
   * Runs the job and returns every registered output, by name, in arrival order. The lists are
   * {@link ChunkedList}s: records become objects only when read.
   *
   * @throws Exception the job's failure, if it fails
   */
  public Map<String, List<?>> run(String jobName) throws Exception {
    if (outputs == null) {
      throw new IllegalStateException("No outputs registered; call collect(...) before run(...)");
    }
    long start = System.nanoTime();
    CloseableIterator<RunChunk> records = outputs.collectAsync();
    JobClient client = env.executeAsync(jobName);
    Map<String, List<RunChunk>> chunks = new LinkedHashMap<>();
    counts.keySet().forEach(name -> chunks.put(name, new ArrayList<>()));
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "collect-" + jobName);
      t.setDaemon(true);
      return t;
    });
    // chunks stay serialized until the caller reads them (ChunkedList): no per-record objects during the job
    Future<?> drained = pool.submit(() -> {
      try (records) {
        while (records.hasNext()) {
          RunChunk c = records.next();
          chunks.get(c.output).add(c);
          counts.get(c.output).addAndGet(c.count);
        }
      }
      return null;
    });
    pool.shutdown();
    while (!pool.awaitTermination(2, TimeUnit.SECONDS)) {
      progress.report(status(jobName, start, "running"));
    }
    drained.get();
    JobExecutionResult result = client.getJobExecutionResult().get();
    progress.report(status(jobName, start, "finished in " + result.getNetRuntime(TimeUnit.MILLISECONDS) + " ms;"));
    Map<String, List<?>> out = new LinkedHashMap<>();
    chunks.forEach((name, c) -> out.put(name, ChunkedList.of(c)));
    return out;
  }

  private String status(String jobName, long startNanos, String state) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "[%s] %5.1f s %s", jobName,
        (System.nanoTime() - startNanos) / 1e9, state));
    if (counts.values().stream().allMatch(n -> n.get() == 0)) {
      // BATCH mode hands results over when the job ends; say so instead of printing zeros
      return sb.append(config.streaming() ? ", waiting for the first results" : ", results arrive when the job ends")
          .toString();
    }
    counts.forEach((name, n) -> sb.append(String.format(Locale.ROOT, " %s=%,d", name, n.get())));
    return sb.toString();
  }
}
