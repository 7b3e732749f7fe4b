package io.quantflow.connectors.csv;

import io.quantflow.domain.Checks;
import io.quantflow.domain.Timeframe;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a CSV import ({@link CsvBarImporter}). This record is immutable and thread-safe.
 *
 * @param rowsRead data rows read from the CSV files
 * @param barsWritten bars written to the store (rows less bad rows and dropped exact duplicates)
 * @param filesWritten Parquet files written or rewritten in the store
 * @param timeframe the timeframe of the bars, given or inferred
 * @param symbols the symbols written, sorted
 * @param problems the bad rows that were skipped (empty unless bad rows were skipped)
 * @param notes things the reader fixed or assumed (rows sorted, duplicates dropped, units inferred)
 * @param rejectsFile the CSV file listing the skipped rows with their reasons, or null if no row was skipped
 */
public record CsvImportReport(
    long rowsRead,
    long barsWritten,
    int filesWritten,
    Timeframe timeframe,
    List<String> symbols,
    List<RowProblem> problems,
    List<String> notes,
    Path rejectsFile) {
  /** Checks the arguments and copies the lists. */
  public CsvImportReport {
    Checks.notNull(timeframe, "timeframe");
    symbols = List.copyOf(Checks.notNull(symbols, "symbols"));
    problems = List.copyOf(Checks.notNull(problems, "problems"));
    notes = List.copyOf(Checks.notNull(notes, "notes"));
    Checks.isTrue(rejectsFile != null || problems.isEmpty(),
        "Argument 'rejectsFile' must be given when rows were skipped (%d)", problems.size());
  }

  /** One line for people, e.g. {@code 15,588 rows read: 15,588 1m bars of 8 symbols written to 8 files}. */
  public String summary() {
    String s = String.format(Locale.ROOT, "%,d rows read: %,d %s bars of %d symbol%s written to %,d file%s",
        rowsRead, barsWritten, timeframe, symbols.size(), symbols.size() == 1 ? "" : "s", filesWritten,
        filesWritten == 1 ? "" : "s");
    return rejectsFile == null ? s
        : s + String.format(Locale.ROOT, "; %,d bad row%s skipped, listed in %s", problems.size(),
            problems.size() == 1 ? "" : "s", rejectsFile);
  }
}
