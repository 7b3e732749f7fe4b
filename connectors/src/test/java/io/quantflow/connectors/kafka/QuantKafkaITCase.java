package io.quantflow.connectors.kafka;

import static io.quantflow.connectors.kafka.KafkaSamples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Direction;
import io.quantflow.domain.Signal;
import io.quantflow.domain.Timeframe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Flink jobs against a real broker: a bounded source that splits good bars from dead letters, and an exactly-once
 * sink whose records a read_committed consumer sees only after the checkpoint, each exactly once, also when the job
 * fails and recovers between checkpoints.
 */
class QuantKafkaITCase {
  @RegisterExtension static final EmbeddedKafka KAFKA = new EmbeddedKafka();

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  @Test
  void badRecordsBecomeDeadLettersAndGoodOnesPass() throws Exception {
    KafkaTopics topics = KAFKA.topics("dl.");
    topics.createTopics(Duration.ofSeconds(30));
    Bar first = KafkaSamples.bar();
    Bar second = new Bar("AAPL", Timeframe.M1, T0 + 60_000_000L, 187.25, 187.3, 187.1, 187.2, 9_000, 97, 187.2);
    Bar msft = KafkaSamples.barWithoutVwap();
    String malformed = "{\"schemaVersion\":1,\"symbol\":\"AAPL\"";
    ObjectNode missingClose = JsonCodecs.bars().encode(first);
    missingClose.remove("close");
    ObjectNode negativeLow = JsonCodecs.bars().encode(msft);
    negativeLow.put("low", -370.0);
    KAFKA.produce(topics.rawBars(), List.of(entry("AAPL", json(first)), entry("AAPL", malformed),
        entry("AAPL", missingClose.toString()), entry("MSFT", negativeLow.toString()), entry("MSFT", json(msft)),
        entry("AAPL", json(second))));

    StreamExecutionEnvironment env = environment();
    env.setParallelism(2);
    DataStream<Decoded<Bar>> decoded = env.fromSource(
        QuantKafka.source(topics, topics.rawBars(), JsonCodecs.bars()).groupId("dl-test").bounded().build(),
        WatermarkStrategy.noWatermarks(), "bars");
    DeadLetterSplitter.Streams<Bar> split = DeadLetterSplitter.split(decoded);
    CloseableIterator<Bar> values = split.values().collectAsync();
    CloseableIterator<DeadLetter> letters = split.deadLetters().collectAsync();
    env.execute("dead letters");

    List<Bar> good = drain(values);
    assertThat(good).containsExactlyInAnyOrder(first, second, msft);
    assertThat(good.stream().filter(b -> b.symbol().equals("AAPL")).toList()).containsExactly(first, second);

    List<DeadLetter> dead = drain(letters);
    assertThat(dead).extracting(DeadLetter::key).containsExactlyInAnyOrder("AAPL", "AAPL", "MSFT");
    DeadLetter bad = only(dead, malformed);
    assertThat(bad.reason()).startsWith("bar: malformed JSON: Unexpected end-of-input");
    assertThat(only(dead, missingClose.toString()).reason()).isEqualTo("bar: missing field 'close'");
    assertThat(only(dead, negativeLow.toString()).reason())
        .isEqualTo("bar: field 'low' must be a positive price but was -370.0");
    // each dead letter names where its record is
    Map<String, ConsumerRecord<byte[], byte[]>> raw = new java.util.HashMap<>();
    KAFKA.readAll(topics.rawBars(), "read_committed")
        .forEach(r -> raw.put(new String(r.value(), StandardCharsets.UTF_8), r));
    assertThat(dead).allSatisfy(d -> {
      assertThat(d.topic()).isEqualTo("dl.raw.bars");
      assertThat(d.partition()).isEqualTo(raw.get(d.payload()).partition());
      assertThat(d.offset()).isEqualTo(raw.get(d.payload()).offset());
      assertThat(d.receivedAtMicros()).isGreaterThan(T0);
    });
  }

  @Test
  void exactlyOnceSinkCommitsOnCheckpointAndWritesEachRecordOnce(@InjectClusterClient ClusterClient<?> client)
      throws Exception {
    KafkaTopics topics = KAFKA.topics("eo.");
    topics.createTopics(Duration.ofSeconds(30));
    List<Signal> signals = IntStream.range(0, 20).mapToObj(QuantKafkaITCase::signal).toList();

    StreamExecutionEnvironment env = environment();
    env.setParallelism(1);
    // No periodic checkpoint during the test (the first one comes after the minimum pause): the test triggers the
    // checkpoint that commits, and CheckpointGate holds it until the uncommitted state has been checked.
    env.enableCheckpointing(Duration.ofMinutes(5).toMillis());
    env.getCheckpointConfig().setMinPauseBetweenCheckpoints(Duration.ofMinutes(4).toMillis());
    QuantKafka.SinkBuilder<Signal> sink = QuantKafka.sink(topics, topics.signals(), JsonCodecs.signals())
        .transactionalIdPrefix("eo-test-signals");
    QuantKafka.checkCheckpointing(env, sink.transactionTimeout());
    env.fromData(signals, JsonCodecs.signals().type()).map(new CheckpointGate()).returns(JsonCodecs.signals().type())
        .sinkTo(sink.build()).name("signals");
    JobClient job = env.executeAsync("exactly once");

    // The bounded input ends and the writer flushes into its open transaction: the records are in the log
    // (read_uncommitted) ...
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (KAFKA.endOffsetSum(topics.signals(), "read_uncommitted") < signals.size()) {
      assertThat(System.nanoTime()).as("records written before the deadline").isLessThan(deadline);
      Thread.sleep(50);
    }
    JobID jobId = job.getJobID();
    client.triggerCheckpoint(jobId, CheckpointType.FULL); // Flink may start the final checkpoint itself: either is fine
    assertThat(CheckpointGate.REACHED.await(60, TimeUnit.SECONDS)).as("a checkpoint reached the gate").isTrue();
    // ... but while the checkpoint is not complete nothing is committed: the last stable offset stays 0.
    assertThat(CheckpointGate.seenAtSnapshot).isEqualTo(signals.size());
    assertThat(KAFKA.readAll(topics.signals(), "read_uncommitted")).hasSize(signals.size());
    assertThat(KAFKA.endOffsetSum(topics.signals(), "read_committed")).isZero();
    assertThat(KAFKA.readAll(topics.signals(), "read_committed")).isEmpty();

    CheckpointGate.RELEASE.countDown();
    job.getJobExecutionResult().get(60, TimeUnit.SECONDS);

    List<ConsumerRecord<byte[], byte[]>> committed = KAFKA.readAll(topics.signals(), "read_committed");
    QuantDeserializer<Signal> deserializer = new QuantDeserializer<>(JsonCodecs.signals());
    List<Signal> read = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : committed) {
      read.add(deserializer.decode(r).value());
    }
    assertThat(read).containsExactlyInAnyOrderElementsOf(signals); // each once: same size, same elements
    for (String symbol : List.of("AAPL", "MSFT")) {
      assertThat(read.stream().filter(s -> s.symbol().equals(symbol)).toList())
          .containsExactlyElementsOf(signals.stream().filter(s -> s.symbol().equals(symbol)).toList());
    }
  }

  @Test
  void exactlyOnceSinkWritesEachRecordOnceAcrossAFailure() throws Exception {
    KafkaTopics topics = KAFKA.topics("fo.");
    topics.createTopics(Duration.ofSeconds(30));
    List<Signal> signals = IntStream.range(0, 20).mapToObj(QuantKafkaITCase::signal).toList();

    Configuration conf = new Configuration();
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(10));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(1);
    env.enableCheckpointing(100);
    // 5 signals per checkpoint: a few transactions are committed, then the job fails with signals in an open
    // transaction and restarts from the last checkpoint, writing those signals again
    DataGeneratorSource<Signal> source = new DataGeneratorSource<>(i -> signal(i.intValue()), signals.size(),
        RateLimiterStrategy.perCheckpoint(5), JsonCodecs.signals().type());
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "signals")
        .map(new FailOnce(12, topics.signals())).returns(JsonCodecs.signals().type())
        .sinkTo(QuantKafka.sink(topics, topics.signals(), JsonCodecs.signals())
            .transactionalIdPrefix("fo-test-signals").build());
    env.execute("exactly once across a failure");

    assertThat(FailOnce.FAILED.get()).as("the job failed once and recovered").isTrue();
    // the aborted attempt's signals are in the log too, visible only without isolation
    assertThat(KAFKA.readAll(topics.signals(), "read_uncommitted")).hasSizeGreaterThan(signals.size());
    QuantDeserializer<Signal> deserializer = new QuantDeserializer<>(JsonCodecs.signals());
    List<Signal> read = KAFKA.readAll(topics.signals(), "read_committed").stream()
        .map(r -> deserializer.decode(r).value()).toList();
    assertThat(read).hasSize(signals.size()).containsExactlyInAnyOrderElementsOf(signals);
    for (String symbol : List.of("AAPL", "MSFT")) {
      assertThat(read.stream().filter(s -> s.symbol().equals(symbol)).toList())
          .containsExactlyElementsOf(signals.stream().filter(s -> s.symbol().equals(symbol)).toList());
    }
  }

  private static Signal signal(int i) {
    return new Signal(i % 2 == 0 ? "AAPL" : "MSFT", T0 + i * 60_000_000L,
        i % 3 == 0 ? Direction.SHORT : Direction.LONG, 0.5, 900_000_000L, "test " + i);
  }

  /**
   * Throws once, on the first signal from index {@code failAt} on (its minute after T0) at which the signals before
   * it are in the topic's log and some of them are not committed yet: only the sink's transactions then keep those
   * from being read twice after the restart.
   */
  static final class FailOnce implements MapFunction<Signal, Signal> {
    private static final long serialVersionUID = 1L;
    static final AtomicBoolean FAILED = new AtomicBoolean();
    private final int failAt;
    private final String topic;

    FailOnce(int failAt, String topic) {
      this.failAt = failAt;
      this.topic = topic;
    }

    @Override
    public Signal map(Signal s) throws InterruptedException {
      long index = (s.timestampMicros() - T0) / 60_000_000L;
      if (index >= failAt && !FAILED.get()) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int written;
        while ((written = KAFKA.readAll(topic, "read_uncommitted").size()) < index && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        if (written > KAFKA.readAll(topic, "read_committed").size()) {
          FAILED.set(true);
          throw new IllegalStateException("injected failure at signal " + index);
        }
      }
      return s;
    }
  }

  /** Passes records through and holds the first checkpoint in its snapshot until the test releases it. */
  static final class CheckpointGate implements MapFunction<Signal, Signal>, CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    static final CountDownLatch REACHED = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);
    static volatile int seenAtSnapshot = -1;
    private int seen;

    @Override
    public Signal map(Signal s) {
      seen++;
      return s;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws InterruptedException {
      if (REACHED.getCount() > 0) {
        seenAtSnapshot = seen;
        REACHED.countDown();
        RELEASE.await(60, TimeUnit.SECONDS);
      }
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {}
  }

  private static StreamExecutionEnvironment environment() {
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.GENERIC_TYPES, false); // fail loudly instead of falling back to Kryo
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    return StreamExecutionEnvironment.getExecutionEnvironment(conf);
  }

  private static DeadLetter only(List<DeadLetter> dead, String payload) {
    List<DeadLetter> matching = dead.stream().filter(d -> d.payload().equals(payload)).toList();
    assertThat(matching).as("dead letters of %s", payload).hasSize(1);
    return matching.get(0);
  }

  private static <T> List<T> drain(CloseableIterator<T> it) throws Exception {
    List<T> out = new ArrayList<>();
    try (it) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  private static String json(Bar bar) {
    return JsonCodecs.bars().encode(bar).toString();
  }

  private static Map.Entry<String, String> entry(String key, String value) {
    return Map.entry(key, value);
  }
}
