package io.quantflow.connectors.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.connectors.store.CorporateActionStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.CorporateAction;
import io.quantflow.domain.Timeframe;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quant import daily} against the real fixture rows of {@code src/test/resources/.../csv/daily/} (see the
 * README there), whose corporate actions are written out by hand below.
 */
class DailyCsvImporterTest {
  static final String HEADER = DailyCsvImporter.EXPECTED_HEADER;
  /** Midnight UTC of 2009-07-01: day 14,426 since 1970-01-01, times 86,400 s, in microseconds. */
  static final long AIG_SPLIT_DAY_MICROS = 14_426L * 86_400L * 1_000_000L;

  @TempDir Path dir;

  static Path fixture(String name) {
    try {
      return Path.of(DailyCsvImporterTest.class.getResource("daily/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private BarStore store() {
    return BarStore.at(dir.resolve("store"));
  }

  private DailyCsvImporter.Report importFiles(String symbol, boolean skip, Path... files) {
    return DailyCsvImporter.importInto(List.of(files), store(), symbol, skip, line -> { });
  }

  private Path csv(String name, String... lines) throws IOException {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }

  @Test
  void importsRawBarsAndTheActionsOfNonZeroDividendsAndNonUnitSplits() {
    DailyCsvImporter.Report r = importFiles(null, false, fixture("AIG.csv"), fixture("AAPL.csv.gz"),
        fixture("SO.csv"));

    // expected by reading the fixture rows: dividend_amount != 0 or split_coefficient != 1
    List<CorporateAction> expected = List.of(
        CorporateAction.dividend("AAPL", LocalDate.of(2014, 5, 8), 3.29),
        CorporateAction.split("AAPL", LocalDate.of(2014, 6, 9), 7.00000700001),
        CorporateAction.dividend("AIG", LocalDate.of(2008, 9, 3), 0.22),
        CorporateAction.split("AIG", LocalDate.of(2009, 7, 1), 0.05),
        CorporateAction.split("SO", LocalDate.of(2001, 4, 3), 1.49999925),
        CorporateAction.dividend("SO", LocalDate.of(2001, 4, 3), 13.8));
    // SPLIT sorts before DIVIDEND (enum order) on the same day
    assertThat(r.actions()).containsExactly(expected.toArray(new CorporateAction[0]));
    assertThat(CorporateActionStore.at(store().root()).read()).isEqualTo(r.actions());

    assertThat(r.rowsRead()).isEqualTo(6 + 6 + 3);
    assertThat(r.barsWritten()).isEqualTo(15);
    assertThat(r.symbols()).containsExactly("AAPL", "AIG", "SO");
    assertThat(r.problems()).isEmpty();
    assertThat(r.rejectsFile()).isNull();
    // 2008 and 2009 for AIG, 2014 for AAPL, 2001 for SO: one file per symbol and year
    assertThat(r.filesWritten()).isEqualTo(4);

    List<Bar> aig = store().read(Timeframe.D1).stream().filter(b -> b.symbol().equals("AIG")).toList();
    assertThat(aig).hasSize(6);
    // the raw ex-date row 2009-07-01,19.65,22.96,17.54,18.08,12.82...,816446000,0.0,0.05: not adjusted
    assertThat(aig.get(4)).isEqualTo(Bar.of("AIG", Timeframe.D1, AIG_SPLIT_DAY_MICROS, 19.65, 22.96, 17.54, 18.08,
        816_446_000));
    assertThat(aig.get(3).close()).isEqualTo(1.16); // 2009-06-30, the day before: 1-for-20 shows as a x15.6 jump
    assertThat(aig.get(3).timestampMicros()).isEqualTo(AIG_SPLIT_DAY_MICROS - 86_400_000_000L);
  }

  @Test
  void theSymbolComesFromTheFileNameUnlessGiven() {
    assertThat(DailyCsvImporter.symbolOf(Path.of("x/BF.B.csv.gz"))).isEqualTo("BF.B");
    assertThat(DailyCsvImporter.symbolOf(Path.of("AAPL.CSV"))).isEqualTo("AAPL");
    DailyCsvImporter.Report r = importFiles("AIG.OLD", false, fixture("AIG.csv"));
    assertThat(r.symbols()).containsExactly("AIG.OLD");
    assertThat(store().symbols(Timeframe.D1)).containsExactly("AIG.OLD");
    assertThat(r.actions()).extracting(CorporateAction::symbol).containsOnly("AIG.OLD");
  }

  @Test
  void anAlphaVantageErrorPayloadRefusesTheImportWithAClearMessage() {
    CsvImportException e = catchThrowableOfType(() -> importFiles(null, false, fixture("AIG.csv"),
        fixture("BF.B.csv.gz")), CsvImportException.class);
    assertThat(e.getMessage()).contains("BF.B.csv.gz:1: not a CSV file but a JSON document ({ Error Message })")
        .contains("AlphaVantage answers a failed request").contains("--skip-bad-rows");
    assertThat(e.problems()).hasSize(1);
    assertThat(dir.resolve("store")).doesNotExist(); // nothing written, not even AIG
  }

  @Test
  void skippingBadRowsLeavesTheNonCsvFileOutAndListsIt() throws IOException {
    DailyCsvImporter.Report r = importFiles(null, true, fixture("AIG.csv"), fixture("BF.B.csv.gz"));
    assertThat(r.symbols()).containsExactly("AIG");
    assertThat(r.barsWritten()).isEqualTo(6);
    assertThat(r.problems()).singleElement().satisfies(p -> {
      assertThat(p.file().getFileName().toString()).isEqualTo("BF.B.csv.gz");
      assertThat(p.line()).isEqualTo(1);
      assertThat(p.raw()).isEqualTo("{");
    });
    assertThat(r.rejectsFile()).isEqualTo(store().root().resolve(DailyCsvImporter.REJECTS_FILE));
    List<String> rejects = Files.readAllLines(r.rejectsFile());
    assertThat(rejects.get(0)).isEqualTo("file,line,reason,raw");
    assertThat(rejects).hasSize(2);
    assertThat(rejects.get(1)).contains("BF.B.csv.gz,1,");
  }

  @Test
  void badRowsAreReportedWithFileAndLineAndRefuseTheImport() throws IOException {
    Path f = csv("XYZ.csv", HEADER,
        "2009-06-29,1.46,1.46,1.28,1.33,18.87,86654000,0.0,1.0", // line 2: good
        "2009-06-27,1.46,1.46,1.28,1.33,18.87,86654000,0.0,1.0", // 3: a Saturday
        "2009-06-30,1.33,1.20,1.08,1.16,16.45,17698000,0.0,1.0", // 4: high below open
        "2009-07-01,19.65,22.96,17.54,18.08,12.82,-5,0.0,0.05", // 5: negative volume
        "2009-07-02,abc,19.57,17.65,18.46,13.09,13038400,0.0,1.0", // 6: not a number
        "2009-07-03,17.86,19.57,17.65,18.46,13.09,13038400,0.0", // 7: 8 fields
        "2009-07-06,18.3,18.31,15.78,16.19,11.48,17649100,-0.1,0", // 8: negative dividend, split 0
        "2009/07/07,15.78,15.96,13.55,13.75,9.75,27021300,0.0,1.0", // 9: not ISO
        "2009-07-08,13.29,14.07,12.47,NaN,9.29,21201000,0.0,1.0"); // 10: NaN
    CsvImportException e = catchThrowableOfType(() -> importFiles(null, false, f), CsvImportException.class);
    assertThat(e.problems()).extracting(RowProblem::line).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(e.problems()).extracting(RowProblem::reason).containsExactly(
        "timestamp 2009-06-27 is a saturday, not a trading day",
        "high 1.2 is below max(open, close) 1.33",
        "negative volume -5.0",
        "open 'abc' is not a finite number",
        "wrong number of fields: 8 instead of the header's 9",
        "negative dividend_amount -0.1; split_coefficient 0.0 is not positive (1 means no split)",
        "timestamp '2009/07/07' is not a date YYYY-MM-DD",
        "close 'NaN' is not a finite number");
    assertThat(e.getMessage()).contains(f + ":3: timestamp 2009-06-27 is a saturday").contains("8 problems");
    assertThat(dir.resolve("store")).doesNotExist();

    DailyCsvImporter.Report skipped = importFiles(null, true, f);
    assertThat(skipped.barsWritten()).isEqualTo(1);
    assertThat(skipped.problems()).hasSize(8);
    assertThat(store().read(Timeframe.D1)).containsExactly(
        Bar.of("XYZ", Timeframe.D1, (14_426L - 2) * 86_400_000_000L, 1.46, 1.46, 1.28, 1.33, 86_654_000));
  }

  @Test
  void repeatedDatesAreKeptOnceWhenIdenticalAndRefusedWhenTheyDiffer() throws IOException {
    String row = "2009-06-29,1.46,1.46,1.28,1.33,18.87,86654000,0.0,1.0";
    Path a = csv("A.csv", HEADER, "2009-06-30,1.33,1.33,1.08,1.16,16.45,17698000,0.0,1.0", row, row);
    DailyCsvImporter.Report r = importFiles(null, false, a);
    assertThat(r.barsWritten()).isEqualTo(2);
    assertThat(r.notes()).containsExactly("A: rows were not in date order; sorted",
        "A: 1 repeated row with identical values kept once");

    Path b = csv("B.csv", HEADER, row, "2009-06-29,1.46,1.50,1.28,1.33,18.87,86654000,0.0,1.0");
    CsvImportException e = catchThrowableOfType(() -> importFiles(null, false, b), CsvImportException.class);
    assertThat(e.problems()).extracting(RowProblem::line).containsExactly(2L, 3L);
    assertThat(e.problems().get(0).reason()).isEqualTo("date 2009-06-29 of B appears again with other values at "
        + b + ":3");
  }

  @Test
  void reimportingMergesInsteadOfDuplicating() {
    importFiles(null, false, fixture("AIG.csv"));
    importFiles(null, false, fixture("AIG.csv"), fixture("SO.csv"));
    assertThat(store().read(Timeframe.D1)).hasSize(6 + 3);
    assertThat(CorporateActionStore.at(store().root()).read()).hasSize(2 + 2);
  }

  @Test
  void aFileWithAnotherHeaderIsNotGuessed() throws IOException {
    Path f = csv("Q.csv", "symbol,timestamp,open,high,low,close,volume", "Q,2019-02-11,1,1,1,1,1");
    CsvImportException e = catchThrowableOfType(() -> importFiles(null, false, f), CsvImportException.class);
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(1);
      assertThat(p.reason()).startsWith("not an AlphaVantage daily CSV: the header lacks adjusted_close, "
          + "dividend_amount, split_coefficient and has unknown or repeated 'symbol'");
    });
  }
}
