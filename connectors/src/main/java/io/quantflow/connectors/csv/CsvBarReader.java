package io.quantflow.connectors.csv;

import io.quantflow.connectors.csv.CsvValues.BadValue;
import io.quantflow.connectors.csv.CsvValues.TimeUnit;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Checks;
import io.quantflow.domain.Timeframe;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Reads CSV bar files into validated {@link Bar}s, reporting every bad row with its file and line instead of
 * stopping at the first. Usage:
 *
 * <pre>{@code
 * CsvParseResult r = CsvBarReader.read(List.of(Path.of("bars.csv")), null);   // null: infer the timeframe
 * r.problems().forEach(System.err::println);                                   // bars.csv:12: negative volume: ...
 * }</pre>
 *
 * <h2>Format</h2>
 *
 * <ul>
 *   <li>Header {@value #EXPECTED_HEADER}: names trimmed and case-insensitive, columns in any order, no other
 *       columns. Fields are comma-separated and may be double-quoted (RFC 4180); lines end with LF or CRLF; UTF-8,
 *       with or without a byte-order mark. Blank lines are ignored.
 *   <li>{@code timestamp} is the UTC <em>start</em> of the bar's interval: ISO-8601 with an offset
 *       ({@code 2019-02-11T14:30:00Z}, {@code 2019-02-11 09:30:00-05:00}, fraction digits allowed), a bare date
 *       ({@code 2019-02-11}, midnight UTC: the label of a daily bar), or an integer since the UNIX epoch whose unit
 *       follows from its magnitude (below 1e11 seconds, below 1e14 milliseconds, below 1e17 microseconds, else
 *       nanoseconds). A date-time without offset is a bad row: its time zone would be a guess.
 *   <li>Prices ({@code open, high, low, close, vwap}) in the instrument's currency, finite and positive, with
 *       {@code low <= open, close <= high}; {@code volume} in shares, finite and not negative; {@code trade_count}
 *       a whole number, not negative. The optional {@code trade_count} and {@code vwap} may be empty or
 *       {@code NaN} (pandas' missing value), meaning unknown.
 *   <li>Each timestamp must start an interval of the timeframe, which is aligned to the UTC epoch (see
 *       {@link Timeframe}); daily bars are labelled by midnight UTC.
 * </ul>
 *
 * <h2>Combining rows</h2>
 *
 * The rows of all files are combined per symbol. Rows out of timestamp order are sorted (with a note). Rows with the
 * same symbol and timestamp are kept once if their values are identical (with a note) and are all bad rows
 * otherwise, each naming the others, because the reader cannot know which one is right. If no timeframe is given, it
 * is inferred per symbol as the most common gap between consecutive distinct timestamps (intraday data has one long
 * overnight gap per day, daily data has weekends, but the bar length is still the most common gap); all symbols
 * must agree.
 *
 * <p>The whole input is held in memory (about 200 bytes per row while reading). This class is stateless and thread-safe.
 */
public final class CsvBarReader {
  /** The header the reader expects, for messages: required columns, then the optional ones in brackets. */
  public static final String EXPECTED_HEADER = "symbol,timestamp,open,high,low,close,volume[,trade_count,vwap]";

  /** A progress line is reported after every this many rows of a file. */
  public static final long PROGRESS_EVERY_ROWS = 1_000_000L;

  private static final int SYMBOL = 0;
  private static final int TIMESTAMP = 1;
  private static final int OPEN = 2;
  private static final int HIGH = 3;
  private static final int LOW = 4;
  private static final int CLOSE = 5;
  private static final int VOLUME = 6;
  private static final int TRADE_COUNT = 7;
  private static final int VWAP = 8;
  private static final List<String> COLUMNS =
      List.of("symbol", "timestamp", "open", "high", "low", "close", "volume", "trade_count", "vwap");
  private static final int REQUIRED_COLUMNS = 7;

  private final List<Path> files;
  private final Timeframe timeframe;
  private final Consumer<String> progress;
  private final List<String> notes = new ArrayList<>();
  private final List<FileStats> stats = new ArrayList<>();
  private final Map<String, List<Row>> bySymbol = new HashMap<>();
  private final List<Pending> problems = new ArrayList<>();
  private final TimeUnit[] unit = new TimeUnit[1];
  private final StringBuilder reasons = new StringBuilder();
  private String lastSymbol = "";
  private long rowsRead;

  private CsvBarReader(List<Path> files, Timeframe timeframe, Consumer<String> progress) {
    this.files = files;
    this.timeframe = timeframe;
    this.progress = progress;
  }

  /**
   * Reads and validates CSV files; see the class comment for the format.
   *
   * @param files CSV files, at least one; a file given twice is read once
   * @param timeframe the timeframe of the bars, or null to infer it
   * @throws CsvImportException if a file is missing or empty, a header is wrong, there are no data rows, or the
   *     timeframe cannot be inferred; bad rows do not throw but are listed in {@link CsvParseResult#problems()}
   * @throws UncheckedIOException if a file cannot be read
   */
  public static CsvParseResult read(List<Path> files, Timeframe timeframe) {
    return read(files, timeframe, line -> { });
  }

  /**
   * Like {@link #read(List, Timeframe)}, reporting a line per file read and every {@value #PROGRESS_EVERY_ROWS}
   * rows to {@code progress}.
   */
  public static CsvParseResult read(List<Path> files, Timeframe timeframe, Consumer<String> progress) {
    Checks.notNull(files, "files");
    Checks.notNull(progress, "progress");
    Checks.isTrue(!files.isEmpty(), "Argument 'files' must not be empty: pass at least one CSV file");
    List<Path> unique = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    List<String> twice = new ArrayList<>();
    for (Path f : files) {
      Checks.notNull(f, "files[]");
      if (seen.add(f.toAbsolutePath().normalize())) {
        unique.add(f);
      } else {
        twice.add(f.toString());
      }
    }
    CsvBarReader reader = new CsvBarReader(unique, timeframe, progress);
    twice.forEach(f -> reader.notes.add(f + ": given more than once; read once"));
    return reader.run();
  }

  private CsvParseResult run() {
    for (Path f : files) {
      checkReadable(f);
    }
    for (int i = 0; i < files.size(); i++) {
      readFile(i);
    }
    if (rowsRead == 0) {
      throw new CsvImportException("No data rows in " + fileList() + ": there is a header but no bars below it");
    }
    // Per symbol: sort by time (stable, so earlier files and lines come first among equal timestamps), keep one
    // of identical rows, report conflicting ones, and measure the gaps for the timeframe inference.
    TreeMap<String, List<Row>> kept = new TreeMap<>();
    Map<String, Long> typicalGaps = new TreeMap<>();
    for (Map.Entry<String, List<Row>> e : bySymbol.entrySet()) {
      List<Row> rows = e.getValue();
      rows.sort(Row.BY_TIME);
      List<Row> good = new ArrayList<>(rows.size());
      Map<Long, int[]> gaps = new HashMap<>();
      for (int i = 0; i < rows.size(); ) {
        int j = i + 1;
        while (j < rows.size() && rows.get(j).ts == rows.get(i).ts) {
          j++;
        }
        if (i > 0) {
          gaps.computeIfAbsent(rows.get(i).ts - rows.get(i - 1).ts, g -> new int[1])[0]++;
        }
        resolveDuplicates(rows.subList(i, j), good);
        i = j;
      }
      kept.put(e.getKey(), good);
      typicalGaps.put(e.getKey(), typicalGap(gaps));
    }
    bySymbol.clear();
    for (FileStats s : stats) {
      s.addNotes(notes);
    }

    Timeframe tf = decideTimeframe(typicalGaps, kept);
    List<Bar> bars = new ArrayList<>();
    for (List<Row> rows : kept.values()) {
      for (Row r : rows) {
        if (Math.floorMod(r.ts, tf.durationMicros()) != 0) {
          problems.add(new Pending(r.file, r.line, misaligned(r.ts, tf), null));
          continue;
        }
        try {
          bars.add(new Bar(r.symbol, tf, r.ts, r.open, r.high, r.low, r.close, r.volume, r.tradeCount, r.vwap));
        } catch (IllegalArgumentException ex) {
          // The row checks mirror Bar's; this only guards against the two drifting apart.
          problems.add(new Pending(r.file, r.line, ex.getMessage(), null));
        }
      }
    }
    return new CsvParseResult(bars, finishProblems(), notes, tf, rowsRead);
  }

  // ---- reading ----

  private void checkReadable(Path f) {
    if (!Files.exists(f)) {
      throw new CsvImportException("CSV file " + f + " does not exist; check the --data path (relative paths start "
          + "at " + Path.of("").toAbsolutePath() + ")");
    }
    if (Files.isDirectory(f)) {
      throw new CsvImportException(f + " is a folder, not a CSV file; pass the CSV file(s) inside it to --data");
    }
    if (!Files.isReadable(f)) {
      throw new CsvImportException("CSV file " + f + " is not readable; check its permissions");
    }
  }

  private void readFile(int fileIndex) {
    Path file = files.get(fileIndex);
    FileStats st = new FileStats(file);
    stats.add(st);
    try (CsvRecordReader r = open(file)) {
      boolean hasHeader;
      do {
        hasHeader = r.next();
      } while (hasHeader && r.isBlank());
      if (!hasHeader) {
        throw new CsvImportException("CSV file " + file + " is empty; it needs the header " + EXPECTED_HEADER
            + " and one row per bar");
      }
      int[] col = header(r, file);
      int fieldCount = r.fieldCount();
      while (r.next()) {
        if (r.isBlank()) {
          continue;
        }
        rowsRead++;
        st.rows++;
        if (st.rows % PROGRESS_EVERY_ROWS == 0) {
          progress.accept(String.format(Locale.ROOT, "%s: %,d rows read", file, st.rows));
        }
        Row row = parseRow(r, fileIndex, col, fieldCount, st);
        if (row != null) {
          st.track(row);
          bySymbol.computeIfAbsent(row.symbol, s -> new ArrayList<>()).add(row);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read CSV file " + file + ": " + e.getMessage(), e);
    }
    progress.accept(String.format(Locale.ROOT, "read %s: %,d rows", file, st.rows));
  }

  private static CsvRecordReader open(Path file) throws IOException {
    // InputStreamReader replaces malformed UTF-8 instead of failing the whole file; such text ends up in a
    // reported value at worst.
    return new CsvRecordReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
  }

  /** Maps the header to column positions: {@code col[SYMBOL]} is the field index of the symbol, -1 if absent. */
  private static int[] header(CsvRecordReader r, Path file) {
    int[] col = new int[COLUMNS.size()];
    Arrays.fill(col, -1);
    List<String> unknown = new ArrayList<>();
    List<String> repeated = new ArrayList<>();
    for (int i = 0; i < r.fieldCount(); i++) {
      String name = r.field(i).trim().toLowerCase(Locale.ROOT);
      int c = COLUMNS.indexOf(name);
      if (c < 0) {
        unknown.add("'" + r.field(i).trim() + "'");
      } else if (col[c] >= 0) {
        repeated.add(name);
      } else {
        col[c] = i;
      }
    }
    List<String> missing = new ArrayList<>();
    for (int c = 0; c < REQUIRED_COLUMNS; c++) {
      if (col[c] < 0) {
        missing.add(COLUMNS.get(c));
      }
    }
    if (missing.isEmpty() && unknown.isEmpty() && repeated.isEmpty()) {
      return col;
    }
    List<String> what = new ArrayList<>();
    if (!missing.isEmpty()) {
      what.add("is missing column" + plural(missing.size()) + " " + String.join(", ", missing));
    }
    if (!unknown.isEmpty()) {
      what.add("has unknown column" + plural(unknown.size()) + " " + String.join(", ", unknown));
    }
    if (!repeated.isEmpty()) {
      what.add("repeats column" + plural(repeated.size()) + " " + String.join(", ", repeated));
    }
    String hint = missing.size() == REQUIRED_COLUMNS ? " Is the header line missing?" : "";
    throw new CsvImportException("CSV file " + file + ": the header (line " + r.line() + ") "
        + String.join(" and ", what) + ". Expected the header " + EXPECTED_HEADER
        + " (any order, case-insensitive)." + hint);
  }

  /** Parses and checks one data row; returns null after recording a problem if the row is bad. */
  private Row parseRow(CsvRecordReader r, int fileIndex, int[] col, int fieldCount, FileStats st) {
    reasons.setLength(0);
    if (r.unterminatedQuote()) {
      reason("a quoted field is never closed (missing \")");
    }
    if (r.fieldCount() != fieldCount) {
      reason("wrong number of fields: " + r.fieldCount() + " instead of the header's " + fieldCount);
      return bad(r, fileIndex);
    }
    char[] b = r.chars();
    String symbol = symbol(r, b, col[SYMBOL]);
    long ts = timestamp(r, b, col[TIMESTAMP], st);
    double open = price(r, b, col[OPEN], "open");
    double high = price(r, b, col[HIGH], "high");
    double low = price(r, b, col[LOW], "low");
    double close = price(r, b, col[CLOSE], "close");
    double volume = number(r, b, col[VOLUME], "volume", false);
    if (volume < 0) {
      reason("negative volume: volume = " + text(r, col[VOLUME]));
    }
    long tradeCount = tradeCount(r, b, col[TRADE_COUNT]);
    double vwap = number(r, b, col[VWAP], "vwap", true);
    if (vwap <= 0) {
      reason("vwap must be positive (leave it empty if unknown) but is " + text(r, col[VWAP]));
    }
    if (open > 0 && high > 0 && low > 0 && close > 0) { // all four prices are valid
      if (high < Math.max(open, close)) {
        reason("high " + text(r, col[HIGH]) + " is below max(open, close) = "
            + text(r, open >= close ? col[OPEN] : col[CLOSE]));
      }
      if (low > Math.min(open, close)) {
        reason("low " + text(r, col[LOW]) + " is above min(open, close) = "
            + text(r, open <= close ? col[OPEN] : col[CLOSE]));
      }
    }
    if (reasons.length() > 0) {
      return bad(r, fileIndex);
    }
    return new Row(symbol, ts, open, high, low, close, volume, tradeCount, Double.isNaN(vwap) ? Double.NaN : vwap,
        fileIndex, r.line());
  }

  private Row bad(CsvRecordReader r, int fileIndex) {
    problems.add(new Pending(fileIndex, r.line(), reasons.toString(), r.raw()));
    return null;
  }

  private void reason(String reason) {
    if (reasons.length() > 0) {
      reasons.append("; ");
    }
    reasons.append(reason);
  }

  private String symbol(CsvRecordReader r, char[] b, int field) {
    int s = CsvValues.trimStart(b, r.start(field), r.end(field));
    int e = CsvValues.trimEnd(b, s, r.end(field));
    if (s == e) {
      reason("blank symbol");
      return null;
    }
    // Rows of one symbol usually follow each other: reuse the previous String instead of allocating one per row.
    String symbol = lastSymbol;
    if (!sameText(symbol, b, s, e)) {
      symbol = new String(b, s, e - s);
      List<Row> known = bySymbol.get(symbol);
      if (known != null) {
        symbol = known.get(0).symbol;
      }
      lastSymbol = symbol;
    }
    for (int i = s; i < e; i++) {
      char c = b[i];
      if (c == '/' || c == '\\' || c == '=' || Character.isWhitespace(c)) {
        reason("symbol '" + symbol + "' contains '/', '\\', '=' or whitespace, which cannot be part of a store "
            + "folder name");
        return null;
      }
    }
    return symbol;
  }

  private static boolean sameText(String text, char[] b, int s, int e) {
    if (text.length() != e - s) {
      return false;
    }
    for (int i = s; i < e; i++) {
      if (text.charAt(i - s) != b[i]) {
        return false;
      }
    }
    return true;
  }

  private long timestamp(CsvRecordReader r, char[] b, int field, FileStats st) {
    int s = CsvValues.trimStart(b, r.start(field), r.end(field));
    int e = CsvValues.trimEnd(b, s, r.end(field));
    if (s == e) {
      reason("blank timestamp");
      return 0;
    }
    try {
      long ts = CsvValues.parseTimestamp(b, s, e, unit);
      st.units.add(unit[0]);
      return ts;
    } catch (BadValue ex) {
      reason(ex.getMessage());
      return 0;
    }
  }

  /** A price: NaN after recording a reason if it is missing, not a number, not finite or not positive. */
  private double price(CsvRecordReader r, char[] b, int field, String column) {
    double v = number(r, b, field, column, false);
    if (v <= 0) {
      reason("negative or zero price: " + column + " = " + text(r, field));
      return Double.NaN;
    }
    return v;
  }

  /**
   * A number; NaN after recording a reason if it is missing, unparseable or not finite. An optional column
   * ({@code optional}, or absent from the header) may be empty or NaN, meaning unknown, and gives NaN silently.
   */
  private double number(CsvRecordReader r, char[] b, int field, String column, boolean optional) {
    if (field < 0) {
      return Double.NaN;
    }
    int s = CsvValues.trimStart(b, r.start(field), r.end(field));
    int e = CsvValues.trimEnd(b, s, r.end(field));
    if (s == e) {
      if (!optional) {
        reason(column + " is empty");
      }
      return Double.NaN;
    }
    double v;
    try {
      v = CsvValues.parseDouble(b, s, e, column);
    } catch (BadValue ex) {
      reason(ex.getMessage());
      return Double.NaN;
    }
    if (Double.isNaN(v)) {
      if (!optional) {
        reason(column + " is NaN");
      }
      return Double.NaN;
    }
    if (Double.isInfinite(v)) {
      reason(column + " is infinite");
      return Double.NaN;
    }
    return v;
  }

  private long tradeCount(CsvRecordReader r, char[] b, int field) {
    double v = number(r, b, field, "trade_count", true);
    if (Double.isNaN(v)) {
      return Bar.UNKNOWN_TRADE_COUNT;
    }
    if (v != Math.rint(v)) {
      reason("trade_count " + text(r, field) + " is not a whole number");
    } else if (v < 0) {
      reason("negative trade_count: trade_count = " + text(r, field));
    }
    return (long) v;
  }

  private static String text(CsvRecordReader r, int field) {
    return r.field(field).trim();
  }

  // ---- combining ----

  /** Keeps one of a group of rows with the same symbol and timestamp, or reports all of them if they differ. */
  private void resolveDuplicates(List<Row> group, List<Row> good) {
    Row first = group.get(0);
    if (group.size() == 1) {
      good.add(first);
      return;
    }
    boolean identical = group.stream().allMatch(first::sameValues);
    if (identical) {
      good.add(first);
      for (Row dup : group.subList(1, group.size())) {
        stats.get(dup.file).duplicate(dup, first, this);
      }
      return;
    }
    for (Row r : group) {
      List<String> others = new ArrayList<>();
      for (Row o : group) {
        if (o != r) {
          others.add(ref(o, r.file));
        }
      }
      problems.add(new Pending(r.file, r.line, "conflicts with " + joinAnd(others)
          + " (same symbol and timestamp, different values)", null));
    }
  }

  /** A reference to the row {@code r} from a message about a row of file {@code fromFile}. */
  String ref(Row r, int fromFile) {
    return r.file == fromFile ? "line " + r.line : files.get(r.file) + ":" + r.line;
  }

  private Timeframe decideTimeframe(Map<String, Long> typicalGaps, Map<String, List<Row>> kept) {
    Map<Timeframe, List<String>> inferred = new TreeMap<>();
    List<String> unsupported = new ArrayList<>();
    for (Map.Entry<String, Long> e : typicalGaps.entrySet()) {
      long gap = e.getValue();
      if (gap <= 0) {
        continue; // a single timestamp says nothing about the timeframe
      }
      Timeframe tf = timeframeOf(gap);
      if (tf == null) {
        unsupported.add(e.getKey() + " (" + duration(gap) + ")");
      } else {
        inferred.computeIfAbsent(tf, t -> new ArrayList<>()).add(e.getKey());
      }
    }
    if (timeframe != null) {
      if (inferred.size() == 1 && unsupported.isEmpty() && inferred.keySet().iterator().next() != timeframe) {
        notes.add("warning: the bars look like " + inferred.keySet().iterator().next() + " bars (most common gap "
            + "between timestamps), but the timeframe " + timeframe + " was given");
      }
      return timeframe;
    }
    if (kept.values().stream().allMatch(List::isEmpty)) {
      return null; // every row is bad: nothing to infer from, and nothing to label
    }
    String pass = " Pass the timeframe explicitly with --timeframe (" + labels() + ")" + otherProblems();
    if (!unsupported.isEmpty()) {
      throw new CsvImportException("Cannot infer the timeframe of " + fileList() + ": the most common gap between "
          + "consecutive timestamps is not a supported timeframe for " + joinAnd(unsupported) + "." + pass);
    }
    if (inferred.size() > 1) {
      String groups = inferred.entrySet().stream()
          .map(e -> e.getKey() + " for " + String.join(", ", abbreviate(e.getValue())))
          .collect(Collectors.joining("; "));
      throw new CsvImportException("Cannot infer one timeframe for " + fileList() + ": the symbols disagree (" + groups
          + "). Import each timeframe separately, or" + pass.replace(" Pass", " pass"));
    }
    if (inferred.isEmpty()) {
      throw new CsvImportException("Cannot infer the timeframe of " + fileList() + ": every symbol has a single "
          + "timestamp, so there is no gap between bars to measure." + pass);
    }
    Timeframe tf = inferred.keySet().iterator().next();
    notes.add("timeframe " + tf + " inferred from the most common gap between consecutive timestamps");
    return tf;
  }

  private String otherProblems() {
    if (problems.isEmpty()) {
      return ".";
    }
    // the bad rows may be why the spacing looks wrong, so show them now rather than after a second attempt
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, ".%nThe files also have %,d bad row%s:",
        problems.size(), plural(problems.size())));
    problems.stream().limit(CsvBarImporter.LISTED_PROBLEMS).forEach(p -> sb.append(System.lineSeparator())
        .append("  ").append(files.get(p.file).getFileName()).append(':').append(p.line).append(": ").append(p.reason));
    if (problems.size() > CsvBarImporter.LISTED_PROBLEMS) {
      sb.append(System.lineSeparator()).append("  ...");
    }
    return sb.toString();
  }

  /**
   * The gap that gives a symbol's timeframe: the most common gap (the smallest on a tie) if it is a timeframe's
   * length; otherwise the smallest gap if it is a timeframe's length and divides every gap, which recognises
   * sparse data such as 1m bars of an illiquid stock that has more 2m than 1m gaps; otherwise the most common gap,
   * for the error message. 0 if there is no gap.
   */
  private static long typicalGap(Map<Long, int[]> counts) {
    long mode = 0;
    int modeCount = 0;
    long min = Long.MAX_VALUE;
    for (Map.Entry<Long, int[]> e : counts.entrySet()) {
      int c = e.getValue()[0];
      if (c > modeCount || c == modeCount && e.getKey() < mode) {
        mode = e.getKey();
        modeCount = c;
      }
      min = Math.min(min, e.getKey());
    }
    if (mode == 0 || timeframeOf(mode) != null || timeframeOf(min) == null) {
      return mode;
    }
    for (long gap : counts.keySet()) {
      if (gap % min != 0) {
        return mode;
      }
    }
    return min;
  }

  /** The timeframe that lasts {@code micros}, or null. */
  private static Timeframe timeframeOf(long micros) {
    for (Timeframe t : Timeframe.values()) {
      if (t.durationMicros() == micros) {
        return t;
      }
    }
    return null;
  }

  private static String misaligned(long ts, Timeframe tf) {
    String example = instant(tf.startOf(ts)).toString();
    String rule = tf == Timeframe.D1
        ? "daily bars are labelled by midnight UTC of the trading day"
        : tf + " bars start at whole multiples of " + tf + " since the UTC epoch";
    return "timestamp " + instant(ts) + " is not aligned to the start of a " + tf
        + " bar (" + rule + ", e.g. " + example + ")";
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /** Sorts the problems by file and line, filling in the raw text of rows reported after parsing. */
  private List<RowProblem> finishProblems() {
    Map<Integer, Map<Long, List<Pending>>> missingRaw = new TreeMap<>();
    for (Pending p : problems) {
      if (p.raw == null) {
        missingRaw.computeIfAbsent(p.file, f -> new HashMap<>()).computeIfAbsent(p.line, l -> new ArrayList<>())
            .add(p);
      }
    }
    // Raw text is kept only for rows found bad while parsing; for the rest the file is read again, rather than
    // holding the text of every row in memory for the rare late problem.
    for (Map.Entry<Integer, Map<Long, List<Pending>>> e : missingRaw.entrySet()) {
      Path file = files.get(e.getKey());
      Map<Long, List<Pending>> byLine = e.getValue();
      try (CsvRecordReader r = open(file)) {
        int found = 0;
        while (found < byLine.size() && r.next()) {
          List<Pending> ps = byLine.get(r.line());
          if (ps != null) {
            String raw = r.raw();
            ps.forEach(p -> p.raw = raw);
            found++;
          }
        }
      } catch (IOException ex) {
        throw new UncheckedIOException("Could not read CSV file " + file + " again: " + ex.getMessage(), ex);
      }
    }
    problems.sort(Comparator.comparingInt((Pending p) -> p.file).thenComparingLong(p -> p.line));
    List<RowProblem> out = new ArrayList<>(problems.size());
    for (Pending p : problems) {
      out.add(new RowProblem(files.get(p.file), p.line, p.reason, p.raw == null ? "" : p.raw));
    }
    return out;
  }

  // ---- helpers ----

  private String fileList() {
    return files.size() == 1 ? files.get(0).toString()
        : joinAnd(abbreviate(files.stream().map(Path::toString).toList()));
  }

  private static List<String> abbreviate(List<String> items) {
    if (items.size() <= 5) {
      return items;
    }
    List<String> out = new ArrayList<>(items.subList(0, 4));
    out.add((items.size() - 4) + " more");
    return out;
  }

  private static String joinAnd(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
  }

  private static String plural(long n) {
    return n == 1 ? "" : "s";
  }

  private static String labels() {
    return Arrays.stream(Timeframe.values()).map(Timeframe::label).collect(Collectors.joining(", "));
  }

  /** A duration in the largest unit that divides it: {@code 2m}, {@code 90s}, {@code 3d}. */
  static String duration(long micros) {
    long[] units = {86_400_000_000L, 3_600_000_000L, 60_000_000L, 1_000_000L, 1_000L};
    String[] names = {"d", "h", "m", "s", "ms"};
    for (int i = 0; i < units.length; i++) {
      if (micros % units[i] == 0) {
        return micros / units[i] + names[i];
      }
    }
    return micros + "us";
  }

  /** A parsed, checked row; becomes a {@link Bar} once the timeframe is known. */
  private static final class Row {
    static final Comparator<Row> BY_TIME = Comparator.comparingLong(r -> r.ts);

    final String symbol;
    final long ts;
    final double open;
    final double high;
    final double low;
    final double close;
    final double volume;
    final long tradeCount;
    final double vwap;
    final int file;
    final long line;

    Row(String symbol, long ts, double open, double high, double low, double close, double volume, long tradeCount,
        double vwap, int file, long line) {
      this.symbol = symbol;
      this.ts = ts;
      this.open = open;
      this.high = high;
      this.low = low;
      this.close = close;
      this.volume = volume;
      this.tradeCount = tradeCount;
      this.vwap = vwap;
      this.file = file;
      this.line = line;
    }

    boolean sameValues(Row o) {
      return Double.compare(open, o.open) == 0 && Double.compare(high, o.high) == 0
          && Double.compare(low, o.low) == 0 && Double.compare(close, o.close) == 0
          && Double.compare(volume, o.volume) == 0 && tradeCount == o.tradeCount
          && Double.compare(vwap, o.vwap) == 0;
    }
  }

  /** A problem whose raw text may still have to be read back from the file. */
  private static final class Pending {
    final int file;
    final long line;
    final String reason;
    String raw;

    Pending(int file, long line, String reason, String raw) {
      this.file = file;
      this.line = line;
      this.reason = reason;
      this.raw = raw;
    }
  }

  /** What a file's rows looked like, for the notes. */
  private static final class FileStats {
    final Path file;
    final EnumSet<TimeUnit> units = EnumSet.noneOf(TimeUnit.class);
    final Map<String, long[]> latest = new HashMap<>();
    long rows;
    long outOfOrder;
    long duplicates;
    String duplicateExample;

    FileStats(Path file) {
      this.file = file;
    }

    /** Counts a row that is earlier than a previous row of its symbol in this file. */
    void track(Row row) {
      long[] last = latest.get(row.symbol);
      if (last == null) {
        latest.put(row.symbol, new long[] {row.ts});
      } else if (row.ts < last[0]) {
        outOfOrder++;
      } else {
        last[0] = row.ts;
      }
    }

    void duplicate(Row dup, Row kept, CsvBarReader reader) {
      if (duplicates++ == 0) {
        duplicateExample = "line " + dup.line + " repeats " + reader.ref(kept, dup.file);
      }
    }

    void addNotes(List<String> notes) {
      if (rows == 0) {
        notes.add(file + ": no data rows");
      }
      if (outOfOrder > 0) {
        notes.add(String.format(Locale.ROOT, "%s: %,d row%s out of timestamp order; sorted", file, outOfOrder,
            plural(outOfOrder)));
      }
      EnumSet<TimeUnit> epoch = units.clone();
      epoch.remove(TimeUnit.ISO);
      if (!epoch.isEmpty()) {
        notes.add(file + ": epoch timestamps read as " + joinAnd(epoch.stream().map(TimeUnit::label).toList())
            + " (unit inferred from their magnitude)");
      }
      if (duplicates > 0) {
        notes.add(String.format(Locale.ROOT, "%s: %,d exact duplicate row%s dropped (same symbol, timestamp and "
            + "values as an earlier row, e.g. %s)", file, duplicates, plural(duplicates), duplicateExample));
      }
    }
  }
}
