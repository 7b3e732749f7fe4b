package io.quantflow.benchmarks;

import io.quantflow.connectors.alpaca.AlpacaConfig;
import io.quantflow.connectors.alpaca.stream.AlpacaMarketDataSource;
import io.quantflow.connectors.alpaca.stream.AlpacaRecord;
import io.quantflow.connectors.alpaca.stream.AlpacaRecords;
import io.quantflow.connectors.store.BarStore;
import io.quantflow.connectors.synthetic.GenerateReport;
import io.quantflow.connectors.synthetic.SyntheticConfig;
import io.quantflow.connectors.synthetic.SyntheticMarket;
import io.quantflow.domain.Bar;
import io.quantflow.domain.FeatureBlock;
import io.quantflow.domain.RoutedOrder;
import io.quantflow.domain.Signal;
import io.quantflow.domain.Timeframe;
import io.quantflow.operators.execution.PreTradeCheckFunction;
import io.quantflow.operators.execution.PreTradeLimits;
import io.quantflow.operators.pipeline.BarTiming;
import io.quantflow.operators.pipeline.EventTime;
import io.quantflow.operators.pipeline.PipelineConfig;
import io.quantflow.operators.pipeline.QuantPipeline;
import io.quantflow.operators.portfolio.SimulationConfig;
import io.quantflow.simulator.AlpacaSimulator;
import io.quantflow.simulator.AlpacaSimulators;
import io.quantflow.simulator.Faults;
import io.quantflow.simulator.SimulatorConfig;
import io.quantflow.simulator.SimulatorService;
import io.quantflow.simulator.StoreTape;
import io.quantflow.simulator.TapeEvent;
import io.quantflow.simulator.marketdata.MarketDataService;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The live path under load (issue 5): the Alpaca simulator, in this JVM, replays a store over its market-data
 * WebSocket; the Alpaca market-data source reads it and feeds the STREAMING pipeline and portfolio exactly as
 * {@code LiveJob} wires them with {@code live.source: alpaca} and trading disabled (source at parallelism 1, bars
 * filter and map at the job's parallelism, {@link EventTime#bars} watermarks, {@link QuantPipeline#features},
 * {@link QuantPipeline#backtest}, the pre-trade check), checkpoints on. Kafka outputs are left out (they are the
 * bridge's and the sinks' cost, not the pipeline's): every output goes to a discarding sink.
 *
 * <pre>java -Xmx8g -cp benchmarks/target/benchmarks.jar io.quantflow.benchmarks.LiveBenchmark STORE \
 *     [--speed 0] [--out-of-orderness-ms 2000] [--watermark-interval-ms 200] [--parallelism 2]
 * java -cp benchmarks/target/benchmarks.jar io.quantflow.benchmarks.LiveBenchmark generate STORE SYMBOLS DAYS</pre>
 *
 * <p><b>Throughput</b> is the number of bars the source emitted per wall-clock second, between the moments it had
 * emitted 20 % and 90 % of the store's bars (start-up, JIT warm-up and the drain excluded).
 *
 * <p><b>Latency</b>: a map chained right after the source records {@link System#nanoTime()} for every bar it emits,
 * keyed by (symbol, bar end), in a map shared by the whole JVM (the MiniCluster runs here, so one clock). At the
 * pipeline's outputs, a map chained to the keyed pipeline looks up, for every first-version signal, the bar that
 * closed its base bar (a signal is stamped with that bar's end), and for every first-version feature row of the
 * coarsest timeframe, the 1m bar that closed the window (end = window end): latency = output time minus that
 * bar's emission by the source. It therefore includes the watermark: a window is emitted only when the watermark
 * passes its end, i.e. once a bar later than the window's end plus the out-of-orderness bound has reached the
 * source and the next periodic watermark has been emitted. With {@code --speed} above 0 the replay is paced and
 * the latency from the simulator handing the instant's frame to its WebSocket writer to the output is reported
 * too (at speed 0 the simulator runs ahead of the client and that figure is only the backlog).
 */
public final class LiveBenchmark {
  private static final String KEY = "bench-key";
  private static final String SECRET = "bench-secret";
  private static final double FROM = 0.2;
  private static final double TO = 0.9;

  private LiveBenchmark() {}

  // ---- shared between the job's operators and the harness (one JVM) ----

  /** What the probes record; static because the MiniCluster's tasks run in this JVM and class loader. */
  static final class Probe {
    static final Map<String, Integer> SYMBOL_IDS = new ConcurrentHashMap<>();
    /** (symbol, bar end) to the nanoTime the source emitted the bar. */
    static final Map<Long, Long> EMITTED = new ConcurrentHashMap<>();
    /** Bar end (an instant) to the nanoTime the simulator handed the instant to its WebSocket writers. */
    static final Map<Long, Long> PUBLISHED = new ConcurrentHashMap<>();
    static final AtomicLong BARS = new AtomicLong();
    static final Samples SIGNALS = new Samples();
    static final Samples COARSE = new Samples();
    static final AtomicLong MISSES = new AtomicLong();
    static final AtomicLong REJECTED = new AtomicLong();

    static long key(String symbol, long endMicros) {
      long id = SYMBOL_IDS.computeIfAbsent(symbol, s -> SYMBOL_IDS.size());
      return id << 40 | Math.floorDiv(endMicros, 1_000_000L);
    }

    static void output(Samples into, String symbol, long endMicros) {
      long now = System.nanoTime();
      Long emitted = EMITTED.get(key(symbol, endMicros));
      if (emitted == null) {
        MISSES.incrementAndGet();
        return;
      }
      Long published = PUBLISHED.get(endMicros);
      into.add(now, now - emitted, published == null ? -1 : now - published);
    }
  }

  /** (output time, latency from the source, latency from the simulator) triples; thread-safe. */
  static final class Samples {
    private long[] data = new long[3 * 65_536];
    private int n;

    synchronized void add(long at, long fromSource, long fromSimulator) {
      if (3 * n + 3 > data.length) {
        data = Arrays.copyOf(data, data.length * 2);
      }
      data[3 * n] = at;
      data[3 * n + 1] = fromSource;
      data[3 * n + 2] = fromSimulator;
      n++;
    }

    /** Column {@code col} (1: from source, 2: from simulator) of the samples output in [from, to), sorted. */
    synchronized long[] between(long from, long to, int col) {
      long[] out = new long[n];
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (data[3 * i] >= from && data[3 * i] < to && data[3 * i + col] >= 0) {
          out[k++] = data[3 * i + col];
        }
      }
      out = Arrays.copyOf(out, k);
      Arrays.sort(out);
      return out;
    }
  }

  /** Stamps every bar as the source emits it (chained to the source). */
  static final class StampBars implements MapFunction<AlpacaRecord, AlpacaRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public AlpacaRecord map(AlpacaRecord r) {
      if (r.kind() == AlpacaRecord.Kind.BAR) {
        Probe.EMITTED.put(Probe.key(r.bar().symbol(), r.bar().availableAtMicros()), System.nanoTime());
        Probe.BARS.incrementAndGet();
      }
      return r;
    }
  }

  /** Measures first-version signals (chained to the keyed pipeline). */
  static final class SignalLatency implements MapFunction<Signal, Integer> {
    private static final long serialVersionUID = 1L;

    @Override
    public Integer map(Signal s) {
      if (s.revision() == 0 && !s.retracted()) {
        Probe.output(Probe.SIGNALS, s.symbol(), s.timestampMicros());
      }
      return 0;
    }
  }

  /** Measures first-version feature rows of one timeframe (chained to the keyed pipeline). */
  static final class RowLatency implements MapFunction<FeatureBlock, Integer> {
    private static final long serialVersionUID = 1L;
    private final Timeframe timeframe;

    RowLatency(Timeframe timeframe) {
      this.timeframe = timeframe;
    }

    @Override
    public Integer map(FeatureBlock b) {
      if (b.timeframe() == timeframe) {
        for (int i = 0; i < b.size(); i++) {
          if (b.revision()[i] == 0 && !b.retracted()[i]) {
            Probe.output(Probe.COARSE, b.symbol(), b.availableAtMicros(i));
          }
        }
      }
      return 0;
    }
  }

  // ---- the harness ----

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    if (args.length >= 1 && args[0].equals("generate")) {
      if (args.length != 4) {
        throw new IllegalArgumentException("Usage: LiveBenchmark generate STORE SYMBOLS DAYS");
      }
      GenerateReport r = SyntheticMarket.generate(SyntheticConfig.builder(Integer.parseInt(args[2]),
          Integer.parseInt(args[3]), Timeframe.M1, 1L).build(), BarStore.at(Path.of(args[1])), 2, System.err::println);
      System.out.printf(Locale.ROOT, "generated %,d 1m bars of %d symbols over %d days%n", r.barsWritten(),
          r.symbols().size(), r.days());
      return;
    }
    if (args.length < 1) {
      throw new IllegalArgumentException("Usage: LiveBenchmark STORE [--speed S] [--out-of-orderness-ms MS] "
          + "[--watermark-interval-ms MS] [--parallelism P]; or LiveBenchmark generate STORE SYMBOLS DAYS");
    }
    Path store = Path.of(args[0]);
    Map<String, String> opt = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      opt.put(args[i], args[i + 1]);
    }
    double speed = Double.parseDouble(opt.getOrDefault("--speed", "0"));
    long outOfOrderness = Long.parseLong(opt.getOrDefault("--out-of-orderness-ms", "2000"));
    long wmInterval = Long.parseLong(opt.getOrDefault("--watermark-interval-ms", "200"));
    int parallelism = Integer.parseInt(opt.getOrDefault("--parallelism", "2"));
    run(store, speed, outOfOrderness, wmInterval, parallelism);
  }

  private static void run(Path store, double speed, long outOfOrdernessMs, long wmIntervalMs, int parallelism)
      throws Exception {
    long t0 = System.nanoTime();
    StoreTape tape = StoreTape.of(store, speed);
    long totalBars = tape.events().stream().filter(e -> e instanceof TapeEvent.BarEvent).count();
    List<String> symbols = List.copyOf(tape.symbols());
    System.err.printf(Locale.ROOT, "tape: %,d bars of %d symbols read in %.1f s; speed %s%n", totalBars,
        symbols.size(), (System.nanoTime() - t0) / 1e9, speed <= 0 ? "0 (as fast as possible)" : speed + "x");
    tape.addListener(new StoreTape.InstantListener() {
      @Override
      public void onEvent(TapeEvent event) {}

      @Override
      public void onInstantEnd(long publishedAtMicros) {
        Probe.PUBLISHED.put(publishedAtMicros, System.nanoTime());
      }
    });

    SimulatorConfig sc = new SimulatorConfig(0, store, speed, KEY, SECRET, 100_000, 1);
    List<SimulatorService> services = AlpacaSimulators.standard(sc, tape, new Faults());
    AlpacaSimulator sim = new AlpacaSimulator(sc);
    services.forEach(sim::addService);
    sim.start();
    MarketDataService md = services.stream().filter(MarketDataService.class::isInstance)
        .map(MarketDataService.class::cast).findFirst().orElseThrow();
    Path chk = Files.createTempDirectory("live-bench-chk");
    try (sim; tape) {
      AlpacaConfig alpaca = AlpacaConfig.simulator(sim.baseUri(), KEY, SECRET);
      // LiveRunner.configuration: STREAMING, checkpoints every 10 s (the live default)
      Configuration flink = new Configuration();
      flink.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
      flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(10));
      flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, chk.toUri().toString());
      flink.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, Duration.ofMillis(wmIntervalMs));
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
      env.setParallelism(parallelism);

      BarTiming d = BarTiming.DEFAULT;
      BarTiming timing = new BarTiming(Duration.ofMillis(outOfOrdernessMs), d.idleness(), d.allowedLateness(),
          d.latenessByTimeframe(), d.extendedHours(), d.carryLastPrice());
      PipelineConfig pipeline = new PipelineConfig(PipelineConfig.DEFAULT.features(), PipelineConfig.DEFAULT.signal(),
          timing);
      List<Timeframe> tfs = pipeline.timeframes();
      Timeframe coarsest = tfs.get(tfs.size() - 1);
      define(env, alpaca, symbols, pipeline, coarsest);
      JobClient job = env.executeAsync("live-benchmark");

      await(() -> md.sessionCount() == 1, 60, "the source to connect to the simulator");
      Thread.sleep(1000); // let the subscription land (the tape would publish to nobody before it)
      System.err.printf(Locale.ROOT, "job running, source connected after %.1f s; starting the tape%n",
          (System.nanoTime() - t0) / 1e9);
      long start = System.nanoTime();
      tape.start();

      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long from = -1;
      long to = -1;
      Map<Long, long[]> cpuFrom = null;
      Map<Long, long[]> cpuTo = null;
      Map<String, Long> procFrom = null;
      Map<String, Long> procTo = null;
      long lastPrint = start;
      long deadline = start + Duration.ofMinutes(20).toNanos();
      while (Probe.BARS.get() < totalBars && System.nanoTime() < deadline) {
        Thread.sleep(20);
        long n = Probe.BARS.get();
        long now = System.nanoTime();
        if (from < 0 && n >= FROM * totalBars) {
          from = now;
          cpuFrom = cpu(threads);
          procFrom = proc();
        }
        if (to < 0 && n >= TO * totalBars) {
          to = now;
          cpuTo = cpu(threads);
          procTo = proc();
        }
        if (now - lastPrint > 2_000_000_000L) {
          lastPrint = now;
          System.err.printf(Locale.ROOT, "  %5.1f s: source emitted %,d bars, simulator published %,d%n",
              (now - start) / 1e9, n, tape.eventsPublished());
        }
      }
      long end = System.nanoTime();
      Thread.sleep(1500); // the last outputs
      job.cancel().get();
      if (from < 0 || to < 0) {
        throw new IllegalStateException("The source emitted only " + Probe.BARS.get() + " of " + totalBars
            + " bars in 20 minutes; look at the log for a failed job or a refused connection");
      }

      double steadyS = (to - from) / 1e9;
      double rate = ((TO - FROM) * totalBars) / steadyS;
      System.out.println();
      System.out.printf(Locale.ROOT, "bars %,d, symbols %d, parallelism %d, outOfOrderness %d ms, watermark "
          + "interval %d ms, speed %s%n", totalBars, symbols.size(), parallelism, outOfOrdernessMs, wmIntervalMs,
          speed <= 0 ? "0" : String.valueOf(speed));
      System.out.printf(Locale.ROOT, "all bars emitted by the source in %.1f s; steady part (%.0f-%.0f %% of the "
          + "bars): %.1f s, %,.0f bars/s%n", (end - start) / 1e9, FROM * 100, TO * 100, steadyS, rate);
      report("signals (first versions), from the source's emission of the closing 1m bar",
          Probe.SIGNALS.between(from, to, 1));
      report("feature rows " + coarsest.label() + " (first versions), from the source's emission of the closing 1m bar",
          Probe.COARSE.between(from, to, 1));
      if (speed > 0) {
        report("signals, from the simulator handing the instant to its WebSocket writer",
            Probe.SIGNALS.between(from, to, 2));
        report("feature rows " + coarsest.label() + ", from the simulator handing the instant to its writer",
            Probe.COARSE.between(from, to, 2));
      }
      System.out.printf(Locale.ROOT, "outputs without a stamped closing bar (a window closed by a later bar): %,d; "
          + "rejected records: %,d%n", Probe.MISSES.get(), Probe.REJECTED.get());
      printCpu(cpuFrom, cpuTo, threads, steadyS);
      printProc(procFrom, procTo, steadyS);
    }
  }

  /** The live job's topology with {@code live.source: alpaca}, trading off, Kafka sinks replaced by probes. */
  static void define(StreamExecutionEnvironment env, AlpacaConfig alpaca, List<String> symbols,
      PipelineConfig pipeline, Timeframe coarsest) {
    DataStream<AlpacaRecord> records = env.fromSource(AlpacaMarketDataSource.builder().setConfig(alpaca)
            .setSymbols(symbols).setBars(true).build(), WatermarkStrategy.noWatermarks(), "alpaca-bars")
        .uid("alpaca-bars").setParallelism(1)
        .map(new StampBars(), TypeInformation.of(AlpacaRecord.class)).name("stamp").setParallelism(1);
    DataStream<Bar> rawBars = AlpacaRecords.bars(records);
    AlpacaRecords.deadLetters(records).map(x -> {
      Probe.REJECTED.incrementAndGet();
      return 0;
    }, Types.INT).sinkTo(new DiscardingSink<>());
    var timing = pipeline.timing();
    DataStream<Bar> bars = rawBars
        .assignTimestampsAndWatermarks(EventTime.bars(timing.outOfOrderness(), timing.idleness()))
        .name("bar-event-time");
    QuantPipeline.Features stage = QuantPipeline.features(bars, pipeline);
    QuantPipeline.Backtest book = QuantPipeline.backtest(stage, pipeline, SimulationConfig.defaults(symbols.size()));
    book.routed().keyBy(r -> "account", Types.STRING)
        .process(new PreTradeCheckFunction(PreTradeLimits.DEFAULT), TypeInformation.of(RoutedOrder.class))
        .name("pre-trade").setParallelism(1).setMaxParallelism(1)
        .sinkTo(new DiscardingSink<>()).setParallelism(1);
    stage.signals().map(new SignalLatency(), Types.INT).name("signal-latency").sinkTo(new DiscardingSink<>());
    stage.features().map(new RowLatency(coarsest), Types.INT).name("row-latency").sinkTo(new DiscardingSink<>());
    stage.rejected().map(x -> {
      Probe.REJECTED.incrementAndGet();
      return 0;
    }, Types.INT).sinkTo(new DiscardingSink<>());
  }

  private static void report(String what, long[] sorted) {
    if (sorted.length == 0) {
      System.out.println(what + ": no samples");
      return;
    }
    System.out.printf(Locale.ROOT, "%s: n=%,d  p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms%n", what,
        sorted.length, pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
  }

  private static double pct(long[] sorted, double p) {
    int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
    return sorted[i] / 1e6;
  }

  private static final Map<Long, String> THREAD_NAMES = new ConcurrentHashMap<>();

  /** Per-thread CPU time (ns), keyed by thread id; remembers the names, as threads end before the report. */
  private static Map<Long, long[]> cpu(ThreadMXBean mx) {
    Map<Long, long[]> out = new HashMap<>();
    for (long id : mx.getAllThreadIds()) {
      long c = mx.getThreadCpuTime(id);
      ThreadInfo info = mx.getThreadInfo(id);
      if (c >= 0) {
        out.put(id, new long[] {c});
        if (info != null) {
          THREAD_NAMES.put(id, info.getThreadName());
        }
      }
    }
    return out;
  }

  private static void printCpu(Map<Long, long[]> a, Map<Long, long[]> b, ThreadMXBean mx, double seconds) {
    List<long[]> rows = new ArrayList<>();
    long total = 0;
    for (Map.Entry<Long, long[]> e : b.entrySet()) {
      long before = a.containsKey(e.getKey()) ? a.get(e.getKey())[0] : 0;
      long d = e.getValue()[0] - before;
      total += d;
      rows.add(new long[] {e.getKey(), d});
    }
    rows.sort((x, y) -> Long.compare(y[1], x[1]));
    System.out.printf(Locale.ROOT, "CPU of the Java threads in the steady part: %.1f core-seconds over %.1f s "
        + "(%.2f cores), top:%n", total / 1e9, seconds, total / 1e9 / seconds);
    for (int i = 0; i < Math.min(14, rows.size()); i++) {
      String name = THREAD_NAMES.getOrDefault(rows.get(i)[0], "thread " + rows.get(i)[0]);
      System.out.printf(Locale.ROOT, "  %6.2f cores  %s%n", rows.get(i)[1] / 1e9 / seconds, name);
    }
  }

  /**
   * CPU ticks (user + system, 1/100 s) of every native thread of this process from {@code /proc/self/task}, summed
   * by thread name with digits removed (so the GC and JIT threads appear as one row each); empty off Linux.
   */
  private static Map<String, Long> proc() {
    Map<String, Long> out = new HashMap<>();
    java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
    if (tasks == null) {
      return out;
    }
    for (java.io.File t : tasks) {
      try {
        String stat = Files.readString(t.toPath().resolve("stat"));
        String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
        out.merge(comm.replaceAll("[0-9]+", "#"), ticks, Long::sum);
      } catch (java.io.IOException | RuntimeException e) {
        // the thread ended meanwhile
      }
    }
    return out;
  }

  private static void printProc(Map<String, Long> a, Map<String, Long> b, double seconds) {
    if (b == null || b.isEmpty()) {
      return;
    }
    List<Map.Entry<String, Long>> rows = new ArrayList<>();
    long total = 0;
    for (Map.Entry<String, Long> e : b.entrySet()) {
      long d = e.getValue() - a.getOrDefault(e.getKey(), 0L);
      total += d;
      rows.add(Map.entry(e.getKey(), d));
    }
    rows.sort((x, y) -> Long.compare(y.getValue(), x.getValue()));
    System.out.printf(Locale.ROOT, "CPU of all native threads (/proc, JIT and GC included): %.2f cores; by name "
        + "(15 characters, digits as #):%n", total / 100.0 / seconds);
    for (int i = 0; i < Math.min(16, rows.size()); i++) {
      System.out.printf(Locale.ROOT, "  %6.2f cores  %s%n", rows.get(i).getValue() / 100.0 / seconds,
          rows.get(i).getKey());
    }
  }

  private static void await(java.util.function.BooleanSupplier done, int seconds, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Timed out after " + seconds + " s waiting for " + what
            + "; look at the log above for the cause");
      }
      Thread.sleep(20);
    }
  }
}
