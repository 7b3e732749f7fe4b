package io.quantflow.connectors.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.testing.SampleBars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarStoreTest {
  @TempDir Path dir;

  private static List<Bar> sample() {
    return SampleBars.all().stream().filter(b -> b.symbol().equals("AAPL") || b.symbol().equals("SPY")).toList();
  }

  @Test
  void writesTheDocumentedLayoutAndReadsItBack() {
    BarStore store = BarStore.at(dir);
    List<Bar> bars = sample();
    assertThat(store.write(bars)).isEqualTo(2);
    assertThat(store.files(Timeframe.M1)).containsExactly(
        dir.resolve("bars/timeframe=1m/symbol=AAPL/2019-02.parquet"),
        dir.resolve("bars/timeframe=1m/symbol=SPY/2019-02.parquet"));
    assertThat(store.timeframes()).containsExactly(Timeframe.M1);
    assertThat(store.symbols(Timeframe.M1)).containsExactly("AAPL", "SPY");
    assertThat(store.read(Timeframe.M1)).isEqualTo(bars);
    assertThat(BarStore.isStore(dir)).isTrue();
  }

  @Test
  void theSameBarsGiveTheSameBytes() throws Exception {
    BarStore a = BarStore.at(dir.resolve("a"));
    BarStore b = BarStore.at(dir.resolve("b"));
    a.write(sample());
    List<Bar> reversed = new ArrayList<>(sample());
    java.util.Collections.reverse(reversed);
    b.write(reversed);
    for (Path f : a.files(Timeframe.M1)) {
      Path g = b.root().resolve(a.root().relativize(f));
      assertThat(Files.readAllBytes(g)).as(f.toString()).isEqualTo(Files.readAllBytes(f));
    }
  }

  @Test
  void writingMergesAndReplacesBarsWithTheSameTimestamp() {
    BarStore store = BarStore.at(dir);
    List<Bar> aapl = SampleBars.of("AAPL");
    store.write(aapl.subList(0, 100));
    Bar first = aapl.get(0);
    Bar revised = new Bar("AAPL", Timeframe.M1, first.timestampMicros(), first.open(), first.high() + 1, first.low(),
        first.close(), first.volume() + 10, 42, 171.0);
    List<Bar> more = new ArrayList<>(aapl.subList(100, 200));
    more.add(revised);
    store.write(more);
    List<Bar> read = store.read(Timeframe.M1);
    assertThat(read).hasSize(200);
    assertThat(read.get(0)).isEqualTo(revised);
    assertThat(read.subList(1, 200)).isEqualTo(aapl.subList(1, 200));
  }

  @Test
  void timeframesMapToDayMonthAndYearFiles() {
    BarStore store = BarStore.at(dir);
    long t = 1_549_895_400_000_000L; // 2019-02-11T14:30:00Z
    assertThat(store.fileFor("AAPL", Timeframe.S15, t)).hasToString(
        dir.resolve("bars/timeframe=15s/symbol=AAPL/2019-02-11.parquet").toString());
    assertThat(store.fileFor("AAPL", Timeframe.M5, t).getFileName()).hasToString("2019-02.parquet");
    assertThat(store.fileFor("AAPL", Timeframe.D1, t).getFileName()).hasToString("2019.parquet");
    assertThat(BarStore.timeframeOf("/x/bars/timeframe=5m/symbol=AAPL/2019-02.parquet")).isEqualTo(Timeframe.M5);
    assertThatThrownBy(() -> store.fileFor("BRK/B", Timeframe.M1, t)).hasMessageContaining("BRK/B");
  }

  @Test
  void duckDbReadsTheStoreWithHivePartitions() throws Exception {
    BarStore store = BarStore.at(dir);
    List<Bar> bars = sample();
    store.write(bars);
    String glob = dir.resolve("bars").toString() + "/**/*.parquet";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT symbol, timeframe, count(*), sum(close), sum(volume), "
            + "min(epoch_us(timestamp)), max(epoch_us(timestamp)), typeof(min(timestamp)) "
            + "FROM read_parquet('" + glob + "', hive_partitioning = true) GROUP BY ALL ORDER BY symbol")) {
      for (String symbol : List.of("AAPL", "SPY")) {
        List<Bar> mine = bars.stream().filter(b -> b.symbol().equals(symbol)).toList();
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo(symbol);
        assertThat(rs.getString(2)).isEqualTo("1m");
        assertThat(rs.getLong(3)).isEqualTo(mine.size());
        assertThat(rs.getDouble(4)).isCloseTo(mine.stream().mapToDouble(Bar::close).sum(),
            org.assertj.core.api.Assertions.within(1e-6));
        assertThat(rs.getDouble(5)).isEqualTo(mine.stream().mapToDouble(Bar::volume).sum());
        assertThat(rs.getLong(6)).isEqualTo(mine.get(0).timestampMicros());
        assertThat(rs.getLong(7)).isEqualTo(mine.get(mine.size() - 1).timestampMicros());
        assertThat(rs.getString(8)).isEqualTo("TIMESTAMP WITH TIME ZONE");
      }
      assertThat(rs.next()).isFalse();
    }
  }
}
