package io.quantflow.jobs.risk;

import io.quantflow.connectors.parquet.RowReader;
import io.quantflow.domain.PositionSnapshot;
import io.quantflow.domain.calendar.ExchangeCalendar;
import io.quantflow.jobs.cli.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The book of the last day of a positions table ({@code Tables.POSITIONS}: {@code timestamp, symbol, shares, price,
 * market_value, weight}, one row per symbol held at the last valuation of each New York day), for
 * {@code quant risk stress --positions}. Immutable.
 *
 * <p>The book is every row with the latest timestamp: positions are their {@code market_value} (USD, signed). The
 * equity is read where it is exact: the {@code equity} of the run's equity table at that very timestamp (the
 * backtest values its equity and writes the snapshot's weights against the same number); without an equity table, or
 * without a point at that timestamp, {@code sum |market_value| / sum |weight|} over the snapshot's rows, which is the
 * same equity up to the rounding of the weights (a few ulps); without either, none.
 *
 * @param path the file or folder read (absolute)
 * @param files the Parquet files read
 * @param timestampMicros the snapshot's instant, UTC epoch microseconds
 * @param positions symbol to market value, USD (negative = short), in symbol order
 * @param equity the book's equity, USD; null when neither an equity table nor weights give it
 * @param equitySource where {@code equity} came from: the equity table's path, {@code "market_value / weight"}, or
 *     null
 */
public record PositionsBook(Path path, List<Path> files, long timestampMicros, Map<String, Double> positions,
    Double equity, String equitySource) {

  /** The weight-derived equity's source label. */
  public static final String FROM_WEIGHTS = "market_value / weight";

  /** Copies the collections. */
  public PositionsBook {
    files = List.copyOf(files);
    positions = java.util.Collections.unmodifiableMap(new TreeMap<>(positions));
  }

  /** The snapshot's instant. */
  public Instant timestamp() {
    return instant(timestampMicros);
  }

  /** The snapshot's New York date ({@code yyyy-mm-dd}). */
  public String newYorkDate() {
    return timestamp().atZone(ExchangeCalendar.NEW_YORK).toLocalDate().toString();
  }

  /**
   * Reads the last day's book.
   *
   * @param path a backtest run folder (with {@code positions.parquet}), a positions Parquet file, a folder holding a
   *     {@code positions/} folder of Parquet part files, or such a folder itself; the equity table is the run's
   *     {@code equity.parquet} next to {@code positions.parquet}, or the {@code equity/} folder next to
   *     {@code positions/}
   * @param option the option's name in messages, e.g. {@code --positions}
   * @throws UserError when nothing readable is there, the table is not a positions table, it is empty, or the book is
   *     flat at the end (the equity table goes on after the last positions)
   */
  public static PositionsBook read(Path path, String option) {
    Path p = path.toAbsolutePath().normalize();
    List<Path> files;
    List<Path> equityFiles;
    Path equityFolder = null; // the folder of part files, for the label
    if (Files.isRegularFile(p)) {
      files = List.of(p);
      Path sibling = p.resolveSibling("equity.parquet");
      equityFiles = Files.isRegularFile(sibling) ? List.of(sibling) : List.of();
    } else if (Files.isRegularFile(p.resolve("positions.parquet"))) {
      files = List.of(p.resolve("positions.parquet"));
      equityFiles = Files.isRegularFile(p.resolve("equity.parquet")) ? List.of(p.resolve("equity.parquet"))
          : List.of();
    } else if (Files.isDirectory(p.resolve("positions"))) {
      files = parts(p.resolve("positions"));
      equityFolder = p.resolve("equity");
      equityFiles = parts(equityFolder);
    } else if (Files.isDirectory(p)) {
      files = parts(p);
      equityFolder = p.getParent() == null ? null : p.getParent().resolve("equity");
      equityFiles = equityFolder == null ? List.of() : parts(equityFolder);
    } else {
      throw new UserError(option + " " + p + " does not exist: pass a backtest run folder (with positions.parquet), "
          + "a positions Parquet file or a folder of them");
    }
    if (files.isEmpty()) {
      throw new UserError(option + " " + p + " has no positions: pass a backtest run folder (with "
          + "positions.parquet), a positions Parquet file or a folder of them");
    }
    List<PositionSnapshot> rows = new ArrayList<>();
    for (Path f : files) {
      rows.addAll(readPositions(f, option));
    }
    if (rows.isEmpty()) {
      throw new UserError(option + " " + p + " has no rows: the run never held a position");
    }
    long latest = Long.MIN_VALUE;
    for (PositionSnapshot r : rows) {
      latest = Math.max(latest, r.timestampMicros());
    }
    Map<String, Double> positions = new TreeMap<>();
    double gross = 0;
    double grossWeight = 0;
    boolean weighted = true;
    for (PositionSnapshot r : rows) {
      if (r.timestampMicros() != latest) {
        continue;
      }
      if (positions.put(r.symbol(), r.marketValue()) != null) {
        throw new UserError(option + " " + p + " has two rows for " + r.symbol() + " at " + instant(latest)
            + ": pass one positions table (a run's positions.parquet, or one job's positions/ folder)");
      }
      gross += Math.abs(r.marketValue());
      if (Double.isFinite(r.weight())) {
        grossWeight += Math.abs(r.weight());
      } else {
        weighted = false;
      }
    }
    Double equity = null;
    String equitySource = null;
    if (!equityFiles.isEmpty()) {
      long lastEquity = Long.MIN_VALUE;
      for (Path f : equityFiles) {
        for (EquityRow point : readEquity(f, option)) {
          lastEquity = Math.max(lastEquity, point.timestampMicros());
          if (point.timestampMicros() == latest) {
            equity = point.equity();
            equitySource = (equityFolder != null ? equityFolder : f).toString();
          }
        }
      }
      if (lastEquity > latest) {
        throw new UserError(option + " " + p + ": the book is flat at the end of the run (the equity goes on to "
            + instant(lastEquity) + ", the last positions are of " + instant(latest) + "); nothing to stress");
      }
    }
    if (equity == null && weighted && grossWeight > 0) {
      equity = gross / grossWeight;
      equitySource = FROM_WEIGHTS;
    }
    return new PositionsBook(p, files, latest, positions, equity, equitySource);
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  /** The Parquet files under {@code dir}, in path order, without hidden and in-progress ones ({@code .}, {@code _}). */
  private static List<Path> parts(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).filter(f -> {
        String name = f.getFileName().toString();
        return name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_");
      }).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + dir, e);
    }
  }

  private static final RowReader<PositionSnapshot> POSITIONS = RowReader.of(g -> new PositionSnapshot(
      g.getLong("timestamp", 0), g.getString("symbol", 0), g.getDouble("shares", 0), g.getDouble("price", 0),
      g.getDouble("market_value", 0), g.getFieldRepetitionCount("weight") > 0 ? g.getDouble("weight", 0)
          : Double.NaN));

  private record EquityRow(long timestampMicros, double equity) {}

  private static final RowReader<EquityRow> EQUITY = RowReader.of(g -> new EquityRow(g.getLong("timestamp", 0),
      g.getDouble("equity", 0)));

  private static List<PositionSnapshot> readPositions(Path file, String option) {
    try {
      return POSITIONS.read(file);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new UserError(option + ": " + file + " is not a positions table (timestamp, symbol, shares, price, "
          + "market_value, weight, as quant backtest writes positions.parquet): " + e.getMessage());
    }
  }

  private static List<EquityRow> readEquity(Path file, String option) {
    try {
      return EQUITY.read(file);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new UserError(option + ": " + file + " is not an equity table (timestamp, ..., equity, as quant backtest "
          + "writes equity.parquet): " + e.getMessage());
    }
  }
}
