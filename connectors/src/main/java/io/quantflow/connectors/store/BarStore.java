package io.quantflow.connectors.store;

import io.quantflow.connectors.parquet.BarReader;
import io.quantflow.connectors.parquet.ParquetFiles;
import io.quantflow.connectors.parquet.Tables;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Checks;
import io.quantflow.domain.Timeframe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The bar history store: a folder of Parquet files in a Hive-style layout that DuckDB, pandas and Spark read
 * directly (see {@code docs/data-format.md}):
 *
 * <pre>
 * ROOT/bars/timeframe=1m/symbol=AAPL/2019-02.parquet
 * </pre>
 *
 * <p>One file holds one symbol, one timeframe and one UTC period, sorted by timestamp with unique timestamps. The
 * period is a day for 1s and 15s bars, a month for 1m, 5m and 15m, a year for 1h and 1d. Writes merge into
 * existing files (a new bar replaces a stored bar with the same timestamp) and replace each file atomically.
 */
public final class BarStore {
  /** The folder under the store root that holds bars. */
  public static final String BARS = "bars";

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern("yyyy").withZone(ZoneOffset.UTC);
  private static final Comparator<Bar> ORDER =
      Comparator.comparing(Bar::symbol).thenComparingLong(Bar::timestampMicros);

  private final Path root;

  private BarStore(Path root) {
    this.root = root;
  }

  /** A store rooted at {@code root}; the folder need not exist yet. */
  public static BarStore at(Path root) {
    return new BarStore(Checks.notNull(root, "root").toAbsolutePath().normalize());
  }

  /** Whether {@code dir} looks like a store (has a {@code bars/} folder). */
  public static boolean isStore(Path dir) {
    return Files.isDirectory(dir.resolve(BARS));
  }

  /** The store root. */
  public Path root() {
    return root;
  }

  /** The folder holding all bars of {@code timeframe}. */
  public Path timeframeDir(Timeframe timeframe) {
    return root.resolve(BARS).resolve("timeframe=" + timeframe.label());
  }

  /** The file that holds the bar of {@code symbol} and {@code timeframe} at {@code timestampMicros}. */
  public Path fileFor(String symbol, Timeframe timeframe, long timestampMicros) {
    checkSymbol(symbol);
    Instant t = Instant.ofEpochSecond(Math.floorDiv(timestampMicros, 1_000_000L));
    String period = switch (timeframe) {
      case S1, S15 -> DAY.format(t);
      case M1, M5, M15 -> MONTH.format(t);
      case H1, D1 -> YEAR.format(t);
    };
    return timeframeDir(timeframe).resolve("symbol=" + symbol).resolve(period + ".parquet");
  }

  /**
   * Writes bars, merging with what is stored. Within the given bars, timestamps of one symbol and timeframe must be
   * unique (callers validate first); a given bar replaces a stored one with the same timestamp.
   *
   * @return the number of files written
   */
  public int write(Collection<Bar> bars) {
    Map<Path, List<Bar>> byFile = new TreeMap<>();
    for (Bar b : bars) {
      byFile.computeIfAbsent(fileFor(b.symbol(), b.timeframe(), b.timestampMicros()), f -> new ArrayList<>()).add(b);
    }
    for (Map.Entry<Path, List<Bar>> e : byFile.entrySet()) {
      Timeframe tf = e.getValue().get(0).timeframe();
      TreeMap<Long, Bar> merged = new TreeMap<>();
      if (Files.exists(e.getKey())) {
        for (Bar old : BarReader.read(e.getKey(), tf)) {
          merged.put(old.timestampMicros(), old);
        }
      }
      for (Bar b : e.getValue()) {
        merged.put(b.timestampMicros(), b);
      }
      ParquetFiles.write(Tables.BARS, e.getKey(), merged.values());
    }
    return byFile.size();
  }

  /** Timeframes present in the store, finest first. */
  public List<Timeframe> timeframes() {
    List<Timeframe> out = new ArrayList<>();
    for (Timeframe tf : Timeframe.values()) {
      if (Files.isDirectory(timeframeDir(tf))) {
        out.add(tf);
      }
    }
    return out;
  }

  /** Symbols stored for {@code timeframe}, sorted. */
  public List<String> symbols(Timeframe timeframe) {
    Path dir = timeframeDir(timeframe);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("symbol="))
          .map(n -> n.substring("symbol=".length())).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The data files of {@code timeframe}, sorted by path (hidden and temporary files excluded). */
  public List<Path> files(Timeframe timeframe) {
    return parquetFiles(timeframeDir(timeframe));
  }

  /** The Parquet files below {@code dir}, sorted by path; hidden files (temporary writes) excluded. */
  static List<Path> parquetFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".parquet") && !p.getFileName().toString().startsWith("."))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Every bar of {@code timeframe}, sorted by symbol then time. */
  public List<Bar> read(Timeframe timeframe) {
    List<Bar> out = new ArrayList<>();
    for (Path f : files(timeframe)) {
      out.addAll(BarReader.read(f, timeframe));
    }
    out.sort(ORDER);
    return out;
  }

  /**
   * Reads the timeframe from a store path such as {@code .../timeframe=1m/symbol=AAPL/2019-02.parquet}.
   *
   * @throws IllegalArgumentException if no {@code timeframe=} folder is on the path
   */
  public static Timeframe timeframeOf(String path) {
    int i = path.lastIndexOf("timeframe=");
    if (i < 0) {
      throw new IllegalArgumentException("Path " + path + " is not in the store layout: it has no 'timeframe=' folder"
          + " (see docs/data-format.md)");
    }
    int end = path.indexOf('/', i);
    return Timeframe.parse(path.substring(i + "timeframe=".length(), end < 0 ? path.length() : end));
  }

  private static void checkSymbol(String symbol) {
    Checks.notBlank(symbol, "symbol");
    Checks.isTrue(symbol.chars().noneMatch(c -> c == '/' || c == '\\' || c == '=' || Character.isWhitespace(c)),
        "Symbol '%s' cannot be stored: it contains '/', '\\', '=' or whitespace", symbol);
  }

  @Override
  public String toString() {
    return "BarStore[" + root + "]";
  }
}
