package io.quantflow.connectors.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.testing.SampleBars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvBarImporterTest {
  static final String HEADER = "symbol,timestamp,open,high,low,close,volume";
  /** 2019-02-11T14:30:00Z in UTC epoch microseconds. */
  static final long T0 = 1_549_895_400_000_000L;
  static final long MINUTE = 60_000_000L;

  // Real rows of data/sample/bars-1m.csv.
  static final String AAPL_1430 = "AAPL,2019-02-11T14:30:00Z,171.14,171.2,170.7,170.97,619925";
  static final String AAPL_1431 = "AAPL,2019-02-11T14:31:00Z,170.92,170.92,170.6755,170.7701,123138";
  static final String AAPL_1432 = "AAPL,2019-02-11T14:32:00Z,170.77,170.83,170.3477,170.35,168622";
  static final String AAPL_1433 = "AAPL,2019-02-11T14:33:00Z,170.36,170.82,170.36,170.5974,98896";
  static final String SPY_1430 = "SPY,2019-02-11T14:30:00Z,271.19,271.34,271.07,271.34,1488804";
  static final String SPY_1431 = "SPY,2019-02-11T14:31:00Z,271.32,271.32,271.22,271.2399,251600";

  static final Bar AAPL_1430_BAR = Bar.of("AAPL", Timeframe.M1, T0, 171.14, 171.2, 170.7, 170.97, 619925);
  static final Bar AAPL_1431_BAR = Bar.of("AAPL", Timeframe.M1, T0 + MINUTE, 170.92, 170.92, 170.6755, 170.7701,
      123138);
  static final Bar AAPL_1432_BAR = Bar.of("AAPL", Timeframe.M1, T0 + 2 * MINUTE, 170.77, 170.83, 170.3477, 170.35,
      168622);
  static final Bar AAPL_1433_BAR = Bar.of("AAPL", Timeframe.M1, T0 + 3 * MINUTE, 170.36, 170.82, 170.36, 170.5974,
      98896);
  static final Bar SPY_1430_BAR = Bar.of("SPY", Timeframe.M1, T0, 271.19, 271.34, 271.07, 271.34, 1488804);
  static final Bar SPY_1431_BAR = Bar.of("SPY", Timeframe.M1, T0 + MINUTE, 271.32, 271.32, 271.22, 271.2399,
      251600);

  @TempDir Path dir;

  private Path store() {
    return dir.resolve("store");
  }

  /** Writes a CSV file whose line {@code i + 1} is {@code lines[i]}. */
  private Path csv(String name, String... lines) throws IOException {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }

  private CsvImportReport importFiles(ImportOptions options, Path... files) {
    return CsvBarImporter.importInto(List.of(files), BarStore.at(store()), options);
  }

  /** Imports {@code file} with default options, expecting a refusal that writes nothing; returns the error. */
  private CsvImportException refused(Path file) {
    CsvImportException e = catchThrowableOfType(CsvImportException.class,
        () -> importFiles(ImportOptions.defaults(), file));
    assertThat(e).as("the import should be refused").isNotNull();
    assertThat(store()).as("nothing is written, not even the store folder").doesNotExist();
    return e;
  }

  /** Asserts the refusal reports exactly one bad row, at {@code file:line}, with a reason containing {@code what}. */
  private void assertOneBadRow(CsvImportException e, Path file, long line, String what) {
    assertThat(e.problems()).hasSize(1);
    RowProblem p = e.problems().get(0);
    assertThat(p.file()).isEqualTo(file);
    assertThat(p.line()).isEqualTo(line);
    assertThat(p.reason()).contains(what);
    assertThat(e.getMessage())
        .contains("1 of ")
        .contains(file + ":" + line + ": " + p.reason())
        .endsWith("Fix these rows, or re-run with --skip-bad-rows to import the good rows and write the rejected "
            + "ones to " + store().resolve("rejects/import-rejects.csv"));
  }

  // ---- good input ----

  @Test
  void importsACleanFileAndReadsItBack() throws IOException {
    Path f = csv("clean.csv", HEADER, AAPL_1430, AAPL_1431, AAPL_1432, SPY_1430, SPY_1431);
    List<String> progress = new ArrayList<>();

    CsvImportReport r = importFiles(ImportOptions.defaults().withProgress(progress::add), f);

    assertThat(BarStore.at(store()).read(Timeframe.M1))
        .containsExactly(AAPL_1430_BAR, AAPL_1431_BAR, AAPL_1432_BAR, SPY_1430_BAR, SPY_1431_BAR);
    assertThat(r.rowsRead()).isEqualTo(5);
    assertThat(r.barsWritten()).isEqualTo(5);
    assertThat(r.filesWritten()).isEqualTo(2);
    assertThat(r.timeframe()).isEqualTo(Timeframe.M1);
    assertThat(r.symbols()).containsExactly("AAPL", "SPY");
    assertThat(r.problems()).isEmpty();
    assertThat(r.rejectsFile()).isNull();
    assertThat(store().resolve("rejects")).doesNotExist();
    assertThat(r.summary()).isEqualTo("5 rows read: 5 1m bars of 2 symbols written to 2 files");
    assertThat(progress).contains("read " + f + ": 5 rows");
  }

  @Test
  void importsTheBundledSample() {
    Path sample = Path.of("..", "data", "sample", "bars-1m.csv");

    CsvImportReport r = importFiles(ImportOptions.defaults(), sample);

    assertThat(r.problems()).isEmpty();
    assertThat(r.rowsRead()).isEqualTo(15_588);
    assertThat(r.barsWritten()).isEqualTo(15_588);
    assertThat(r.timeframe()).isEqualTo(Timeframe.M1);
    assertThat(r.symbols()).containsExactly("AAPL", "AMZN", "BAC", "JPM", "MSFT", "QQQ", "SPY", "V");
    assertThat(r.notes()).noneMatch(n -> n.contains("sorted") || n.contains("duplicate"));
    List<Bar> expected = new ArrayList<>(SampleBars.all());
    expected.sort(Comparator.comparing(Bar::symbol).thenComparingLong(Bar::timestampMicros));
    assertThat(BarStore.at(store()).read(Timeframe.M1)).isEqualTo(expected);
  }

  @Test
  void combinesFilesAndMergesWithTheStore() throws IOException {
    Path a = csv("a.csv", HEADER, AAPL_1430, AAPL_1431);
    Path b = csv("b.csv", HEADER, AAPL_1432, AAPL_1433);
    importFiles(ImportOptions.defaults(), a);

    CsvImportReport r = importFiles(ImportOptions.defaults(), b, a);

    assertThat(r.barsWritten()).isEqualTo(4);
    assertThat(BarStore.at(store()).read(Timeframe.M1))
        .containsExactly(AAPL_1430_BAR, AAPL_1431_BAR, AAPL_1432_BAR, AAPL_1433_BAR);
  }

  // ---- one test per kind of bad row: reported at file:line, nothing written ----

  @Test
  void refusesAnUnparseableNumber() throws IOException {
    Path f = csv("a.csv", HEADER, AAPL_1430, "AAPL,2019-02-11T14:31:00Z,170.92,abc,170.6755,170.7701,123138",
        AAPL_1432, AAPL_1433);
    assertOneBadRow(refused(f), f, 3, "high 'abc' is not a number");
  }

  @Test
  void refusesAnUnparseableTimestamp() throws IOException {
    Path f = csv("a.csv", HEADER, AAPL_1430, AAPL_1431, "AAPL,11/02/2019 14:32,170.77,170.83,170.3477,170.35,168622",
        AAPL_1433);
    assertOneBadRow(refused(f), f, 4, "timestamp '11/02/2019 14:32' is neither ISO-8601 with a UTC offset");
  }

  @Test
  void refusesATimestampWithoutOffset() throws IOException {
    Path f = csv("a.csv", HEADER, AAPL_1430, AAPL_1431, AAPL_1432,
        "AAPL,2019-02-11T14:33:00,170.36,170.82,170.36,170.5974,98896");
    assertOneBadRow(refused(f), f, 5, "timestamp '2019-02-11T14:33:00' has no UTC offset; add Z or +hh:mm");
  }

  @Test
  void refusesNaN() throws IOException {
    Path f = csv("a.csv", HEADER, AAPL_1430, "AAPL,2019-02-11T14:31:00Z,170.92,170.92,170.6755,NaN,123138",
        AAPL_1432, AAPL_1433);
    assertOneBadRow(refused(f), f, 3, "close is NaN");
  }

  @Test
  void refusesANegativePrice() throws IOException {
    Path f = csv("a.csv", HEADER, AAPL_1430, "AAPL,2019-02-11T14:31:00Z,170.92,170.92,-170.6755,170.7701,123138",
        AAPL_1432, AAPL_1433);
    assertOneBadRow(refused(f), f, 3, "negative or zero price: low = -170.6755");
  }

  @Test
  void refusesANegativeVolume() throws IOException {
    Path f = csv("a.csv", HEADER, AAPL_1430, "AAPL,2019-02-11T14:31:00Z,170.92,170.92,170.6755,170.7701,-5",
        AAPL_1432, AAPL_1433);
    assertOneBadRow(refused(f), f, 3, "negative volume: volume = -5");
  }

  @Test
  void refusesAHighBelowOpenOrClose() throws IOException {
    Path f = csv("a.csv", HEADER, AAPL_1430, "AAPL,2019-02-11T14:31:00Z,170.92,170.8,170.6755,170.7701,123138",
        AAPL_1432, AAPL_1433);
    assertOneBadRow(refused(f), f, 3, "high 170.8 is below max(open, close) = 170.92");
  }

  @Test
  void refusesALowAboveOpenOrClose() throws IOException {
    Path f = csv("a.csv", HEADER, AAPL_1430, "AAPL,2019-02-11T14:31:00Z,170.92,170.92,170.8,170.7701,123138",
        AAPL_1432, AAPL_1433);
    assertOneBadRow(refused(f), f, 3, "low 170.8 is above min(open, close) = 170.7701");
  }

  @Test
  void refusesAWrongNumberOfFields() throws IOException {
    Path f = csv("a.csv", HEADER, AAPL_1430, AAPL_1431, "AAPL,2019-02-11T14:32:00Z,170.77,170.83,170.3477,170.35",
        AAPL_1433);
    assertOneBadRow(refused(f), f, 4, "wrong number of fields: 6 instead of the header's 7");
  }

  @Test
  void refusesABlankSymbol() throws IOException {
    Path f = csv("a.csv", HEADER, AAPL_1430, AAPL_1431, " ,2019-02-11T14:32:00Z,170.77,170.83,170.3477,170.35,1",
        AAPL_1433);
    assertOneBadRow(refused(f), f, 4, "blank symbol");
  }

  @Test
  void refusesConflictingDuplicatesReportingEveryLine() throws IOException {
    Path f = csv("a.csv", HEADER, AAPL_1430, AAPL_1431, AAPL_1432,
        "AAPL,2019-02-11T14:31:00Z,170.92,170.95,170.6755,170.7701,123139", AAPL_1433);

    CsvImportException e = refused(f);

    assertThat(e.problems()).extracting(RowProblem::line).containsExactly(3L, 5L);
    assertThat(e.problems().get(0).reason())
        .isEqualTo("conflicts with line 5 (same symbol and timestamp, different values)");
    assertThat(e.problems().get(1).reason())
        .isEqualTo("conflicts with line 3 (same symbol and timestamp, different values)");
    assertThat(e.problems().get(1).raw())
        .isEqualTo("AAPL,2019-02-11T14:31:00Z,170.92,170.95,170.6755,170.7701,123139");
    assertThat(e.getMessage()).contains("2 of 5 rows are bad")
        .contains(f + ":3: conflicts with line 5").contains(f + ":5: conflicts with line 3");
  }

  @Test
  void refusesAMisalignedTimestamp() throws IOException {
    Path f = csv("a.csv", HEADER, AAPL_1430, AAPL_1431, AAPL_1432, AAPL_1433,
        "AAPL,2019-02-11T14:33:30Z,170.36,170.82,170.36,170.5974,98896");
    CsvImportException e = refused(f);
    assertOneBadRow(e, f, 6, "timestamp 2019-02-11T14:33:30Z is not aligned to the start of a 1m bar");
    assertThat(e.problems().get(0).raw()).isEqualTo("AAPL,2019-02-11T14:33:30Z,170.36,170.82,170.36,170.5974,98896");
  }

  @Test
  void listsTheFirstTwentyBadRowsAndCountsTheRest() throws IOException {
    List<String> lines = new ArrayList<>(List.of(HEADER, AAPL_1430, AAPL_1431));
    for (int i = 0; i < 25; i++) {
      lines.add("AAPL,2019-02-11T15:" + (10 + i) + ":00Z,1,1,1,1,-1");
    }
    Path f = csv("a.csv", lines.toArray(String[]::new));

    CsvImportException e = refused(f);

    assertThat(e.problems()).hasSize(25);
    assertThat(e.getMessage()).contains("25 of 27 rows are bad").contains(f + ":23: negative volume")
        .doesNotContain(f + ":24:").contains("... and 5 more");
  }

  // ---- skipping bad rows ----

  @Test
  void skipBadRowsWritesTheGoodRowsAndARejectsFile() throws IOException {
    Path f = csv("a.csv", HEADER, AAPL_1430,
        "AAPL,2019-02-11T14:31:00Z,170.92,170.92,170.6755,170.7701,-5",
        AAPL_1432,
        "\"AAPL,X\",2019-02-11T14:33:00Z,170.36,170.82,170.36,170.5974",
        AAPL_1433);

    CsvImportReport r = importFiles(ImportOptions.defaults().withSkipBadRows(true), f);

    Path rejects = store().resolve("rejects/import-rejects.csv");
    assertThat(r.rejectsFile()).isEqualTo(rejects);
    assertThat(r.barsWritten()).isEqualTo(3);
    assertThat(r.problems()).extracting(RowProblem::line).containsExactly(3L, 5L);
    assertThat(BarStore.at(store()).read(Timeframe.M1)).containsExactly(AAPL_1430_BAR, AAPL_1432_BAR, AAPL_1433_BAR);
    assertThat(Files.readString(rejects)).isEqualTo("file,line,reason,raw\n"
        + f + ",3,negative volume: volume = -5,"
        + "\"AAPL,2019-02-11T14:31:00Z,170.92,170.92,170.6755,170.7701,-5\"\n"
        + f + ",5,wrong number of fields: 6 instead of the header's 7,"
        + "\"\"\"AAPL,X\"\",2019-02-11T14:33:00Z,170.36,170.82,170.36,170.5974\"\n");
    assertThat(r.summary()).endsWith("; 2 bad rows skipped, listed in " + rejects);
  }

  @Test
  void skipBadRowsStillFailsIfNoRowIsGood() throws IOException {
    Path f = csv("a.csv", HEADER, "AAPL,2019-02-11T14:31:00Z,170.92,170.92,170.6755,170.7701,-5");

    CsvImportException e = catchThrowableOfType(CsvImportException.class,
        () -> importFiles(ImportOptions.defaults().withSkipBadRows(true), f));

    assertThat(e.getMessage()).contains("its only row is bad").contains(f + ":2: negative volume");
    assertThat(store().resolve("bars")).doesNotExist();
    assertThat(store().resolve("rejects/import-rejects.csv")).exists();
  }
}
