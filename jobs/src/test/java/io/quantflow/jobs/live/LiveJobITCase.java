package io.quantflow.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.connectors.alpaca.AlpacaConfig;
import io.quantflow.connectors.alpaca.trading.AlpacaOrder;
import io.quantflow.connectors.alpaca.trading.AlpacaTradingClient;
import io.quantflow.connectors.kafka.EmbeddedKafka;
import io.quantflow.connectors.kafka.JsonCodecs;
import io.quantflow.connectors.kafka.KafkaTopics;
import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.FeatureBlock;
import io.quantflow.domain.FeatureRow;
import io.quantflow.domain.Timeframe;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.operators.pipeline.EventTime;
import io.quantflow.operators.pipeline.PipelineConfig;
import io.quantflow.operators.pipeline.QuantPipeline;
import io.quantflow.simulator.AlpacaSimulator;
import io.quantflow.simulator.AlpacaSimulators;
import io.quantflow.simulator.Faults;
import io.quantflow.simulator.SimulatorConfig;
import io.quantflow.simulator.SimulatorService;
import io.quantflow.simulator.StoreTape;
import io.quantflow.simulator.marketdata.MarketDataService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live path end to end, with real parts only: the Alpaca simulator replays two symbols of the bundled real
 * sample; the bridge job streams them into an in-JVM Kafka broker; the live job reads the raw bar topic, computes
 * features, signals and orders, writes them to Kafka and places the orders on the simulator's paper account.
 */
@TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class LiveJobITCase {
  @RegisterExtension static final EmbeddedKafka KAFKA = new EmbeddedKafka();
  private static final String KEY = "live-key";
  private static final String SECRET = "live-secret";
  private static final List<String> SYMBOLS = List.of("AAPL", "MSFT");

  @TempDir static Path tmp;
  private static Path store;
  private static KafkaTopics topics;
  private static int expectedBars;

  @BeforeAll
  static void bridgeTheSampleIntoKafka() throws Exception {
    // two symbols of the bundled sample, copied so the tape replays only them
    store = tmp.resolve("store");
    List<Bar> bars = BarStore.at(io.quantflow.domain.testing.SampleBars.repoRoot().resolve("data/sample/store")).read(Timeframe.M1).stream()
        .filter(b -> SYMBOLS.contains(b.symbol())).toList();
    BarStore.at(store).write(bars);
    expectedBars = bars.size();
    topics = KAFKA.topics("e2e.");
    topics.createTopics(Duration.ofSeconds(30));

    StoreTape tape = StoreTape.of(store, 0);
    SimulatorConfig sc = new SimulatorConfig(0, store, 0, KEY, SECRET, 100_000, 1);
    List<SimulatorService> services = AlpacaSimulators.standard(sc, tape, new Faults());
    AlpacaSimulator sim = new AlpacaSimulator(sc);
    services.forEach(sim::addService);
    sim.start();
    try (sim; tape) {
      AlpacaConfig alpaca = AlpacaConfig.simulator(sim.baseUri(), KEY, SECRET);
      StreamExecutionEnvironment env = LiveRunner.environment(
          new io.quantflow.jobs.config.LiveSettings.Checkpoints(tmp.resolve("bridge-chk").toString(),
              Duration.ofMillis(300)), Optional.empty(), 1);
      BridgeJob.define(env, alpaca, SYMBOLS, false, topics, "e2e");
      JobClient bridge = env.executeAsync("bridge");
      MarketDataService md = services.stream().filter(MarketDataService.class::isInstance)
          .map(MarketDataService.class::cast).findFirst().orElseThrow();
      await(() -> md.sessionCount() == 1, "the bridge to connect to the simulator");
      Thread.sleep(500); // let the subscription land; bars published before it are backfilled anyway
      tape.start();
      await(() -> KAFKA.readAll(topics.rawBars(), "read_committed").size() >= expectedBars,
          "the bridge to commit every bar to Kafka");
      bridge.cancel().get();
    }
  }

  private static void await(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  private static JobConfig config() {
    return ConfigLoader.fromTree(ConfigLoader.yaml().createObjectNode()
        .setAll((com.fasterxml.jackson.databind.node.ObjectNode) ConfigLoader.yaml().valueToTree(java.util.Map.of(
            "portfolio", java.util.Map.of("initialCash", 100_000),
            "live", java.util.Map.of("symbols", SYMBOLS,
                "risk", java.util.Map.of("maxOrderNotional", 200_000, "maxPositionNotional", 200_000,
                    "maxOrdersPerMinute", 0, "maxOrderAge", "0s"))))), "test", JobConfig.class);
  }

  @Test
  @Order(1)
  void theBridgeWroteEveryStoredBarExactlyOnce() throws Exception {
    List<String> keys = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : KAFKA.readAll(topics.rawBars(), "read_committed")) {
      Bar b = JsonCodecs.bars().decode(ConfigLoader.json().readTree(r.value()));
      assertThat(seen.add(b.symbol() + "@" + b.timestampMicros())).as("duplicate %s", b).isTrue();
      keys.add(new String(r.key(), StandardCharsets.UTF_8));
      assertThat(keys.get(keys.size() - 1)).isEqualTo(b.symbol());
    }
    assertThat(seen).hasSize(expectedBars);
  }

  @Test
  @Order(2)
  void liveFeaturesEqualABatchRunAndEveryOrderIsPlacedOnce() throws Exception {
    Run run = runLive(topics, "uninterrupted", false);
    // the same bars through the same pipeline as a bounded BATCH job
    assertThat(run.features).isNotEmpty().containsExactlyInAnyOrderElementsOf(batchFeatures());
    assertThat(run.orderIds).isNotEmpty();
    assertThat(new HashSet<>(run.orderIds)).hasSameSizeAs(run.orderIds); // the orders topic: each order once
    assertThat(run.placed).isNotEmpty().doesNotHaveDuplicates();
    // the Parquet outputs hold the same signals (committed part files only)
    try (var files = java.nio.file.Files.list(tmp.resolve("uninterrupted-out").resolve("signals"))) {
      List<Path> parts = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList();
      long rows = 0;
      for (Path f : parts) {
        rows += io.quantflow.connectors.parquet.ParquetFiles.rowCount(f);
      }
      assertThat(rows).isEqualTo(run.signals.size());
    }
    // every order the broker holds is one the job routed, under the strategy prefix
    assertThat(run.placed).allSatisfy(id -> assertThat(run.orderIds).contains(id.substring("uninterrupted-".length())));
    uninterrupted = run;
  }

  private static Run uninterrupted;

  @Test
  @Order(3)
  void aFailureMidStreamRestartsFromTheCheckpointWithIdenticalOutputsAndNoOrderTwice() throws Exception {
    assertThat(uninterrupted).as("runs after the uninterrupted test").isNotNull();
    KafkaTopics second = KAFKA.topics("e2e2.");
    second.createTopics(Duration.ofSeconds(30));
    List<ProducerRecord<byte[], byte[]>> copy = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : KAFKA.readAll(topics.rawBars(), "read_committed")) {
      copy.add(new ProducerRecord<>(second.rawBars(), r.partition(), r.key(), r.value()));
    }
    KAFKA.produceRecords(copy);
    FailOnce.failed.set(false);
    Run run = runLive(second, "restarted", true);
    assertThat(FailOnce.failed).as("the job failed once mid-stream").isTrue();
    assertThat(run.features).containsExactlyInAnyOrderElementsOf(uninterrupted.features);
    assertThat(run.signals).containsExactlyInAnyOrderElementsOf(uninterrupted.signals);
    assertThat(run.orderIds).containsExactlyInAnyOrderElementsOf(uninterrupted.orderIds);
    assertThat(run.placed).doesNotHaveDuplicates();
    assertThat(run.placed.stream().map(id -> id.substring("restarted-".length())).toList())
        .containsExactlyInAnyOrderElementsOf(uninterrupted.placed.stream()
            .map(id -> id.substring("uninterrupted-".length())).toList());
  }

  private record Run(List<String> features, List<String> signals, List<String> orderIds, List<String> placed) {}

  private Run runLive(KafkaTopics t, String strategy, boolean failOnce) throws Exception {
    JobConfig config = config();
    StoreTape tape = StoreTape.of(store, 0);
    SimulatorConfig sc = new SimulatorConfig(0, store, 0, KEY, SECRET, 100_000, 1);
    AlpacaSimulator sim = AlpacaSimulators.start(sc, tape, new Faults());
    try (sim; tape) {
      AlpacaConfig alpaca = AlpacaConfig.simulator(sim.baseUri(), KEY, SECRET);
      Configuration flink = LiveRunner.configuration(new io.quantflow.jobs.config.LiveSettings.Checkpoints(
          tmp.resolve(strategy + "-chk").toString(), Duration.ofMillis(200)), Optional.empty());
      flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
      flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
      flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
      env.setParallelism(2);
      LiveJob.define(env, config, alpaca, t, strategy, true,
          bars -> failOnce ? bars.map(new FailOnce(), TypeInformation.of(Bar.class)).name("fail-once") : bars,
          tmp.resolve(strategy + "-out"));
      env.execute("live-" + strategy);
      AlpacaTradingClient client = AlpacaTradingClient.create(alpaca);
      List<String> placed = client.orders(AlpacaTradingClient.OrderStatus.ALL, 500).stream()
          .map(AlpacaOrder::clientOrderId).toList();
      assertThat(placed).hasSizeLessThan(500); // one page holds them all
      return new Run(values(t.features()), values(t.signals()), orderIds(t), placed);
    }
  }

  private static List<String> values(String topic) {
    List<String> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : KAFKA.readAll(topic, "read_committed")) {
      try {
        out.add(ConfigLoader.json().readTree(r.value()).toString()); // compact, as JsonNode prints it
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return out;
  }

  private static List<String> orderIds(KafkaTopics t) throws Exception {
    List<String> ids = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : KAFKA.readAll(t.orders(), "read_committed")) {
      ids.add(JsonCodecs.orders().decode(ConfigLoader.json().readTree(r.value())).clientOrderId());
    }
    return ids;
  }

  /** The feature rows of a BATCH run over the same bars, encoded as the live job encodes them. */
  private static List<String> batchFeatures() throws Exception {
    PipelineConfig pipeline = config().pipeline();
    Configuration flink = new Configuration();
    flink.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
    env.setParallelism(2);
    var timing = pipeline.timing();
    DataStream<Bar> bars = env.fromData(BarStore.at(store).read(Timeframe.M1), TypeInformation.of(Bar.class))
        .assignTimestampsAndWatermarks(EventTime.bars(timing.outOfOrderness(), timing.idleness()));
    var codec = JsonCodecs.features(pipeline.schema());
    List<String> out = new ArrayList<>();
    try (var it = QuantPipeline.features(bars, pipeline).features()
        .flatMap((FeatureBlock b, org.apache.flink.util.Collector<FeatureRow> c) -> {
          for (int i = 0; i < b.size(); i++) {
            c.collect(b.row(i));
          }
        }, TypeInformation.of(FeatureRow.class)).executeAndCollect()) {
      while (it.hasNext()) {
        out.add(codec.encode(it.next()).toString());
      }
    }
    return out;
  }

  /** Fails the job once, at the 600th bar after a checkpoint has completed, so the restart has one to resume from. */
  static final class FailOnce extends RichMapFunction<Bar, Bar> implements CheckpointListener {
    static final AtomicBoolean failed = new AtomicBoolean();
    private static final AtomicInteger seen = new AtomicInteger();
    private transient boolean checkpointed;

    @Override
    public Bar map(Bar b) throws Exception {
      Thread.sleep(1); // keep the bounded input running across a few checkpoints
      if (checkpointed && !failed.get() && seen.incrementAndGet() > 600 && failed.compareAndSet(false, true)) {
        throw new IllegalStateException("injected failure mid-stream");
      }
      return b;
    }

    @Override
    public void notifyCheckpointComplete(long id) {
      checkpointed = true;
    }
  }
}
