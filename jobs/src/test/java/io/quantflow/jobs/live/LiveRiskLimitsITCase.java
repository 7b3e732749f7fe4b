package io.quantflow.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.connectors.alpaca.AlpacaConfig;
import io.quantflow.connectors.kafka.DeadLetter;
import io.quantflow.connectors.kafka.EmbeddedKafka;
import io.quantflow.connectors.kafka.JsonCodecs;
import io.quantflow.connectors.kafka.KafkaTopics;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Order;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.jobs.config.LiveSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live job enforces {@code portfolio.limits} before an order leaves: with a 5 percent position limit every
 * order it sends keeps each symbol's expected position within 5 percent of equity, each cut is a dead letter with
 * the breached limit, and the same run without the limit sends positions ten times larger.
 */
class LiveRiskLimitsITCase {
  @RegisterExtension static final EmbeddedKafka KAFKA = new EmbeddedKafka();
  private static final List<String> SYMBOLS = List.of("AAPL", "MSFT");
  private static final long FEB_13 = 1_550_016_000_000_000L; // 2019-02-13T00:00Z: two sessions

  @TempDir Path tmp;

  @Test
  void everyOrderKeepsThePositionLimitAndEachCutIsReported() throws Exception {
    List<Bar> bars = TestTopics.sampleBars(SYMBOLS, FEB_13);
    Map<String, Double> maxClose = new HashMap<>();
    bars.forEach(b -> maxClose.merge(b.symbol(), b.close(), Math::max));

    // both inputs written before either job runs, as LiveDeadLetterITCase does
    KafkaTopics limitedTopics = TestTopics.withBars(KAFKA, "limited.", bars);
    KafkaTopics freeTopics = TestTopics.withBars(KAFKA, "free.", bars);
    Map<String, Double> limited = run(limitedTopics, "limited", 0.05);
    Map<String, Double> free = run(freeTopics, "free", null);

    assertThat(limited).as("limited run: %s; free run: %s", limited, free).containsKeys("AAPL.max", "MSFT.max");
    assertThat(free).as("free run: %s", free).containsKeys("AAPL.max", "MSFT.max");
    for (String s : SYMBOLS) {
      // equity stays near 100,000: 5% of it, with room for the day's P&L, at the day's highest close
      assertThat(limited.get(s + ".max") * maxClose.get(s)).as(s).isLessThanOrEqualTo(0.05 * 101_000);
      assertThat(free.get(s + ".max") * maxClose.get(s)).as(s).isGreaterThan(0.4 * 100_000);
    }
    assertThat(limited.get("cuts")).isPositive();
    assertThat(free.get("cuts")).isZero();
  }

  /** Runs the live job over the bars; returns per symbol the largest expected |position| and the count of cuts. */
  private Map<String, Double> run(KafkaTopics topics, String name, Double maxPositionWeight) throws Exception {    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(LiveRunner.configuration(
        new LiveSettings.Checkpoints(tmp.resolve(name + "-chk").toString(), Duration.ofMillis(200)),
        Optional.empty()));
    env.setParallelism(1);
    LiveJob.define(env, config(maxPositionWeight), AlpacaConfig.simulator(URI.create("http://localhost:1"), "k", "s"),
        topics, name, true, UnaryOperator.identity(), null);
    env.execute("live-limits-" + name);

    Map<String, Double> out = new HashMap<>();
    Map<String, Double> position = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : KAFKA.readAll(topics.orders(), "read_committed")) {
      Order o = JsonCodecs.orders().decode(ConfigLoader.json().readTree(r.value()));
      double p = position.merge(o.symbol(), o.quantity(), Double::sum);
      out.merge(o.symbol() + ".max", Math.abs(p), Math::max);
    }
    int cuts = 0;
    for (ConsumerRecord<byte[], byte[]> r : KAFKA.readAll(topics.deadLetters(), "read_committed")) {
      DeadLetter d = JsonCodecs.deadLetters().decode(ConfigLoader.json().readTree(r.value()));
      if (d.topic().equals("pipeline:risk-limits")) {
        assertThat(d.reason()).startsWith("risk-limits: resized: target").contains("maxPositionWeight");
        cuts++;
      }
    }
    out.put("cuts", (double) cuts);
    return out;
  }

  private static JobConfig config(Double maxPositionWeight) {
    return TestTopics.paperConfig(SYMBOLS, maxPositionWeight == null ? Map.of()
        : Map.of("limits", Map.of("maxPositionWeight", maxPositionWeight)), Map.of("maxOrderAge", "0s"));
  }
}
