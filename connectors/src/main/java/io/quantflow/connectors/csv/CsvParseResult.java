package io.quantflow.connectors.csv;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Checks;
import io.quantflow.domain.Timeframe;
import java.util.List;

/**
 * What {@link CsvBarReader} made of one or more CSV files. This record is immutable and thread-safe.
 *
 * @param bars the good bars, sorted by symbol then timestamp, with unique timestamps per symbol (exact duplicate
 *     rows are kept once)
 * @param problems the bad rows, sorted by file (in the order given) then line
 * @param notes things the reader fixed or assumed, one sentence each (rows sorted, duplicates dropped, epoch units
 *     inferred, timeframe inferred)
 * @param timeframe the timeframe of the bars, given or inferred; null only if no row was good enough to infer it
 * @param rowsRead data rows read (blank lines and headers not counted)
 */
public record CsvParseResult(
    List<Bar> bars, List<RowProblem> problems, List<String> notes, Timeframe timeframe, long rowsRead) {
  /** Checks the arguments and copies the lists. */
  public CsvParseResult {
    bars = List.copyOf(Checks.notNull(bars, "bars"));
    problems = List.copyOf(Checks.notNull(problems, "problems"));
    notes = List.copyOf(Checks.notNull(notes, "notes"));
    Checks.isTrue(timeframe != null || bars.isEmpty(), "Argument 'timeframe' must not be null when there are bars");
    Checks.isTrue(rowsRead >= 0, "Argument 'rowsRead' must not be negative but was %d", rowsRead);
  }

  /** The symbols of the good bars, sorted. */
  public List<String> symbols() {
    return bars.stream().map(Bar::symbol).distinct().sorted().toList();
  }
}
