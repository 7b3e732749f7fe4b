package io.quantflow.connectors.csv;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Checks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Imports CSV bar files into a {@link BarStore} ({@code quant import csv}). Usage:
 *
 * <pre>{@code
 * CsvImportReport r = CsvBarImporter.importInto(List.of(Path.of("bars.csv")), BarStore.at(Path.of("store")),
 *     ImportOptions.defaults());
 * System.out.println(r.summary());
 * }</pre>
 *
 * <p>The files are read and checked by {@link CsvBarReader} before anything is written. By default any bad row
 * refuses the whole input: a {@link CsvImportException} lists the bad rows and the store is left untouched (no
 * folder is created), so a partial import never hides among good data. With {@link ImportOptions#skipBadRows()}
 * the good bars are written and the bad rows go to {@value #REJECTS_FILE} under the store root, a CSV file with
 * header {@code file,line,reason,raw} that is replaced on each import that skips rows.
 *
 * <p>Bars merge into the store: an imported bar replaces a stored bar of the same symbol, timeframe and timestamp.
 * This class is stateless and thread-safe, but two imports into one store must not run at the same time.
 */
public final class CsvBarImporter {
  /** Where the rejected rows go, relative to the store root. */
  public static final String REJECTS_FILE = "rejects/import-rejects.csv";

  /** How many bad rows the message of a refused import lists; {@link CsvImportException#problems()} has all. */
  public static final int LISTED_PROBLEMS = 20;

  private CsvBarImporter() {}

  /** The rejects file of {@code store}. */
  public static Path rejectsFile(BarStore store) {
    return Checks.notNull(store, "store").root().resolve(REJECTS_FILE);
  }

  /**
   * Reads, checks and writes CSV bar files into {@code store}.
   *
   * @param csvFiles the CSV files; the same symbol may appear in several of them
   * @param store the store to write into; created if missing
   * @param options timeframe (null: infer), whether to skip bad rows, and where progress goes
   * @return what was read and written
   * @throws CsvImportException if the input cannot be read as bars (see {@link CsvBarReader#read}), if a row is bad
   *     and bad rows are not skipped, or if every row is bad; nothing but the rejects file is written then
   * @throws UncheckedIOException if a file cannot be read or the store cannot be written
   */
  public static CsvImportReport importInto(List<Path> csvFiles, BarStore store, ImportOptions options) {
    Checks.notNull(csvFiles, "csvFiles");
    Checks.notNull(store, "store");
    Checks.notNull(options, "options");
    CsvParseResult parsed = CsvBarReader.read(csvFiles, options.timeframe(), options.progress());
    Path rejects = rejectsFile(store);
    List<RowProblem> problems = parsed.problems();
    if (!problems.isEmpty() && !options.skipBadRows()) {
      throw new CsvImportException(refusal(csvFiles, parsed, rejects), problems);
    }
    if (parsed.bars().isEmpty()) {
      writeRejects(rejects, problems);
      String all = parsed.rowsRead() == 1 ? "its only row is" : String.format(Locale.ROOT, "all %,d rows are",
          parsed.rowsRead());
      throw new CsvImportException(String.format(Locale.ROOT, "No row of %s can be imported: %s bad. The reasons "
          + "are in %s; the first ones:%n%s", files(csvFiles), all, rejects, list(problems)), problems);
    }
    List<String> symbols = parsed.symbols();
    options.progress().accept(String.format(Locale.ROOT, "writing %,d %s bars of %d symbol%s to %s",
        parsed.bars().size(), parsed.timeframe(), symbols.size(), symbols.size() == 1 ? "" : "s", store.root()));
    int filesWritten = store.write(parsed.bars());
    Path rejectsFile = null;
    if (!problems.isEmpty()) {
      writeRejects(rejects, problems);
      rejectsFile = rejects;
      options.progress().accept(String.format(Locale.ROOT, "skipped %,d bad rows; listed in %s", problems.size(),
          rejects));
    }
    return new CsvImportReport(parsed.rowsRead(), parsed.bars().size(), filesWritten, parsed.timeframe(), symbols,
        problems, parsed.notes(), rejectsFile);
  }

  private static String refusal(List<Path> csvFiles, CsvParseResult parsed, Path rejects) {
    List<RowProblem> problems = parsed.problems();
    return String.format(Locale.ROOT, "Refused to import %s: %,d of %,d rows %s bad, so nothing was written:%n%s%n"
        + "Fix these rows, or re-run with --skip-bad-rows to import the good rows and write the rejected ones to %s",
        files(csvFiles), problems.size(), parsed.rowsRead(), problems.size() == 1 ? "is" : "are", list(problems),
        rejects);
  }

  /** The first {@link #LISTED_PROBLEMS} problems, one {@code file:line: reason} per line. */
  private static String list(List<RowProblem> problems) {
    String listed = problems.stream().limit(LISTED_PROBLEMS).map(p -> "  " + p)
        .collect(Collectors.joining(System.lineSeparator()));
    return problems.size() <= LISTED_PROBLEMS ? listed
        : listed + System.lineSeparator() + String.format(Locale.ROOT, "  ... and %,d more",
            problems.size() - LISTED_PROBLEMS);
  }

  private static String files(List<Path> csvFiles) {
    return csvFiles.size() == 1 ? csvFiles.get(0).toString() : csvFiles.size() + " CSV files";
  }

  /** Writes the rejects file through a temporary file, so it is either the old or the complete new list. */
  static void writeRejects(Path rejects, List<RowProblem> problems) {
    try {
      Files.createDirectories(rejects.getParent());
      Path tmp = rejects.resolveSibling("." + rejects.getFileName() + ".tmp");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        w.write("file,line,reason,raw\n");
        for (RowProblem p : problems) {
          w.write(csvField(p.file().toString()));
          w.write(',');
          w.write(Long.toString(p.line()));
          w.write(',');
          w.write(csvField(p.reason()));
          w.write(',');
          w.write(csvField(p.raw()));
          w.write('\n');
        }
      }
      try {
        Files.move(tmp, rejects, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, rejects, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the rejects file " + rejects + ": " + e.getMessage()
          + " (check that the folder is writable and the disk is not full)", e);
    }
  }

  /** A CSV field, quoted (RFC 4180) if it holds a comma, quote, line break or surrounding blanks. */
  static String csvField(String s) {
    boolean quote = !s.isEmpty() && (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ');
    for (int i = 0; i < s.length() && !quote; i++) {
      char c = s.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }
}
