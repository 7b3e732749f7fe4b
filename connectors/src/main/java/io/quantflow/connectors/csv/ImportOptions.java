package io.quantflow.connectors.csv;

import io.quantflow.domain.Checks;
import io.quantflow.domain.Timeframe;
import java.util.function.Consumer;

/**
 * Settings of a CSV import ({@link CsvBarImporter}). This record is immutable and thread-safe if
 * {@code progress} is.
 *
 * @param timeframe the timeframe of the bars, or null to infer it from the spacing of the timestamps
 * @param skipBadRows false (the default): refuse the input if any row is bad and write nothing; true: write the
 *     good rows and list the bad ones in a rejects file
 * @param progress receives human-readable progress lines (per file read, every million rows, per write step)
 */
public record ImportOptions(Timeframe timeframe, boolean skipBadRows, Consumer<String> progress) {
  /** Checks the arguments. */
  public ImportOptions {
    Checks.notNull(progress, "progress");
  }

  /** Infer the timeframe, refuse bad rows, report no progress. */
  public static ImportOptions defaults() {
    return new ImportOptions(null, false, line -> { });
  }

  /** These options with the timeframe {@code timeframe} (null: infer). */
  public ImportOptions withTimeframe(Timeframe timeframe) {
    return new ImportOptions(timeframe, skipBadRows, progress);
  }

  /** These options with {@code skipBadRows}. */
  public ImportOptions withSkipBadRows(boolean skipBadRows) {
    return new ImportOptions(timeframe, skipBadRows, progress);
  }

  /** These options reporting progress to {@code progress}. */
  public ImportOptions withProgress(Consumer<String> progress) {
    return new ImportOptions(timeframe, skipBadRows, progress);
  }
}
