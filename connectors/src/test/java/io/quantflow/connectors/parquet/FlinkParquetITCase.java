package io.quantflow.connectors.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.connectors.replay.ReplaySource;
import io.quantflow.connectors.store.BarStore;
import io.quantflow.connectors.store.BarStoreSource;
import io.quantflow.connectors.store.TickStore;
import io.quantflow.connectors.store.TickStoreTest;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.testing.SampleBars;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The store's Flink source, sink and replay on a shared MiniCluster, checked against plain Java and DuckDB. */
class FlinkParquetITCase {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  @TempDir static Path dir;
  private static BarStore store;
  private static List<Bar> bars;

  @BeforeAll
  static void writeStore() {
    store = BarStore.at(dir.resolve("store"));
    bars = SampleBars.all().stream().filter(b -> List.of("AAPL", "JPM", "SPY").contains(b.symbol())).toList();
    store.write(bars);
  }

  private static StreamExecutionEnvironment env(RuntimeExecutionMode mode, int parallelism) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setRuntimeMode(mode);
    env.setParallelism(parallelism);
    return env;
  }

  private static <T> List<T> collect(DataStream<T> stream) throws Exception {
    List<T> out = new ArrayList<>();
    try (CloseableIterator<T> it = stream.executeAndCollect()) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  @Test
  void theBoundedFileSourceReadsEveryStoredBar() throws Exception {
    StreamExecutionEnvironment env = env(RuntimeExecutionMode.BATCH, 2);
    List<Bar> read = collect(env.fromSource(BarStoreSource.bounded(store, Timeframe.M1),
        WatermarkStrategy.noWatermarks(), "store"));
    read.sort(Comparator.comparing(Bar::symbol).thenComparingLong(Bar::timestampMicros));
    assertThat(read).isEqualTo(bars);
  }

  /**
   * The block source reads its symbols period by period: every symbol's January before any February, a progress
   * marker per symbol after each month (at the first instant of the next month, UTC), and a symbol's end marker right
   * after its last file, also for a symbol with a month missing and one that stops trading.
   */
  @Test
  void theBlockSourceReadsPeriodByPeriodWithProgressMarkers(@TempDir Path tmp) throws Exception {
    long jan = java.time.Instant.parse("2024-01-10T15:00:00Z").toEpochMilli() * 1000;
    long feb = java.time.Instant.parse("2024-02-12T15:00:00Z").toEpochMilli() * 1000;
    long mar = java.time.Instant.parse("2024-03-11T15:00:00Z").toEpochMilli() * 1000;
    List<Bar> written = new ArrayList<>();
    for (String sym : List.of("A", "B", "C")) {
      for (long t : List.of(jan, feb, mar)) {
        boolean skip = sym.equals("B") && t == feb || sym.equals("C") && t != jan; // B misses Feb, C stops
        if (!skip) {
          written.add(Bar.of(sym, Timeframe.M1, t, 10, 10, 10, 10, 100));
        }
      }
    }
    BarStore s = BarStore.at(tmp.resolve("periods"));
    s.write(written);
    List<String> seen = new ArrayList<>();
    for (io.quantflow.domain.BarBlock b : collect(env(RuntimeExecutionMode.BATCH, 1).fromSource(
        BarStoreSource.blocks(s, Timeframe.M1, 1024, 128), WatermarkStrategy.noWatermarks(), "blocks"))) {
      seen.add(b.symbol() + ":" + (b.isEnd() ? "end" : b.isProgress()
          ? "through " + java.time.Instant.ofEpochMilli(b.progressMicros() / 1000)
          : "bars " + java.time.Instant.ofEpochMilli(b.startMicros()[0] / 1000)));
    }
    assertThat(seen).containsExactly(
        "A:bars 2024-01-10T15:00:00Z", "B:bars 2024-01-10T15:00:00Z", "C:bars 2024-01-10T15:00:00Z",
        "A:through 2024-02-01T00:00:00Z", "B:through 2024-02-01T00:00:00Z", "C:end",
        "A:bars 2024-02-12T15:00:00Z",
        "A:through 2024-03-01T00:00:00Z", "B:through 2024-03-01T00:00:00Z",
        "A:bars 2024-03-11T15:00:00Z", "B:bars 2024-03-11T15:00:00Z",
        "A:end", "B:end");
    assertThat(BarStoreSource.periodEndMicros("2024.parquet"))
        .isEqualTo(java.time.Instant.parse("2025-01-01T00:00:00Z").toEpochMilli() * 1000);
    assertThat(BarStoreSource.periodEndMicros("2024-02-28.parquet"))
        .isEqualTo(java.time.Instant.parse("2024-02-29T00:00:00Z").toEpochMilli() * 1000);
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> BarStoreSource.periodEndMicros("part-0.parquet"));
  }

  @Test
  void theReplaySourcePlaysTheStoreInEventTimeOrder() throws Exception {
    StreamExecutionEnvironment env = env(RuntimeExecutionMode.STREAMING, 1);
    List<Bar> read = collect(env.fromSource(ReplaySource.of(store, Timeframe.M1, 0),
        WatermarkStrategy.noWatermarks(), "replay"));
    assertThat(read).hasSameSizeAs(bars).containsExactlyInAnyOrderElementsOf(bars);
    for (int i = 1; i < read.size(); i++) {
      assertThat(read.get(i).timestampMicros()).as("bar %d", i)
          .isGreaterThanOrEqualTo(read.get(i - 1).timestampMicros());
    }
  }

  @Test
  void theBoundedTickSourcesReadEveryStoredTradeAndQuote() throws Exception {
    TickStore ticks = TickStore.at(dir.resolve("ticks"));
    ticks.writeTrades(TickStoreTest.TRADES);
    ticks.writeQuotes(TickStoreTest.QUOTES);
    StreamExecutionEnvironment env = env(RuntimeExecutionMode.BATCH, 2);
    assertThat(collect(env.fromSource(ticks.tradeSource(), WatermarkStrategy.noWatermarks(), "trades")))
        .containsExactlyInAnyOrderElementsOf(TickStoreTest.TRADES);
    assertThat(collect(env.fromSource(ticks.quoteSource(), WatermarkStrategy.noWatermarks(), "quotes")))
        .containsExactlyInAnyOrderElementsOf(TickStoreTest.QUOTES);
  }

  @ParameterizedTest
  @EnumSource(value = RuntimeExecutionMode.class, names = {"BATCH", "STREAMING"})
  void theFileSinkWritesParquetThatDuckDbReads(RuntimeExecutionMode mode) throws Exception {
    StreamExecutionEnvironment env = env(mode, 2);
    if (mode == RuntimeExecutionMode.STREAMING) {
      env.enableCheckpointing(200); // bulk formats roll on checkpoints; the final one commits at end of input
    }
    Path out = dir.resolve("sink-" + mode);
    env.fromData(bars, TypeInformation.of(Bar.class))
        .sinkTo(FileSink.forBulkFormat(new org.apache.flink.core.fs.Path(out.toUri()),
                new ParquetBulkWriterFactory<>(Tables.BARS))
            .withOutputFileConfig(OutputFileConfig.builder().withPartSuffix(".parquet").build())
            .build());
    env.execute("sink-" + mode);

    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT symbol), sum(close), sum(volume), "
            + "min(epoch_us(timestamp)), count(trade_count), count(vwap) FROM read_parquet('" + out
            + "/**/*.parquet')")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(bars.size());
      assertThat(rs.getLong(2)).isEqualTo(3);
      assertThat(rs.getDouble(3)).isCloseTo(bars.stream().mapToDouble(Bar::close).sum(),
          org.assertj.core.api.Assertions.within(1e-6));
      assertThat(rs.getDouble(4)).isEqualTo(bars.stream().mapToDouble(Bar::volume).sum());
      assertThat(rs.getLong(5)).isEqualTo(bars.stream().mapToLong(Bar::timestampMicros).min().orElseThrow());
      assertThat(rs.getLong(6)).as("unknown trade counts are null").isZero();
      assertThat(rs.getLong(7)).as("unknown VWAPs are null").isZero();
    }
  }
}
