package io.quantflow.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.connectors.alpaca.AlpacaConfig;
import io.quantflow.connectors.kafka.EmbeddedKafka;
import io.quantflow.connectors.kafka.JsonCodecs;
import io.quantflow.connectors.kafka.KafkaTopics;
import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Prediction;
import io.quantflow.jobs.backtest.BacktestJob;
import io.quantflow.jobs.backtest.Progress;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.jobs.config.LiveSettings;
import io.quantflow.jobs.config.ModelSettings;
import io.quantflow.jobs.config.TrainConfig;
import io.quantflow.jobs.ml.TrainJob;
import io.quantflow.models.ml.Hyperparameters;
import io.quantflow.models.ml.ModelArtifact;
import io.quantflow.models.ml.ModelRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model swap in a running live job: the job follows the raw bar topic and the model registry; the first session's
 * bars are scored by v1; then v2 is published to the registry while the job runs, and the second session's bars,
 * produced after it, are scored by v2. No restart, no row scored twice or lost: the predictions committed to
 * {@code quant.predictions} cover exactly the rows a backtest scores, each with the score its version gives in a
 * backtest pinned to that version.
 */
class LiveModelSwapITCase {
  @RegisterExtension static final EmbeddedKafka KAFKA = new EmbeddedKafka();
  private static final List<String> SYMBOLS = List.of("AAPL", "MSFT");
  private static final long FEB_12 = 1_549_929_600_000_000L; // 2019-02-12T00:00Z
  private static final long FEB_13 = 1_550_016_000_000_000L;

  @TempDir Path tmp;

  @Test
  void aVersionPublishedMidStreamScoresTheNextBarsWithoutRestartOrLoss() throws Exception {
    List<Bar> bars = TestTopics.sampleBars(SYMBOLS, FEB_13);
    BarStore store = BarStore.at(tmp.resolve("store"));
    store.write(bars);

    // v1 and v2 trained beforehand; the live registry holds v1 only when the job starts
    TrainConfig d = TrainConfig.defaults();
    TrainConfig v1Config = new TrainConfig(d.pipeline(), d.label(),
        d.model().withName("swap").withHyperparameters(Hyperparameters.none().withTrees(10)),
        new TrainConfig.Validation(null, 2, null, null));
    TrainConfig v2Config = new TrainConfig(d.pipeline(), d.label(),
        d.model().withName("swap").withSeed(99).withHyperparameters(Hyperparameters.none().withTrees(5)),
        new TrainConfig.Validation(null, 2, null, null));
    ModelRegistry live = new ModelRegistry(tmp.resolve("registry"));
    ModelRegistry staging = new ModelRegistry(tmp.resolve("staging"));
    TrainJob.run(v1Config, store, Files.createDirectories(tmp.resolve("t1")), live, Progress.NONE);
    TrainJob.run(v1Config, store, Files.createDirectories(tmp.resolve("t1s")), staging, Progress.NONE);
    TrainJob.run(v2Config, store, Files.createDirectories(tmp.resolve("t2")), staging, Progress.NONE);
    ModelArtifact v2 = staging.load("swap", 2);

    // what each version says of every row, from backtests pinned to it
    Map<String, Double> byV1 = scores(pinned(live.root(), 1, store, "bt1"));
    Map<String, Double> byV2 = scores(pinned(staging.root(), 2, store, "bt2"));
    assertThat(byV1.keySet()).isEqualTo(byV2.keySet());

    KafkaTopics topics = KAFKA.topics("swap.");
    topics.createTopics(Duration.ofSeconds(30));
    TestTopics.keepForever(topics);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(LiveRunner.configuration(
        new LiveSettings.Checkpoints(tmp.resolve("chk").toString(), Duration.ofMillis(200)), Optional.empty()));
    env.setParallelism(1);
    JobConfig config = config().withModel(new ModelSettings("swap", live.root(), null, true, Duration.ofMillis(100),
        null, null));
    LiveJob.define(env, config, AlpacaConfig.simulator(URI.create("http://localhost:1"), "k", "s"), topics, "swap",
        false, UnaryOperator.identity(), null);
    JobClient job = env.executeAsync("live-model-swap");
    try {
      TestTopics.produceBars(KAFKA, topics, bars.stream().filter(b -> b.timestampMicros() < FEB_12).toList());
      List<Prediction> first = awaitStable(topics, 1);
      assertThat(first).isNotEmpty().allSatisfy(p -> assertThat(p.modelVersion()).isEqualTo(1));

      ModelArtifact published = live.publish(v2.withVersion(0));
      assertThat(published.info().version()).isEqualTo(2);
      Thread.sleep(5_000); // 50 registry polls: the new version is in broadcast state well before the next bar
      TestTopics.produceBars(KAFKA, topics, bars.stream().filter(b -> b.timestampMicros() >= FEB_12).toList());
      List<Prediction> all = awaitStable(topics, first.size() + 1);

      Map<String, Integer> seen = new HashMap<>();
      for (Prediction p : all) {
        String key = p.symbol() + "@" + p.timestampMicros();
        assertThat(seen.put(key, p.modelVersion())).as("%s scored twice", key).isNull();
        Map<String, Double> expected = p.modelVersion() == 1 ? byV1 : byV2;
        assertThat(p.score()).as("%s by v%d", key, p.modelVersion()).isEqualTo(expected.get(key));
      }
      assertThat(seen.keySet()).as("every row scored once").isEqualTo(byV1.keySet());
      // every row of the second session, produced after the publish, is scored by v2; and per symbol the version
      // changes once, from v1 to v2
      assertThat(all).filteredOn(p -> p.timestampMicros() > FEB_12).isNotEmpty()
          .allSatisfy(p -> assertThat(p.modelVersion()).isEqualTo(2));
      for (String s : SYMBOLS) {
        long lastV1 = all.stream().filter(p -> p.symbol().equals(s) && p.modelVersion() == 1)
            .mapToLong(Prediction::timestampMicros).max().orElseThrow();
        long firstV2 = all.stream().filter(p -> p.symbol().equals(s) && p.modelVersion() == 2)
            .mapToLong(Prediction::timestampMicros).min().orElseThrow();
        assertThat(lastV1).isLessThan(firstV2);
      }
    } finally {
      job.cancel().get();
    }
  }

  private static BacktestJob.Result pinned(Path registry, int version, BarStore store, String out) throws Exception {
    JobConfig c = JobConfig.defaults().withModel(new ModelSettings("swap", registry, version, false, null, null,
        null));
    return BacktestJob.run(c, store, Files.createTempDirectory(out), Progress.NONE);
  }

  private static Map<String, Double> scores(BacktestJob.Result r) {
    Map<String, Double> m = new HashMap<>();
    r.predictions().forEach(p -> m.put(p.symbol() + "@" + p.timestampMicros(), p.score()));
    return m;
  }

  /** The committed predictions once at least {@code min} are in and none has arrived for 3 s. */
  private static List<Prediction> awaitStable(KafkaTopics topics, int min) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    int last = -1;
    long stableSince = System.nanoTime();
    while (true) {
      int n = KAFKA.readAll(topics.predictions(), "read_committed").size();
      if (n != last) {
        last = n;
        stableSince = System.nanoTime();
      } else if (n >= min && System.nanoTime() - stableSince > Duration.ofSeconds(3).toNanos()) {
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for the predictions to settle (" + n + " committed)");
      }
      Thread.sleep(200);
    }
    List<Prediction> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : KAFKA.readAll(topics.predictions(), "read_committed")) {
      out.add(JsonCodecs.predictions().decode(ConfigLoader.json().readTree(r.value())));
    }
    return out;
  }

  private static JobConfig config() {
    return TestTopics.paperConfig(SYMBOLS, Map.of(), Map.of());
  }
}
