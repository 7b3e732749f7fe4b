package io.quantflow.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.connectors.alpaca.AlpacaConfig;
import io.quantflow.connectors.kafka.DeadLetter;
import io.quantflow.connectors.kafka.EmbeddedKafka;
import io.quantflow.connectors.kafka.JsonCodecs;
import io.quantflow.connectors.kafka.KafkaTopics;
import io.quantflow.domain.Order;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.jobs.config.LiveSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
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
 * The live job hedges with {@code portfolio.hedge} as the backtest does (the same portfolio operator): over two real
 * sessions of AAPL and MSFT with SPY as the hedge (a real Kafka broker), the job sends SPY orders, they only ever
 * take the expected position short (the book is long-only), and SPY's own signals become dead letters of stage
 * {@code hedge} with the reason.
 */
class LiveHedgeITCase {
  @RegisterExtension static final EmbeddedKafka KAFKA = new EmbeddedKafka();
  private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "SPY");
  private static final long FEB_13 = 1_550_016_000_000_000L; // 2019-02-13T00:00Z: two sessions

  @TempDir Path tmp;

  @Test
  void theHedgeShortsTheIndexAndItsSignalsAreDeadLetters() throws Exception {
    KafkaTopics topics = TestTopics.withBars(KAFKA, "hedge.", TestTopics.sampleBars(SYMBOLS, FEB_13));

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(LiveRunner.configuration(
        new LiveSettings.Checkpoints(tmp.resolve("chk").toString(), Duration.ofMillis(200)), Optional.empty()));
    env.setParallelism(1);
    JobConfig config = TestTopics.paperConfig(SYMBOLS, Map.of("hedge", Map.of("instruments", List.of("SPY"),
        "minBars", 30)), Map.of("maxOrderAge", "0s"));
    LiveJob.define(env, config, AlpacaConfig.simulator(URI.create("http://localhost:1"), "k", "s"), topics, "hedge",
        true, UnaryOperator.identity(), null);
    env.execute("live-hedge");

    double spy = 0;
    int spyOrders = 0;
    for (ConsumerRecord<byte[], byte[]> r : KAFKA.readAll(topics.orders(), "read_committed")) {
      Order o = JsonCodecs.orders().decode(ConfigLoader.json().readTree(r.value()));
      if (o.symbol().equals("SPY")) {
        spy += o.quantity();
        spyOrders++;
        assertThat(spy).as("expected SPY position after order %s", o.clientOrderId()).isLessThanOrEqualTo(0);
      }
    }
    assertThat(spyOrders).isPositive();
    int refused = 0;
    for (ConsumerRecord<byte[], byte[]> r : KAFKA.readAll(topics.deadLetters(), "read_committed")) {
      DeadLetter d = JsonCodecs.deadLetters().decode(ConfigLoader.json().readTree(r.value()));
      if (d.topic().equals("pipeline:hedge")) {
        assertThat(d.reason()).startsWith("hedge: SPY is a hedge instrument (portfolio.hedge.instruments)");
        refused++;
      }
    }
    assertThat(refused).isPositive();
  }
}
