package io.quantflow.connectors.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.domain.Quote;
import io.quantflow.domain.Trade;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class TickStoreTest {
  private static final long T = 1_549_895_400_000_000L; // 2019-02-11T14:30:00Z

  @TempDir Path dir;

  /** Two trades share a microsecond: both are kept, in input order. */
  public static final List<Trade> TRADES = List.of(
      new Trade("AAPL", T + 1_500, 171.14, 100, "V", 52983525029461L, "@,T"),
      new Trade("AAPL", T + 250, 171.13, 20, "Q", 52983525029460L, ""),
      new Trade("AAPL", T + 1_500, 171.15, 300, "Q", 52983525029462L, "@"),
      new Trade("AAPL", T + 86_400_000_000L, 170.10, 5, "N", 1L, "I"),
      new Trade("SPY", T + 10, 270.01, 1000, "P", 7L, ""));

  public static final List<Quote> QUOTES = List.of(
      new Quote("AAPL", T + 100, 171.12, 300, 171.15, 200, "Q", "V"),
      new Quote("AAPL", T + 900, 171.13, 100, 0, 0, "Q", ""));

  @Test
  void ticksRoundTripInDayFilesAndDuckDbReadsThem() throws Exception {
    TickStore store = TickStore.at(dir);
    assertThat(store.writeTrades(TRADES)).isEqualTo(3);
    assertThat(store.writeQuotes(QUOTES)).isEqualTo(1);
    assertThat(store.files(TickStore.TRADES).stream().map(dir::relativize).map(Path::toString)).containsExactly(
        "trades/symbol=AAPL/2019-02-11.parquet", "trades/symbol=AAPL/2019-02-12.parquet",
        "trades/symbol=SPY/2019-02-11.parquet");
    assertThat(store.readTrades()).containsExactly(TRADES.get(1), TRADES.get(0), TRADES.get(2), TRADES.get(3),
        TRADES.get(4));
    assertThat(store.readQuotes()).containsExactlyElementsOf(QUOTES);
    assertThat(QUOTES.get(1).mid()).isNaN();

    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT symbol, count(*), sum(size), min(epoch_us(timestamp)), "
            + "string_agg(conditions, '|' ORDER BY trade_id) FROM read_parquet('" + dir
            + "/trades/**/*.parquet', hive_partitioning = true) GROUP BY symbol ORDER BY symbol")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("AAPL");
      assertThat(rs.getLong(2)).isEqualTo(4);
      assertThat(rs.getDouble(3)).isEqualTo(425);
      assertThat(rs.getLong(4)).isEqualTo(T + 250);
      assertThat(rs.getString(5)).isEqualTo("I||@,T|@");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("SPY");
    }
  }

  @Test
  void aWriteReplacesTheSymbolDaysItTouches() {
    TickStore store = TickStore.at(dir);
    store.writeTrades(TRADES);
    Trade correction = new Trade("AAPL", T + 5, 171.0, 1, "Q", 9L, "");
    store.writeTrades(List.of(correction));
    assertThat(store.readTrades()).containsExactly(correction, TRADES.get(3), TRADES.get(4));
  }
}
