package io.quantflow.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantflow.connectors.alpaca.AlpacaConfig;
import io.quantflow.connectors.kafka.DeadLetter;
import io.quantflow.connectors.kafka.EmbeddedKafka;
import io.quantflow.connectors.kafka.JsonCodecs;
import io.quantflow.connectors.kafka.KafkaTopics;
import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.testing.SampleBars;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.jobs.config.LiveSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live job's dead letters, end to end on a real in-JVM broker: a real bar sequence (two symbols of the bundled
 * sample) in the raw bar topic, interleaved with malformed JSON, a bar missing a field, a negative and a NaN price,
 * an exact duplicate, a conflicting duplicate and a bar far out of order. Each bad message lands in the dead-letter
 * topic exactly once with the reason the code gives, the job finishes, and its features and signals equal those of
 * the same job fed only the good bars.
 *
 * <p>The topics have one partition and the job runs at parallelism 1, so the job sees the messages in the order
 * they were produced and the watermark moves with them: what is a duplicate and what is late is then decided by
 * that order alone. Trading is off (no simulator; the Alpaca address is a dummy that is never called).
 */
class LiveDeadLetterITCase {
  @RegisterExtension static final EmbeddedKafka KAFKA = new EmbeddedKafka();
  private static final List<String> SYMBOLS = List.of("AAPL", "MSFT");

  @TempDir Path tmp;

  /** What a dead letter says, without its wall-clock receive time (checked separately). */
  private record Letter(String topic, int partition, long offset, String key, String payload, String reason) {
    static Letter of(DeadLetter d) {
      return new Letter(d.topic(), d.partition(), d.offset(), d.key(), d.payload(), d.reason());
    }
  }

  @Test
  void everyBadMessageIsOneDeadLetterWithItsReasonAndTheFeaturesEqualThoseOfTheGoodBars() throws Exception {
    List<Bar> good = BarStore.at(SampleBars.repoRoot().resolve("data/sample/store")).read(Timeframe.M1).stream()
        .filter(b -> SYMBOLS.contains(b.symbol()))
        .sorted(Comparator.comparingLong(Bar::timestampMicros).thenComparing(Bar::symbol)).toList();
    assertThat(good).hasSizeGreaterThan(400);

    KafkaTopics dirty = new KafkaTopics(KAFKA.bootstrapServers(), "dlq.", 1, (short) 1);
    KafkaTopics clean = new KafkaTopics(KAFKA.bootstrapServers(), "dlq-clean.", 1, (short) 1);
    dirty.createTopics(Duration.ofSeconds(30));
    clean.createTopics(Duration.ofSeconds(30));
    TestTopics.keepForever(dirty);
    TestTopics.keepForever(clean);

    // the bad messages, each inserted right after the good bar at its index
    Bar missing = good.get(20);
    ObjectNode missingClose = JsonCodecs.bars().encode(missing);
    missingClose.remove("close");
    Bar negative = good.get(30);
    ObjectNode negativeLow = JsonCodecs.bars().encode(negative);
    negativeLow.put("low", -1.0);
    Bar nan = good.get(40);
    String nanClose = JsonCodecs.bars().encode(nan).toString()
        .replace("\"close\":" + nan.close(), "\"close\":NaN");
    assertThat(nanClose).contains("\"close\":NaN");
    Bar duplicated = good.get(50);
    int c = 60;
    while (good.get(c).open() == good.get(c).close()) {
      c++;
    }
    Bar original = good.get(c);
    Bar conflicting = new Bar(original.symbol(), original.timeframe(), original.timestampMicros(), original.open(),
        original.high(), original.low(), original.open(), original.volume(), original.tradeCount(), original.vwap());
    Bar early = good.get(10);
    Bar late = new Bar(early.symbol(), early.timeframe(), early.timestampMicros(), early.open(), early.high(),
        early.low(), early.close(), early.volume() + 100, early.tradeCount(), early.vwap());
    int lateAfter = 300; // 150 minutes later: the early bar's minute was processed long ago
    assertThat(good.get(lateAfter).timestampMicros() - early.timestampMicros())
        .isGreaterThan(Duration.ofMinutes(60).toNanos() / 1000);
    Map<Integer, List<Map.Entry<String, String>>> bad = Map.of(
        5, List.of(Map.entry("AAPL", "this is not json")),
        20, List.of(Map.entry(missing.symbol(), missingClose.toString())),
        30, List.of(Map.entry(negative.symbol(), negativeLow.toString())),
        40, List.of(Map.entry(nan.symbol(), nanClose)),
        50, List.of(Map.entry(duplicated.symbol(), JsonCodecs.bars().encode(duplicated).toString())),
        c, List.of(Map.entry(conflicting.symbol(), JsonCodecs.bars().encode(conflicting).toString())),
        lateAfter, List.of(Map.entry(late.symbol(), JsonCodecs.bars().encode(late).toString())));

    List<ProducerRecord<byte[], byte[]>> dirtyRecords = new ArrayList<>();
    List<ProducerRecord<byte[], byte[]>> cleanRecords = new ArrayList<>();
    Map<String, Long> offsets = new java.util.HashMap<>(); // payload of a bad message -> its offset
    for (int i = 0; i < good.size(); i++) {
      Bar b = good.get(i);
      byte[] value = JsonCodecs.bars().encode(b).toString().getBytes(StandardCharsets.UTF_8);
      dirtyRecords.add(record(dirty.rawBars(), b.symbol(), value));
      cleanRecords.add(record(clean.rawBars(), b.symbol(), value));
      for (Map.Entry<String, String> m : bad.getOrDefault(i, List.of())) {
        offsets.put(m.getValue(), (long) dirtyRecords.size());
        dirtyRecords.add(record(dirty.rawBars(), m.getKey(), m.getValue().getBytes(StandardCharsets.UTF_8)));
      }
    }
    KAFKA.produceRecords(dirtyRecords);
    KAFKA.produceRecords(cleanRecords);

    long before = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    run(dirty, "dirty");
    run(clean, "clean");
    long after = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());

    String raw = dirty.rawBars();
    String tf = Timeframe.M1.toString();
    List<Letter> expected = List.of(
        decodeLetter(raw, offsets, "AAPL", "this is not json", "bar: malformed JSON: Unrecognized token 'this': "
            + "was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"),
        decodeLetter(raw, offsets, missing.symbol(), missingClose.toString(), "bar: missing field 'close'"),
        decodeLetter(raw, offsets, negative.symbol(), negativeLow.toString(),
            "bar: field 'low' must be a positive price but was -1.0"),
        decodeLetter(raw, offsets, nan.symbol(), nanClose, "bar: malformed JSON: Non-standard token 'NaN': enable "
            + "`JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow"),
        new Letter("pipeline:validate-bars", -1, -1, duplicated.symbol(), duplicated.toString(),
            "validate-bars: duplicate: an identical " + tf + " bar was already received; dropped the copy"),
        new Letter("pipeline:validate-bars", -1, -1, conflicting.symbol(), conflicting.toString(),
            "validate-bars: conflicting duplicate: a different " + tf + " bar with the same timestamp was received "
                + "first and is kept (" + String.format(Locale.ROOT, "o=%s h=%s l=%s c=%s v=%s", original.open(),
                original.high(), original.low(), original.close(), original.volume()) + ")"),
        new Letter("pipeline:validate-bars", -1, -1, late.symbol(), late.toString(),
            "validate-bars: late: a " + tf + " bar at or before one already processed for this symbol; raise the "
                + "allowed out-of-orderness of the source"));

    List<DeadLetter> letters = deadLetters(dirty);
    assertThat(letters.stream().map(Letter::of).toList()).containsExactlyInAnyOrderElementsOf(expected);
    // decode failures carry the wall-clock time they were seen, pipeline refusals the bar's start
    assertThat(letters).filteredOn(d -> d.topic().equals(raw)).hasSize(4)
        .allSatisfy(d -> assertThat(d.receivedAtMicros()).isBetween(before, after));
    assertThat(letters).filteredOn(d -> d.payload().equals(duplicated.toString())).singleElement()
        .satisfies(d -> assertThat(d.receivedAtMicros()).isEqualTo(duplicated.timestampMicros()));
    assertThat(letters).filteredOn(d -> d.payload().equals(late.toString())).singleElement()
        .satisfies(d -> assertThat(d.receivedAtMicros()).isEqualTo(early.timestampMicros()));

    // the bad messages changed nothing: the same features and signals as the good bars alone
    assertThat(deadLetters(clean)).isEmpty();
    List<String> cleanFeatures = values(clean.features());
    assertThat(cleanFeatures).hasSizeGreaterThan(good.size());
    assertThat(values(dirty.features())).containsExactlyInAnyOrderElementsOf(cleanFeatures);
    assertThat(values(dirty.signals())).containsExactlyInAnyOrderElementsOf(values(clean.signals()));
  }

  private static Letter decodeLetter(String topic, Map<String, Long> offsets, String key, String payload,
      String reason) {
    return new Letter(topic, 0, offsets.get(payload), key, payload, reason);
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
    return new ProducerRecord<>(topic, 0, key.getBytes(StandardCharsets.UTF_8), value);
  }

  /** Runs the live job over the whole raw bar topic of {@code topics}, trading off, at parallelism 1. */
  private void run(KafkaTopics topics, String strategy) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(LiveRunner.configuration(
        new LiveSettings.Checkpoints(tmp.resolve(strategy + "-chk").toString(), Duration.ofMillis(200)),
        Optional.empty()));
    env.setParallelism(1);
    LiveJob.define(env, config(), AlpacaConfig.simulator(URI.create("http://localhost:1"), "k", "s"), topics,
        strategy, true, UnaryOperator.identity(), null);
    env.execute("live-dead-letters-" + strategy);
  }

  private static JobConfig config() {
    return TestTopics.paperConfig(SYMBOLS, Map.of(), Map.of());
  }

  private static List<DeadLetter> deadLetters(KafkaTopics t) throws Exception {
    List<DeadLetter> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : KAFKA.readAll(t.deadLetters(), "read_committed")) {
      DeadLetter d = JsonCodecs.deadLetters().decode(ConfigLoader.json().readTree(r.value()));
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(d.key());
      out.add(d);
    }
    return out;
  }

  private static List<String> values(String topic) throws Exception {
    List<String> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : KAFKA.readAll(topic, "read_committed")) {
      out.add(ConfigLoader.json().readTree(r.value()).toString());
    }
    return out;
  }
}
