package io.quantflow.connectors.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.domain.Bar;
import io.quantflow.domain.CorporateAction;
import io.quantflow.domain.Timeframe;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorporateActionStoreTest {
  private static final CorporateAction AIG_SPLIT = CorporateAction.split("AIG", LocalDate.of(2009, 7, 1), 0.05);
  private static final CorporateAction AIG_DIVIDEND = CorporateAction.dividend("AIG", LocalDate.of(2008, 9, 3), 0.22);
  private static final CorporateAction KO_DIVIDEND = CorporateAction.dividend("KO", LocalDate.of(2008, 9, 11), 0.38);

  @TempDir Path dir;

  @Test
  void writesOneSortedFileAndReadsItBack() {
    CorporateActionStore store = CorporateActionStore.at(dir);
    assertThat(store.read()).isEmpty();
    assertThat(store.write(List.of(KO_DIVIDEND, AIG_SPLIT, AIG_DIVIDEND))).isEqualTo(3);
    assertThat(store.file()).isEqualTo(dir.resolve("corporate-actions/actions.parquet")).exists();
    assertThat(store.read()).containsExactly(AIG_DIVIDEND, AIG_SPLIT, KO_DIVIDEND);
  }

  @Test
  void aWriteReplacesTheActionWithTheSameSymbolDateAndKind() {
    CorporateActionStore store = CorporateActionStore.at(dir);
    store.write(List.of(AIG_SPLIT, AIG_DIVIDEND));
    CorporateAction corrected = CorporateAction.dividend("AIG", LocalDate.of(2008, 9, 3), 0.20);
    assertThat(store.write(List.of(corrected, KO_DIVIDEND))).isEqualTo(3);
    assertThat(store.read()).containsExactly(corrected, AIG_SPLIT, KO_DIVIDEND);
  }

  @Test
  void duckDbReadsTheDocumentedColumnsAndJoinsThemToTheDailyBars() throws Exception {
    CorporateActionStore.at(dir).write(List.of(AIG_SPLIT, AIG_DIVIDEND));
    BarStore.at(dir).write(List.of(Bar.of("AIG", Timeframe.D1, AIG_SPLIT.exDateMicros(), 19.65, 22.96, 17.54, 18.08,
        816_446_000)));
    String actions = dir.resolve(CorporateActionStore.FILE).toString();
    String bars = dir.resolve("bars").toString() + "/**/*.parquet";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT symbol, ex_date, epoch_us(timestamp), kind, split_ratio, "
          + "cash_per_share FROM '" + actions + "' ORDER BY ex_date")) {
        assertThat(rs.next()).isTrue();
        assertThat(List.of(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getDouble(5),
            rs.getDouble(6))).containsExactly("AIG", "2008-09-03", 1_220_400_000_000_000L, "DIVIDEND", 1.0, 0.22);
        assertThat(rs.next()).isTrue();
        // 2009-07-01 = day 14,426: 14,426 * 86,400 s
        assertThat(List.of(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getDouble(5),
            rs.getDouble(6))).containsExactly("AIG", "2009-07-01", 1_246_406_400_000_000L, "SPLIT", 0.05, 0.0);
        assertThat(rs.next()).isFalse();
      }
      try (ResultSet rs = s.executeQuery("SELECT b.close, a.split_ratio FROM read_parquet('" + bars + "', "
          + "hive_partitioning = true) b JOIN '" + actions + "' a USING (symbol, timestamp)")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getDouble(1)).isEqualTo(18.08);
        assertThat(rs.getDouble(2)).isEqualTo(0.05);
        assertThat(rs.next()).isFalse();
      }
    }
  }
}
