package io.quantflow.connectors.csv;

import java.util.List;

/**
 * A CSV import that cannot proceed: a missing file, a bad header, a timeframe that cannot be inferred, or bad rows
 * that the caller did not ask to skip. The message says what is wrong and how to fix it; for bad rows,
 * {@link #problems()} lists every one of them.
 */
public class CsvImportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Not serialized with the exception: problems are for the caller that caught it. */
  private final transient List<RowProblem> problems;

  /** An error about the input as a whole (file, header, timeframe). */
  public CsvImportException(String message) {
    this(message, List.of());
  }

  /** An error caused by bad rows. */
  public CsvImportException(String message, List<RowProblem> problems) {
    super(message);
    this.problems = List.copyOf(problems);
  }

  /** The bad rows, in file and line order; empty if the error is not about rows. */
  public List<RowProblem> problems() {
    return problems == null ? List.of() : problems;
  }
}
