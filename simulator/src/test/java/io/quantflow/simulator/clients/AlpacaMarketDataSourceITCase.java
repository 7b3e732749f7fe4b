package io.quantflow.simulator.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.connectors.alpaca.data.AlpacaTime;
import io.quantflow.connectors.alpaca.stream.AlpacaMarketDataSource;
import io.quantflow.connectors.alpaca.stream.AlpacaRecord;
import io.quantflow.connectors.alpaca.stream.AlpacaRecords;
import io.quantflow.domain.Bar;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Flink source on a MiniCluster against the simulator: the tape replays 40 minutes of two symbols, the stream
 * duplicates some frames and drops the connection mid-session, and the job still receives every stored bar exactly
 * once, in order per symbol (the bars missed before the subscription and during the reconnect come from backfill).
 */
class AlpacaMarketDataSourceITCase {
  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1)
          .build());

  static final List<Bar> AAPL = Sim.bars("AAPL", 40, 100);
  static final List<Bar> MSFT = Sim.bars("MSFT", 40, 200);

  @Test
  void everyStoredBarArrivesExactlyOnceAcrossADisconnect(@TempDir Path dir) throws Exception {
    List<Bar> stored = Stream.concat(AAPL.stream(), MSFT.stream()).toList();
    // 600 simulated seconds per second: a bar every 100 ms, 4 s for the whole tape
    try (Sim sim = Sim.start(Sim.writeStore(dir, stored, List.of(), List.of()), 600)) {
      Configuration conf = new Configuration();
      conf.set(PipelineOptions.GENERIC_TYPES, false); // the envelope must serialize without Kryo
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
      env.setParallelism(1);
      env.enableCheckpointing(500);
      AlpacaMarketDataSource source = AlpacaMarketDataSource.builder().setConfig(sim.config())
          .setSymbols("AAPL", "MSFT").setBackfillFrom(AlpacaTime.ofMicros(Sim.T0))
          // a reconnect takes 0.25-0.5 s: 2 to 5 bars of each symbol are published meanwhile
          .setReconnect(5, Duration.ofMillis(500), Duration.ofSeconds(1)).build();
      DataStream<AlpacaRecord> records = env.fromSource(source,
          WatermarkStrategy.<AlpacaRecord>forBoundedOutOfOrderness(Duration.ofSeconds(2))
              .withIdleness(Duration.ofMinutes(1)), "alpaca");
      List<Bar> received = new ArrayList<>();
      try (CloseableIterator<Bar> it = AlpacaRecords.bars(records).executeAndCollect("alpaca-source-itcase")) {
        awaitSession(sim);
        sim.faults.duplicate(3); // identical duplicates from the stream itself
        sim.tape.start();
        while (received.size() < 16) {
          received.add(it.next());
        }
        sim.faults.disconnect();
        while (received.size() < stored.size()) {
          received.add(it.next());
        }
      }
      assertThat(sim.tape.finished()).isTrue();
      assertThat(received).hasSize(stored.size());
      assertThat(received.stream().sorted(Comparator.comparing(Bar::symbol).thenComparingLong(Bar::timestampMicros))
          .toList()).containsExactlyElementsOf(stored);
      assertThat(received.stream().filter(b -> b.symbol().equals("AAPL")).toList()).containsExactlyElementsOf(AAPL);
      assertThat(received.stream().filter(b -> b.symbol().equals("MSFT")).toList()).containsExactlyElementsOf(MSFT);
    }
  }

  /** Waits (up to 60 s, polling) until the source's WebSocket session is open. */
  private static void awaitSession(Sim sim) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (sim.marketData.sessionCount() == 0) {
      assertThat(System.nanoTime()).as("the source connects within 60 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
