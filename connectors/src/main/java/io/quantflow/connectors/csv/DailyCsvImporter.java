package io.quantflow.connectors.csv;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.connectors.store.CorporateActionStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Checks;
import io.quantflow.domain.CorporateAction;
import io.quantflow.domain.Timeframe;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * Imports AlphaVantage "daily adjusted" CSV files ({@code quant import daily}) into raw 1d bars of a
 * {@link BarStore} and a {@link CorporateActionStore}. Usage:
 *
 * <pre>{@code
 * DailyCsvImporter.Report r = DailyCsvImporter.importInto(List.of(Path.of("AIG.csv.gz")),
 *     BarStore.at(Path.of("store")), null, false, System.err::println);
 * }</pre>
 *
 * <h2>Format</h2>
 *
 * <ul>
 *   <li>Header {@value #EXPECTED_HEADER} (names trimmed and case-insensitive, any order, no other columns); plain or
 *       gzip-compressed (recognised by its magic bytes, whatever the name); UTF-8; LF or CRLF.</li>
 *   <li>One file per symbol, named after it: {@code AAPL.csv.gz}, {@code BF.B.csv} give {@code AAPL} and
 *       {@code BF.B}, unless a symbol is given.</li>
 *   <li>{@code timestamp} is the trading date ({@code YYYY-MM-DD}, America/New_York), a weekday. The bar is labelled
 *       by midnight UTC of that date, the store's 1d convention ({@link Timeframe#D1}).</li>
 *   <li>{@code open, high, low, close} are raw (as traded, not adjusted) USD prices, finite and positive, with
 *       {@code low <= open, close <= high}; {@code volume} raw shares, finite and not negative;
 *       {@code adjusted_close} finite and positive, checked but not stored (the vendor adjusts it as of the download
 *       day, so it changes with every later action; the actions table holds what is needed to adjust).</li>
 *   <li>{@code dividend_amount}: USD per share going ex on that date, finite and not negative; 0 means none.
 *       {@code split_coefficient}: new shares per old share effective that date, finite and positive; 1 means none.
 *       Each non-zero dividend and each coefficient other than 1 becomes a {@link CorporateAction}; the vendor's
 *       value is kept as it is ({@code 7.00000700001} for AAPL's 7-for-1 split of 2014-06-09).</li>
 * </ul>
 *
 * <h2>Bad input</h2>
 *
 * A bad row (wrong number of fields, unparseable or non-finite number, bad or weekend date, OHLC rule broken,
 * negative volume or dividend, non-positive split coefficient, a date repeated with other values) and a file that is
 * not such a CSV at all (an empty file, another header, or a JSON document: AlphaVantage answers a failed request
 * with a payload like {@code {"Error Message": ...}}, stored upstream as {@code BF.B.csv.gz}) are problems reported
 * as {@code file:line: reason}. By default any problem refuses the whole import and nothing is written. With
 * {@code skipBadRows} the good rows are imported, files that are not CSV are left out, and every problem goes to
 * {@value #REJECTS_FILE} under the store root ({@code file,line,reason,raw}, as {@code quant import csv} writes).
 * A date repeated with identical values is kept once, with a note.
 *
 * <p>Bars and actions merge into the store: an imported bar or action replaces a stored one with the same key.
 * Stateless and thread-safe, but two imports into one store must not run at the same time.
 */
public final class DailyCsvImporter {
  /** The header the importer expects. */
  public static final String EXPECTED_HEADER =
      "timestamp,open,high,low,close,adjusted_close,volume,dividend_amount,split_coefficient";

  /** Where problems go when bad rows are skipped, relative to the store root. */
  public static final String REJECTS_FILE = "rejects/daily-rejects.csv";

  private static final List<String> COLUMNS = Arrays.asList(EXPECTED_HEADER.split(","));
  private static final int DATE = 0;
  private static final int OPEN = 1;
  private static final int HIGH = 2;
  private static final int LOW = 3;
  private static final int CLOSE = 4;
  private static final int ADJUSTED_CLOSE = 5;
  private static final int VOLUME = 6;
  private static final int DIVIDEND = 7;
  private static final int SPLIT = 8;
  private static final long MICROS_PER_DAY = Timeframe.D1.durationMicros();

  private DailyCsvImporter() {}

  /**
   * What an import did. Immutable.
   *
   * @param rowsRead data rows read
   * @param barsWritten 1d bars written
   * @param filesWritten bar files written or rewritten
   * @param symbols symbols written, sorted
   * @param actions the corporate actions of the imported rows, sorted by symbol, ex-date and kind
   * @param problems the skipped problems (empty unless {@code skipBadRows})
   * @param notes things the importer fixed or assumed (rows sorted, repeated rows dropped)
   * @param rejectsFile the file listing the skipped problems, or null if none were skipped
   */
  public record Report(long rowsRead, long barsWritten, int filesWritten, List<String> symbols,
      List<CorporateAction> actions, List<RowProblem> problems, List<String> notes, Path rejectsFile) {
    /** Copies the lists. */
    public Report {
      symbols = List.copyOf(symbols);
      actions = List.copyOf(actions);
      problems = List.copyOf(problems);
      notes = List.copyOf(notes);
    }

    /** One line for people. */
    public String summary() {
      long splits = actions.stream().filter(a -> a.kind() == CorporateAction.Kind.SPLIT).count();
      String s = String.format(Locale.ROOT, "%,d rows read: %,d 1d bars of %d symbol%s written to %,d file%s, "
          + "%,d dividends and %,d splits", rowsRead, barsWritten, symbols.size(), symbols.size() == 1 ? "" : "s",
          filesWritten, filesWritten == 1 ? "" : "s", actions.size() - splits, splits);
      return rejectsFile == null ? s : s + String.format(Locale.ROOT, "; %,d problem%s skipped, listed in %s",
          problems.size(), problems.size() == 1 ? "" : "s", rejectsFile);
    }
  }

  /**
   * Reads, checks and writes daily files into {@code store}; see the class comment for the format.
   *
   * @param files the CSV files (plain or gzip), at least one
   * @param store the store; created if missing
   * @param symbol the symbol of every file, or null to take each file's name
   * @param skipBadRows false: refuse the import on any problem and write nothing; true: import the good rows
   * @param progress receives a line per file read and per write step
   * @throws CsvImportException listing the problems when there are some and {@code skipBadRows} is false, or when no
   *     row at all can be imported; nothing but the rejects file is written then
   * @throws UncheckedIOException if a file cannot be read or the store cannot be written
   */
  public static Report importInto(List<Path> files, BarStore store, String symbol, boolean skipBadRows,
      Consumer<String> progress) {
    Checks.notNull(files, "files");
    Checks.notNull(store, "store");
    Checks.notNull(progress, "progress");
    Checks.isTrue(!files.isEmpty(), "Argument 'files' must not be empty: pass at least one daily CSV file");
    for (Path f : files) {
      checkReadable(Checks.notNull(f, "files[]"));
    }
    Parse parse = new Parse();
    for (Path f : files) {
      String sym = symbol != null ? symbol.trim() : symbolOf(f);
      checkSymbol(sym, f, symbol != null);
      progress.accept("reading " + f + " as " + sym);
      parse.file(f, sym);
    }
    List<Row> good = parse.combine();
    List<RowProblem> problems = parse.problems;
    problems.sort(Comparator.comparing((RowProblem p) -> p.file().toString()).thenComparingLong(RowProblem::line));
    Path rejects = store.root().resolve(REJECTS_FILE);
    if (!problems.isEmpty() && !skipBadRows) {
      throw new CsvImportException(String.format(Locale.ROOT, "Refused to import %s: %,d problem%s, so nothing was "
          + "written:%n%s%nFix them, or re-run with --skip-bad-rows to import the good rows (files that are not CSV "
          + "are left out) and list the problems in %s", describe(files), problems.size(),
          problems.size() == 1 ? "" : "s", list(problems), rejects), problems);
    }
    if (good.isEmpty()) {
      CsvBarImporter.writeRejects(rejects, problems);
      throw new CsvImportException(String.format(Locale.ROOT, "No row of %s can be imported; the problems are in %s;"
          + " the first ones:%n%s", describe(files), rejects, list(problems)), problems);
    }
    List<Bar> bars = new ArrayList<>(good.size());
    List<CorporateAction> actions = new ArrayList<>();
    for (Row r : good) {
      bars.add(Bar.of(r.symbol, Timeframe.D1, r.date.toEpochDay() * MICROS_PER_DAY, r.open, r.high, r.low, r.close,
          r.volume));
      if (r.dividend != 0) {
        actions.add(CorporateAction.dividend(r.symbol, r.date, r.dividend));
      }
      if (r.split != 1) {
        actions.add(CorporateAction.split(r.symbol, r.date, r.split));
      }
    }
    actions.sort(Comparator.comparing(CorporateAction::symbol).thenComparing(CorporateAction::exDate)
        .thenComparing(CorporateAction::kind));
    List<String> symbols = good.stream().map(r -> r.symbol).distinct().sorted().toList();
    progress.accept(String.format(Locale.ROOT, "writing %,d 1d bars of %d symbol%s and %,d corporate actions to %s",
        bars.size(), symbols.size(), symbols.size() == 1 ? "" : "s", actions.size(), store.root()));
    int filesWritten = store.write(bars);
    CorporateActionStore.at(store.root()).write(actions);
    Path rejectsFile = null;
    if (!problems.isEmpty()) {
      CsvBarImporter.writeRejects(rejects, problems);
      rejectsFile = rejects;
    }
    return new Report(parse.rowsRead, bars.size(), filesWritten, symbols, actions, problems, parse.notes,
        rejectsFile);
  }

  /** The symbol a file name gives: the name without {@code .gz} and {@code .csv} ({@code BF.B.csv.gz}: BF.B). */
  public static String symbolOf(Path file) {
    String name = file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
      lower = lower.substring(0, lower.length() - 3);
    }
    if (lower.endsWith(".csv")) {
      name = name.substring(0, name.length() - 4);
    }
    return name;
  }

  private static void checkReadable(Path f) {
    if (!Files.exists(f)) {
      throw new CsvImportException("Daily CSV file " + f + " does not exist; check the --data path (relative paths "
          + "start at " + Path.of("").toAbsolutePath() + ")");
    }
    if (!Files.isRegularFile(f)) {
      throw new CsvImportException(f + " is not a file; pass the daily CSV files themselves to --data");
    }
  }

  private static void checkSymbol(String symbol, Path file, boolean given) {
    boolean ok = !symbol.isBlank()
        && symbol.chars().noneMatch(c -> c == '/' || c == '\\' || c == '=' || Character.isWhitespace(c));
    if (!ok) {
      throw new CsvImportException(given ? "--symbol '" + symbol + "' cannot be stored: it is blank or contains '/', "
          + "'\\', '=' or whitespace" : "The file name " + file.getFileName() + " gives the symbol '" + symbol
          + "', which cannot be stored (blank, or '/', '\\', '=' or whitespace); rename the file to SYMBOL.csv.gz "
          + "or pass --symbol");
    }
  }

  private static String describe(List<Path> files) {
    return files.size() == 1 ? files.get(0).toString() : files.size() + " daily CSV files";
  }

  private static String list(List<RowProblem> problems) {
    String listed = problems.stream().limit(CsvBarImporter.LISTED_PROBLEMS).map(p -> "  " + p)
        .collect(Collectors.joining(System.lineSeparator()));
    return problems.size() <= CsvBarImporter.LISTED_PROBLEMS ? listed : listed + System.lineSeparator()
        + String.format(Locale.ROOT, "  ... and %,d more", problems.size() - CsvBarImporter.LISTED_PROBLEMS);
  }

  /** One good row. */
  private record Row(String symbol, LocalDate date, double open, double high, double low, double close,
      double volume, double dividend, double split, Path file, long line, String raw) {
    boolean sameValues(Row o) {
      return open == o.open && high == o.high && low == o.low && close == o.close && volume == o.volume
          && dividend == o.dividend && split == o.split;
    }
  }

  /** The state of one import: rows per symbol, problems and notes. */
  private static final class Parse {
    final Map<String, List<Row>> bySymbol = new TreeMap<>();
    final List<RowProblem> problems = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    long rowsRead;

    void file(Path file, String symbol) {
      try (CsvRecordReader r = new CsvRecordReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
        boolean any;
        do {
          any = r.next();
        } while (any && r.isBlank());
        if (!any) {
          problems.add(new RowProblem(file, 1, "the file is empty; expected the header " + EXPECTED_HEADER, ""));
          return;
        }
        long headerLine = r.line();
        String headerRaw = r.raw();
        int[] col = header(r, file);
        if (col == null) {
          return;
        }
        int fields = r.fieldCount();
        long rows = 0;
        while (r.next()) {
          if (r.isBlank()) {
            continue;
          }
          rows++;
          rowsRead++;
          Row row = row(r, file, symbol, col, fields);
          if (row != null) {
            bySymbol.computeIfAbsent(symbol, s -> new ArrayList<>()).add(row);
          }
        }
        if (rows == 0) {
          problems.add(new RowProblem(file, headerLine, "no data rows below the header", headerRaw));
        }
      } catch (java.util.zip.ZipException e) {
        problems.add(new RowProblem(file, 1, "the gzip data is corrupt (" + e.getMessage() + ")", ""));
      } catch (IOException e) {
        throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
      }
    }

    /** Column positions by {@link #COLUMNS} index, or null after recording why the file is not such a CSV. */
    private int[] header(CsvRecordReader r, Path file) throws IOException {
      String first = r.raw().trim();
      if (first.startsWith("{") || first.startsWith("[")) {
        List<String> lines = new ArrayList<>(List.of(first));
        for (int i = 0; i < 2 && r.next(); i++) {
          lines.add(r.raw().trim());
        }
        String payload = String.join(" ", lines);
        payload = payload.length() > 120 ? payload.substring(0, 120) + "..." : payload;
        problems.add(new RowProblem(file, 1, "not a CSV file but a JSON document (" + payload + "): AlphaVantage "
            + "answers a failed request with such a payload instead of data; download the symbol again", first));
        return null;
      }
      int[] col = new int[COLUMNS.size()];
      Arrays.fill(col, -1);
      List<String> unknown = new ArrayList<>();
      for (int i = 0; i < r.fieldCount(); i++) {
        String name = r.field(i).trim().toLowerCase(Locale.ROOT);
        int c = COLUMNS.indexOf(name);
        if (c < 0 || col[c] >= 0) {
          unknown.add("'" + r.field(i).trim() + "'");
        } else {
          col[c] = i;
        }
      }
      List<String> missing = new ArrayList<>();
      for (int c = 0; c < COLUMNS.size(); c++) {
        if (col[c] < 0) {
          missing.add(COLUMNS.get(c));
        }
      }
      if (missing.isEmpty() && unknown.isEmpty()) {
        return col;
      }
      List<String> what = new ArrayList<>();
      if (!missing.isEmpty()) {
        what.add("lacks " + String.join(", ", missing));
      }
      if (!unknown.isEmpty()) {
        what.add("has unknown or repeated " + String.join(", ", unknown));
      }
      problems.add(new RowProblem(file, r.line(), "not an AlphaVantage daily CSV: the header " + String.join(" and ",
          what) + "; expected " + EXPECTED_HEADER + " (any order, case-insensitive)", r.raw()));
      return null;
    }

    /** One data row, or null after recording its problem. */
    private Row row(CsvRecordReader r, Path file, String symbol, int[] col, int fields) {
      if (r.fieldCount() != fields) {
        problems.add(new RowProblem(file, r.line(), "wrong number of fields: " + r.fieldCount() + " instead of the "
            + "header's " + fields, r.raw()));
        return null;
      }
      List<String> reasons = new ArrayList<>();
      LocalDate date = null;
      String dateText = r.field(col[DATE]).trim();
      try {
        date = LocalDate.parse(dateText);
        if (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
          reasons.add("timestamp " + dateText + " is a " + date.getDayOfWeek().toString().toLowerCase(Locale.ROOT)
              + ", not a trading day");
        }
      } catch (DateTimeParseException e) {
        reasons.add("timestamp '" + dateText + "' is not a date YYYY-MM-DD");
      }
      double open = number(r, col, OPEN, reasons);
      double high = number(r, col, HIGH, reasons);
      double low = number(r, col, LOW, reasons);
      double close = number(r, col, CLOSE, reasons);
      double adjusted = number(r, col, ADJUSTED_CLOSE, reasons);
      double volume = number(r, col, VOLUME, reasons);
      double dividend = number(r, col, DIVIDEND, reasons);
      double split = number(r, col, SPLIT, reasons);
      double[] prices = {open, high, low, close, adjusted};
      int[] priceColumns = {OPEN, HIGH, LOW, CLOSE, ADJUSTED_CLOSE};
      for (int i = 0; i < prices.length; i++) {
        if (prices[i] <= 0) {
          reasons.add(COLUMNS.get(priceColumns[i]) + " " + prices[i] + " is not positive");
        }
      }
      if (high < Math.max(open, close)) {
        reasons.add("high " + high + " is below max(open, close) " + Math.max(open, close));
      }
      if (low > Math.min(open, close)) {
        reasons.add("low " + low + " is above min(open, close) " + Math.min(open, close));
      }
      if (volume < 0) {
        reasons.add("negative volume " + volume);
      }
      if (dividend < 0) {
        reasons.add("negative dividend_amount " + dividend);
      }
      if (split <= 0) {
        reasons.add("split_coefficient " + split + " is not positive (1 means no split)");
      }
      if (!reasons.isEmpty()) {
        problems.add(new RowProblem(file, r.line(), String.join("; ", reasons), r.raw()));
        return null;
      }
      return new Row(symbol, date, open, high, low, close, volume, dividend, split, file, r.line(), r.raw());
    }

    /** A finite number, or NaN after recording why not (NaN fails every later comparison silently). */
    private static double number(CsvRecordReader r, int[] col, int c, List<String> reasons) {
      String text = r.field(col[c]).trim();
      // Double.parseDouble also takes "NaN", "Infinity", hex and a trailing 'd': not numbers in a CSV
      if (!text.isEmpty() && text.chars().allMatch(ch -> ch >= '0' && ch <= '9' || ch == '.' || ch == '-'
          || ch == '+' || ch == 'e' || ch == 'E')) {
        try {
          double v = Double.parseDouble(text);
          if (Double.isFinite(v)) {
            return v;
          }
        } catch (NumberFormatException e) {
          // reported below
        }
      }
      reasons.add(COLUMNS.get(c) + " '" + text + "' is not a finite number");
      return Double.NaN;
    }

    /** The good rows of every symbol in date order; repeated dates are resolved or reported. */
    List<Row> combine() {
      List<Row> out = new ArrayList<>();
      for (Map.Entry<String, List<Row>> e : bySymbol.entrySet()) {
        List<Row> rows = e.getValue();
        boolean sorted = true;
        for (int i = 1; i < rows.size() && sorted; i++) {
          sorted = rows.get(i - 1).date.isBefore(rows.get(i).date);
        }
        if (!sorted) {
          rows.sort(Comparator.comparing(Row::date)); // stable: file and line order among equal dates
        }
        Map<LocalDate, List<Row>> byDate = new HashMap<>();
        for (Row r : rows) {
          byDate.computeIfAbsent(r.date, d -> new ArrayList<>()).add(r);
        }
        long repeats = 0;
        for (Row r : rows) {
          List<Row> same = byDate.get(r.date);
          if (same.size() > 1) {
            if (!same.stream().allMatch(x -> x.sameValues(same.get(0)))) {
              String others = same.stream().filter(x -> x != r).map(x -> x.file + ":" + x.line)
                  .collect(Collectors.joining(", "));
              problems.add(new RowProblem(r.file, r.line, "date " + r.date + " of " + e.getKey() + " appears again "
                  + "with other values at " + others, r.raw));
              continue;
            }
            if (same.get(0) != r) {
              repeats++;
              continue;
            }
          }
          out.add(r);
        }
        if (!sorted) {
          notes.add(e.getKey() + ": rows were not in date order; sorted");
        }
        if (repeats > 0) {
          notes.add(String.format(Locale.ROOT, "%s: %,d repeated row%s with identical values kept once", e.getKey(),
              repeats, repeats == 1 ? "" : "s"));
        }
      }
      return out;
    }
  }

  /** The file's bytes, gunzipped when they start with the gzip magic number. */
  private static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
  }
}
