package io.quantflow.connectors.store;

import io.quantflow.connectors.parquet.FlinkInputFile;
import io.quantflow.connectors.parquet.ParquetFiles;
import io.quantflow.connectors.parquet.RowReader;
import io.quantflow.connectors.parquet.Tables;
import io.quantflow.domain.Checks;
import io.quantflow.domain.MarketEvent;
import io.quantflow.domain.Quote;
import io.quantflow.domain.Trade;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
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
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Trades and quotes in the store, next to the bars of {@link BarStore}: {@code ROOT/trades/symbol=AAPL/2019-02-11.parquet}
 * and {@code ROOT/quotes/symbol=AAPL/2019-02-11.parquet}, one file per symbol and UTC day, rows sorted by timestamp
 * (ties keep their input order). Columns are those of {@link Tables#TRADES} and {@link Tables#QUOTES}; see
 * {@code docs/data-format.md}.
 *
 * <p>A write <em>replaces</em> every symbol-day it touches: ticks have no natural key (several trades may share a
 * microsecond), so merging would either drop or double them. Write a whole day at a time.
 */
public final class TickStore {
  /** The folder of trades under the store root. */
  public static final String TRADES = "trades";
  /** The folder of quotes under the store root. */
  public static final String QUOTES = "quotes";
  /** The folder of recorded feeds (ticks with receipt times, cancels, corrections) under the store root. */
  public static final String EVENTS = "events";

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final Path root;

  private TickStore(Path root) {
    this.root = root;
  }

  /** A tick store rooted at {@code root} (the same root as the {@link BarStore}); the folder need not exist. */
  public static TickStore at(Path root) {
    return new TickStore(Checks.notNull(root, "root").toAbsolutePath().normalize());
  }

  /** The file holding the trades ({@link #TRADES}) or quotes ({@link #QUOTES}) of a symbol on a UTC day. */
  public Path fileFor(String kind, String symbol, long timestampMicros) {
    Checks.isTrue(TRADES.equals(kind) || QUOTES.equals(kind) || EVENTS.equals(kind),
        "Argument 'kind' must be '%s', '%s' or '%s' but was '%s'", TRADES, QUOTES, EVENTS, kind);
    Checks.notBlank(symbol, "symbol");
    return root.resolve(kind).resolve("symbol=" + symbol)
        .resolve(DAY.format(Instant.ofEpochSecond(Math.floorDiv(timestampMicros, 1_000_000L))) + ".parquet");
  }

  /** Writes trades, replacing the symbol-days they cover. @return files written */
  public int writeTrades(Collection<Trade> trades) {
    return write(trades, TRADES, Trade::symbol, Trade::timestampMicros,
        (file, rows) -> ParquetFiles.write(Tables.TRADES, file, rows));
  }

  /** Writes quotes, replacing the symbol-days they cover. @return files written */
  public int writeQuotes(Collection<Quote> quotes) {
    return write(quotes, QUOTES, Quote::symbol, Quote::timestampMicros,
        (file, rows) -> ParquetFiles.write(Tables.QUOTES, file, rows));
  }

  /** Every stored trade, sorted by symbol then time. */
  public List<Trade> readTrades() {
    List<Trade> out = new ArrayList<>();
    files(TRADES).forEach(f -> out.addAll(RowReader.TRADES.read(f)));
    return out;
  }

  /** Every stored quote, sorted by symbol then time. */
  public List<Quote> readQuotes() {
    List<Quote> out = new ArrayList<>();
    files(QUOTES).forEach(f -> out.addAll(RowReader.QUOTES.read(f)));
    return out;
  }

  /**
   * Writes a recorded feed, replacing the symbol-days it covers. Rows keep their order (the arrival order) within a
   * file; an event goes to the day of its event time. @return files written
   */
  public int writeEvents(Collection<MarketEvent> events) {
    Map<Path, List<MarketEvent>> byFile = new TreeMap<>();
    for (MarketEvent e : events) {
      byFile.computeIfAbsent(fileFor(EVENTS, e.symbol(), e.timestampMicros()), f -> new ArrayList<>()).add(e);
    }
    byFile.forEach((file, list) -> ParquetFiles.write(Tables.EVENTS, file, list));
    return byFile.size();
  }

  /**
   * Every tick of the store as feed events in arrival order: trades and quotes (received at their event time) and
   * recorded feed events, sorted by receipt time, then symbol, then file order (stable).
   */
  public List<MarketEvent> readEvents() {
    List<MarketEvent> out = new ArrayList<>();
    files(TRADES).forEach(f -> RowReader.TRADES.read(f).forEach(t -> out.add(MarketEvent.trade(t))));
    files(QUOTES).forEach(f -> RowReader.QUOTES.read(f).forEach(q -> out.add(MarketEvent.quote(q))));
    files(EVENTS).forEach(f -> out.addAll(RowReader.EVENTS.read(f)));
    out.sort(Comparator.comparingLong(MarketEvent::receivedAtMicros).thenComparing(MarketEvent::symbol));
    return out;
  }

  /** Whether the store holds any ticks (trades, quotes or recorded feeds). */
  public boolean hasTicks() {
    return !files(TRADES).isEmpty() || !files(QUOTES).isEmpty() || !files(EVENTS).isEmpty();
  }

  /**
   * A bounded Flink source of every tick as feed events (trades, quotes and recorded feeds; one split per
   * symbol-day file), for BATCH jobs that build bars from ticks.
   *
   * @throws IllegalArgumentException if the store holds no ticks
   */
  public SymbolSource<MarketEvent> eventSource(int maxParallelism) {
    if (!hasTicks()) {
      throw new IllegalArgumentException("Store " + root + " holds no ticks (no trades/, quotes/ or events/ "
          + "folder with files); import ticks first or read bars instead");
    }
    // one entry per symbol-day: its trades, quotes and recorded feed, merged in event-time order
    Map<String, Map<String, List<String>>> days = new TreeMap<>();
    for (String kind : List.of(TRADES, QUOTES, EVENTS)) {
      for (Path f : files(kind)) {
        days.computeIfAbsent(SymbolSource.symbolOf(f), s -> new TreeMap<>())
            .computeIfAbsent(f.getFileName().toString(), d -> new ArrayList<>()).add(f.toString());
      }
    }
    Map<String, List<String>> entries = new TreeMap<>();
    days.forEach((symbol, byDay) -> entries.put(symbol,
        byDay.values().stream().map(files -> String.join("|", files)).toList()));
    return SymbolSource.of(entries, TickStore::readDay, TypeInformation.of(MarketEvent.class))
        .withEndMarkers(MarketEvent::end, maxParallelism);
  }

  /**
   * The ticks of one symbol-day entry ({@code |}-separated files of any kind) in event-time order: by timestamp,
   * then trades, quotes, cancels, corrections, then file order. The order in which a BATCH job meets them.
   */
  static List<MarketEvent> readDay(String entry) {
    List<MarketEvent> out = new ArrayList<>();
    for (String file : entry.split("\\|")) {
      Path f = Path.of(file);
      if (file.contains("/" + TRADES + "/")) {
        RowReader.TRADES.read(f).forEach(t -> out.add(MarketEvent.trade(t)));
      } else if (file.contains("/" + QUOTES + "/")) {
        RowReader.QUOTES.read(f).forEach(q -> out.add(MarketEvent.quote(q)));
      } else {
        out.addAll(RowReader.EVENTS.read(f));
      }
    }
    out.sort(Comparator.comparingLong(MarketEvent::timestampMicros).thenComparing(MarketEvent::kind));
    return out;
  }

  /** The store root. */
  public Path root() {
    return root;
  }

  /** A bounded Flink source of every stored trade (one split per symbol-day file). */
  public FileSource<Trade> tradeSource() {
    return source(TRADES, new StoreFileFormat<>(f -> RowReader.TRADES.read(new FlinkInputFile(f)),
        TypeInformation.of(Trade.class)));
  }

  /** A bounded Flink source of every stored quote (one split per symbol-day file). */
  public FileSource<Quote> quoteSource() {
    return source(QUOTES, new StoreFileFormat<>(f -> RowReader.QUOTES.read(new FlinkInputFile(f)),
        TypeInformation.of(Quote.class)));
  }

  private <T> FileSource<T> source(String kind, StoreFileFormat<T> format) {
    Path dir = root.resolve(kind);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("Store " + root + " has no " + kind + " (no folder " + dir + ")");
    }
    return FileSource.forBulkFileFormat(format, org.apache.flink.core.fs.Path.fromLocalFile(dir.toFile())).build();
  }

  /** The data files of {@link #TRADES}, {@link #QUOTES} or {@link #EVENTS}, sorted by path (symbol, then day). */
  public List<Path> files(String kind) {
    return BarStore.parquetFiles(root.resolve(kind));
  }

  private interface FileWriter<T> {
    void write(Path file, List<T> rows);
  }

  private <T> int write(Collection<T> rows, String kind, Function<T, String> symbol, ToLongFunction<T> ts,
      FileWriter<T> writer) {
    Map<Path, List<T>> byFile = new TreeMap<>();
    for (T r : rows) {
      byFile.computeIfAbsent(fileFor(kind, symbol.apply(r), ts.applyAsLong(r)), f -> new ArrayList<>()).add(r);
    }
    byFile.forEach((file, list) -> {
      list.sort(Comparator.comparingLong(ts)); // stable: ties keep their input order
      writer.write(file, list);
    });
    return byFile.size();
  }
}
