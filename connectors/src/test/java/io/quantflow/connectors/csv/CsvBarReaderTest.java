package io.quantflow.connectors.csv;

import static io.quantflow.connectors.csv.CsvBarImporterTest.AAPL_1430;
import static io.quantflow.connectors.csv.CsvBarImporterTest.AAPL_1430_BAR;
import static io.quantflow.connectors.csv.CsvBarImporterTest.AAPL_1431;
import static io.quantflow.connectors.csv.CsvBarImporterTest.AAPL_1431_BAR;
import static io.quantflow.connectors.csv.CsvBarImporterTest.AAPL_1432;
import static io.quantflow.connectors.csv.CsvBarImporterTest.AAPL_1432_BAR;
import static io.quantflow.connectors.csv.CsvBarImporterTest.AAPL_1433;
import static io.quantflow.connectors.csv.CsvBarImporterTest.HEADER;
import static io.quantflow.connectors.csv.CsvBarImporterTest.MINUTE;
import static io.quantflow.connectors.csv.CsvBarImporterTest.SPY_1430;
import static io.quantflow.connectors.csv.CsvBarImporterTest.SPY_1431;
import static io.quantflow.connectors.csv.CsvBarImporterTest.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Timeframe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvBarReaderTest {
  @TempDir Path dir;

  private Path csv(String name, String... lines) throws IOException {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }

  private static CsvParseResult read(Path... files) {
    return CsvBarReader.read(List.of(files), null);
  }

  private static List<Long> timestamps(CsvParseResult r) {
    return r.bars().stream().map(Bar::timestampMicros).toList();
  }

  // ---- timestamps ----

  @Test
  void convertsEpochAndOffsetTimestampsToUtcMicros() throws IOException {
    // 2019-02-11T14:30:00Z = 17,938 days * 86,400 s + 52,200 s = 1,549,895,400 s since the epoch.
    Path f = csv("a.csv", HEADER,
        "AAPL,1549895400,1,1,1,1,1",                  // seconds          -> 14:30Z
        "AAPL,1549895460000,1,1,1,1,1",               // milliseconds     -> 14:31Z
        "AAPL,1549895520000000,1,1,1,1,1",            // microseconds     -> 14:32Z
        "AAPL,1549895580000000000,1,1,1,1,1",         // nanoseconds      -> 14:33Z
        "AAPL,2019-02-11T09:34:00-05:00,1,1,1,1,1",   // New York (EST)   -> 14:34Z
        "AAPL,2019-02-11 20:05:00+0530,1,1,1,1,1",    // India, no colon  -> 14:35Z
        "AAPL,2019-02-11T14:36:00.000000Z,1,1,1,1,1", // fraction         -> 14:36Z
        "AAPL,2019-02-11T14:37Z,1,1,1,1,1");          // no seconds       -> 14:37Z

    CsvParseResult r = read(f);

    assertThat(r.problems()).isEmpty();
    assertThat(timestamps(r)).containsExactly(1_549_895_400_000_000L, 1_549_895_460_000_000L,
        1_549_895_520_000_000L, 1_549_895_580_000_000L, 1_549_895_640_000_000L, 1_549_895_700_000_000L,
        1_549_895_760_000_000L, 1_549_895_820_000_000L);
    assertThat(r.notes()).contains(f + ": epoch timestamps read as seconds, milliseconds, microseconds and "
        + "nanoseconds (unit inferred from their magnitude)");
  }

  @Test
  void readsBareDatesAsMidnightUtcDailyBars() throws IOException {
    // Thu, Fri, Mon, Tue: the weekend gap of 3 days does not hide the 1-day bars.
    Path f = csv("d.csv", HEADER, "SPY,2019-02-07,1,1,1,1,1", "SPY,2019-02-08,1,1,1,1,1",
        "SPY,2019-02-11T00:00:00Z,1,1,1,1,1", "SPY,2019-02-12,1,1,1,1,1");

    CsvParseResult r = read(f);

    assertThat(r.timeframe()).isEqualTo(Timeframe.D1);
    assertThat(timestamps(r)).containsExactly(1_549_497_600_000_000L, 1_549_584_000_000_000L,
        1_549_843_200_000_000L, 1_549_929_600_000_000L);
  }

  @Test
  void reportsDailyBarsNotAtMidnightUtc() throws IOException {
    Path f = csv("d.csv", HEADER, "SPY,2019-02-07T05:00:00Z,1,1,1,1,1", "SPY,2019-02-08T05:00:00Z,1,1,1,1,1",
        "SPY,2019-02-11T05:00:00Z,1,1,1,1,1");

    CsvParseResult r = read(f);

    assertThat(r.timeframe()).isEqualTo(Timeframe.D1);
    assertThat(r.bars()).isEmpty();
    assertThat(r.problems()).hasSize(3).first().extracting(RowProblem::reason).isEqualTo("timestamp "
        + "2019-02-07T05:00:00Z is not aligned to the start of a 1d bar (daily bars are labelled by midnight UTC of "
        + "the trading day, e.g. 2019-02-07T00:00:00Z)");
  }

  // ---- header ----

  @Test
  void acceptsHeaderNamesInAnyOrderAndCaseWithOptionalColumns() throws IOException {
    Path f = csv("a.csv", " VWAP ,Close,Symbol,Timestamp,open,HIGH,low,volume,Trade_Count",
        "171.0,170.97,AAPL,2019-02-11T14:30:00Z,171.14,171.2,170.7,619925,2113",
        ",170.7701,AAPL,2019-02-11T14:31:00Z,170.92,170.92,170.6755,123138,");

    CsvParseResult r = read(f);

    assertThat(r.problems()).isEmpty();
    assertThat(r.bars()).containsExactly(
        new Bar("AAPL", Timeframe.M1, T0, 171.14, 171.2, 170.7, 170.97, 619925, 2113, 171.0),
        AAPL_1431_BAR);
  }

  @Test
  void refusesAHeaderWithAMissingColumn() throws IOException {
    Path f = csv("a.csv", "symbol,timestamp,open,high,low,close", "AAPL,2019-02-11T14:30:00Z,1,1,1,1");

    assertThatThrownBy(() -> read(f)).isInstanceOf(CsvImportException.class)
        .hasMessage("CSV file " + f + ": the header (line 1) is missing column volume. Expected the header "
            + "symbol,timestamp,open,high,low,close,volume[,trade_count,vwap] (any order, case-insensitive).");
  }

  @Test
  void refusesAHeaderWithAnUnknownColumn() throws IOException {
    Path f = csv("a.csv", "symbol,timestamp,open,high,low,close,volume,adj_close", AAPL_1430 + ",170.9");

    assertThatThrownBy(() -> read(f)).isInstanceOf(CsvImportException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("has unknown column 'adj_close'")
        .hasMessageContaining("Expected the header symbol,timestamp,open,high,low,close,volume[,trade_count,vwap]");
  }

  @Test
  void refusesAFileWithoutHeader() throws IOException {
    Path f = csv("a.csv", AAPL_1430, AAPL_1431);

    assertThatThrownBy(() -> read(f)).isInstanceOf(CsvImportException.class)
        .hasMessageContaining("is missing columns symbol, timestamp, open, high, low, close, volume")
        .hasMessageContaining("Is the header line missing?");
  }

  @Test
  void refusesAnEmptyFile() throws IOException {
    Path f = Files.writeString(dir.resolve("empty.csv"), "");

    assertThatThrownBy(() -> read(f)).isInstanceOf(CsvImportException.class)
        .hasMessage("CSV file " + f + " is empty; it needs the header "
            + "symbol,timestamp,open,high,low,close,volume[,trade_count,vwap] and one row per bar");
  }

  @Test
  void refusesAHeaderWithoutRows() throws IOException {
    Path f = csv("a.csv", HEADER);

    assertThatThrownBy(() -> read(f)).isInstanceOf(CsvImportException.class).hasMessageContaining("No data rows");
  }

  @Test
  void refusesAMissingFile() {
    Path f = dir.resolve("nope.csv");

    assertThatThrownBy(() -> read(f)).isInstanceOf(CsvImportException.class)
        .hasMessageStartingWith("CSV file " + f + " does not exist; check the --data path");
  }

  // ---- parsing ----

  @Test
  void handlesQuotesCrlfBomAndBlankLines() throws IOException {
    String text = "\uFEFFsymbol,timestamp,open,high,low,close,volume\r\n"
        + "\"AAPL\",\"2019-02-11T14:30:00Z\",171.14,171.2,170.7,170.97,619925\r\n"
        + "\r\n"
        + "\"AA\r\nPL\",2019-02-11T14:31:00Z,170.92,170.92,170.6755,170.7701,123138\r\n"
        + " AAPL , 2019-02-11T14:32:00Z ,170.77,170.83,170.3477,170.35,168622\r\n"
        + "AAPL,2019-02-11T14:33:00Z,170.36,170.82,170.36,170.5974,\"9\"\"8\"\r\n";
    Path f = Files.write(dir.resolve("a.csv"), text.getBytes(StandardCharsets.UTF_8));

    CsvParseResult r = CsvBarReader.read(List.of(f), Timeframe.M1);

    assertThat(r.rowsRead()).isEqualTo(4);
    assertThat(r.bars()).containsExactly(AAPL_1430_BAR, AAPL_1432_BAR);
    assertThat(r.problems()).extracting(RowProblem::line).containsExactly(4L, 7L);
    assertThat(r.problems().get(0).reason()).contains("symbol 'AA\nPL' contains '/', '\\', '=' or whitespace");
    assertThat(r.problems().get(0).raw())
        .isEqualTo("\"AA\nPL\",2019-02-11T14:31:00Z,170.92,170.92,170.6755,170.7701,123138");
    assertThat(r.problems().get(1).reason()).isEqualTo("volume '9\"8' is not a number");
  }

  @Test
  void joinsAllReasonsOfARow() throws IOException {
    Path f = csv("a.csv", HEADER + ",trade_count,vwap", AAPL_1430 + ",10,171",
        "AAPL,2019-02-11T14:31:00Z,inf,170.92,0,x,-1,2.5,-3");

    CsvParseResult r = CsvBarReader.read(List.of(f, f.resolveSibling("a.csv")), Timeframe.M1);

    assertThat(r.problems()).singleElement().extracting(RowProblem::reason).isEqualTo("open is infinite; "
        + "negative or zero price: low = 0; close 'x' is not a number; negative volume: volume = -1; "
        + "trade_count 2.5 is not a whole number; vwap must be positive (leave it empty if unknown) but is -3");
    assertThat(r.notes()).contains(f + ": given more than once; read once");
  }

  @Test
  void sortsRowsOutOfOrderWithANote() throws IOException {
    Path f = csv("a.csv", HEADER, AAPL_1432, SPY_1431, AAPL_1430, SPY_1430, AAPL_1431);

    CsvParseResult r = read(f);

    assertThat(r.problems()).isEmpty();
    assertThat(r.bars()).extracting(b -> b.symbol() + "@" + (b.timestampMicros() - T0) / MINUTE)
        .containsExactly("AAPL@0", "AAPL@1", "AAPL@2", "SPY@0", "SPY@1");
    assertThat(r.notes()).contains(f + ": 3 rows out of timestamp order; sorted");
  }

  @Test
  void dropsExactDuplicatesWithANote() throws IOException {
    Path f = csv("a.csv", HEADER, AAPL_1430, AAPL_1431, AAPL_1430, AAPL_1432, AAPL_1430);

    CsvParseResult r = read(f);

    assertThat(r.problems()).isEmpty();
    assertThat(r.rowsRead()).isEqualTo(5);
    assertThat(r.bars()).containsExactly(AAPL_1430_BAR, AAPL_1431_BAR, AAPL_1432_BAR);
    assertThat(r.notes()).contains(f + ": 2 exact duplicate rows dropped (same symbol, timestamp and values as an "
        + "earlier row, e.g. line 4 repeats line 2)");
  }

  @Test
  void reportsConflictsAcrossFilesWithFileNames() throws IOException {
    Path a = csv("a.csv", HEADER, AAPL_1430, AAPL_1431);
    Path b = csv("b.csv", HEADER, AAPL_1432, "AAPL,2019-02-11T14:31:00Z,170.92,170.92,170.6755,170.7701,1");

    CsvParseResult r = read(a, b);

    assertThat(r.bars()).containsExactly(AAPL_1430_BAR, AAPL_1432_BAR);
    assertThat(r.problems()).extracting(RowProblem::toString).containsExactly(
        a + ":3: conflicts with " + b + ":3 (same symbol and timestamp, different values)",
        b + ":3: conflicts with " + a + ":3 (same symbol and timestamp, different values)");
  }

  // ---- timeframe ----

  @Test
  void infersOneMinuteBars() throws IOException {
    Path f = csv("a.csv", HEADER, AAPL_1430, AAPL_1431, AAPL_1433, SPY_1430, SPY_1431);

    CsvParseResult r = read(f);

    assertThat(r.timeframe()).isEqualTo(Timeframe.M1);
    assertThat(r.notes()).contains("timeframe 1m inferred from the most common gap between consecutive timestamps");
  }

  @Test
  void infersFiveMinuteBars() throws IOException {
    Path f = csv("a.csv", HEADER, "AAPL,2019-02-11T14:30:00Z,1,1,1,1,1", "AAPL,2019-02-11T14:35:00Z,1,1,1,1,1",
        "AAPL,2019-02-11T14:40:00Z,1,1,1,1,1", "AAPL,2019-02-11T14:50:00Z,1,1,1,1,1");

    CsvParseResult r = read(f);

    assertThat(r.timeframe()).isEqualTo(Timeframe.M5);
    assertThat(r.bars()).allMatch(b -> b.timeframe() == Timeframe.M5).hasSize(4);
  }

  @Test
  void infersOneMinuteBarsOfASparseSymbol() throws IOException {
    // Gaps 2m, 2m, 1m: the most common gap is no timeframe, but the smallest one is and divides the others.
    Path f = csv("a.csv", HEADER, AAPL_1430, AAPL_1432, "AAPL,2019-02-11T14:34:00Z,1,1,1,1,1",
        "AAPL,2019-02-11T14:35:00Z,1,1,1,1,1");

    assertThat(read(f).timeframe()).isEqualTo(Timeframe.M1);
  }

  @Test
  void refusesToGuessWhenSymbolsDisagree() throws IOException {
    Path f = csv("a.csv", HEADER, AAPL_1430, AAPL_1431, AAPL_1432,
        "SPY,2019-02-11T14:30:00Z,1,1,1,1,1", "SPY,2019-02-11T14:35:00Z,1,1,1,1,1");

    assertThatThrownBy(() -> read(f)).isInstanceOf(CsvImportException.class)
        .hasMessageContaining("the symbols disagree (1m for AAPL; 5m for SPY)")
        .hasMessageContaining("--timeframe");
  }

  @Test
  void refusesToGuessFromASingleRow() throws IOException {
    Path f = csv("a.csv", HEADER, AAPL_1430, SPY_1430);

    assertThatThrownBy(() -> read(f)).isInstanceOf(CsvImportException.class)
        .hasMessageContaining("every symbol has a single timestamp").hasMessageContaining("--timeframe");
  }

  @Test
  void refusesAnUnsupportedGap() throws IOException {
    Path f = csv("a.csv", HEADER, "AAPL,2019-02-11T14:30:00Z,1,1,1,1,1", "AAPL,2019-02-11T15:00:00Z,1,1,1,1,1",
        "AAPL,2019-02-11T15:30:00Z,1,1,1,1,1");

    assertThatThrownBy(() -> read(f)).isInstanceOf(CsvImportException.class)
        .hasMessageContaining("is not a supported timeframe for AAPL (30m)")
        .hasMessageContaining("--timeframe (1s, 15s, 1m, 5m, 15m, 1h, 1d)");
  }

  @Test
  void usesAGivenTimeframeAndWarnsIfTheDataLooksDifferent() throws IOException {
    Path f = csv("a.csv", HEADER, AAPL_1430, AAPL_1431, AAPL_1432, AAPL_1433);

    CsvParseResult r = CsvBarReader.read(List.of(f), Timeframe.M5);

    assertThat(r.timeframe()).isEqualTo(Timeframe.M5);
    assertThat(r.bars()).extracting(Bar::timestampMicros).containsExactly(T0);
    assertThat(r.problems()).extracting(RowProblem::line).containsExactly(3L, 4L, 5L);
    assertThat(r.notes()).contains("warning: the bars look like 1m bars (most common gap between timestamps), but "
        + "the timeframe 5m was given");
  }

  @Test
  void aGivenTimeframeAllowsASingleRow() throws IOException {
    Path f = csv("a.csv", HEADER, AAPL_1430);

    assertThat(CsvBarReader.read(List.of(f), Timeframe.M1).bars()).containsExactly(AAPL_1430_BAR);
  }
}
