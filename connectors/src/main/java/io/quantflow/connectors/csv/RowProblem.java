package io.quantflow.connectors.csv;

import io.quantflow.domain.Checks;
import java.nio.file.Path;

/**
 * A CSV row that cannot be imported. This record is immutable and thread-safe.
 *
 * @param file the CSV file, as given to the reader
 * @param line the physical line (1-based; the header is line 1) on which the row starts
 * @param reason why the row is bad, specific enough to fix it (several reasons are joined with "; ")
 * @param raw the row as it appears in the file, without the line break
 */
public record RowProblem(Path file, long line, String reason, String raw) {
  /** Checks the arguments. */
  public RowProblem {
    Checks.notNull(file, "file");
    Checks.positive(line, "line");
    Checks.notBlank(reason, "reason");
    Checks.notNull(raw, "raw");
  }

  /** The problem as {@code file:line: reason}, the form compilers use, so editors can jump to the line. */
  @Override
  public String toString() {
    return file + ":" + line + ": " + reason;
  }
}
