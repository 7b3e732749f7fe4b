package io.quantflow.connectors.alpaca.data;

import io.quantflow.connectors.parquet.BarReader;
import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Checks;
import io.quantflow.domain.Timeframe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Downloads Alpaca bars into a {@link BarStore} ({@code bars/timeframe=1m/symbol=X/YYYY-MM.parquet}) incrementally
 * and resumably: each symbol is fetched on its own, from the later of the requested start and its last stored bar
 * plus one bar, and every page is merged into the store as soon as it arrives. The store replaces whole files
 * atomically and pages arrive in time order, so after an interruption the store holds a prefix of each symbol's
 * history and a re-run continues from it without duplicate rows (the store also merges by timestamp, so even an
 * overlapping write could not duplicate a row).
 *
 * <pre>{@code
 * AlpacaIngest ingest = new AlpacaIngest(AlpacaHistoricalClient.create(config), BarStore.at(dir));
 * Report r = ingest.run(new Request(List.of("AAPL"), Timeframe.M1, start, end, "raw", "iex"), System.out::println);
 * }</pre>
 */
public final class AlpacaIngest {
  private final AlpacaHistoricalClient client;
  private final BarStore store;

  /**
   * What to ingest.
   *
   * @param symbols tickers, at least one
   * @param timeframe bar interval
   * @param start first bar start, inclusive
   * @param end last bar start, inclusive
   * @param adjustment Alpaca's adjustment ({@code raw}, {@code split}, {@code all}, ...); null means raw
   * @param feed Alpaca's feed ({@code iex}, {@code sip}); null means the client's configured feed
   */
  public record Request(List<String> symbols, Timeframe timeframe, Instant start, Instant end, String adjustment,
      String feed) {
    /** Checks the arguments. */
    public Request {
      Checks.notNull(symbols, "symbols");
      Checks.isTrue(!symbols.isEmpty(), "Argument 'symbols' must not be empty");
      symbols = List.copyOf(symbols);
      Checks.notNull(timeframe, "timeframe");
      Checks.notNull(start, "start");
      Checks.notNull(end, "end");
      Checks.isTrue(!end.isBefore(start), "Argument 'end' (%s) must not be before 'start' (%s)", end, start);
    }
  }

  /**
   * Progress after each page.
   *
   * @param symbolsDone symbols completely ingested
   * @param symbolsTotal symbols requested
   * @param symbol the symbol being fetched
   * @param pages pages fetched in this run, all symbols
   * @param rows bars fetched and written in this run, all symbols
   */
  public record Progress(int symbolsDone, int symbolsTotal, String symbol, int pages, long rows) {
    /** A one-line summary for a progress display. */
    public String line() {
      return String.format(java.util.Locale.ROOT, "symbols %d/%d (%s)  pages %,d  rows %,d", symbolsDone,
          symbolsTotal, symbol, pages, rows);
    }
  }

  /**
   * The outcome of a run.
   *
   * @param pages pages fetched
   * @param rows bars written
   * @param resumedFrom per symbol, the first bar start requested (UTC epoch microseconds); later than the requested
   *     start when bars were already stored, and absent when the symbol was already complete
   * @param upToDate symbols whose stored bars already reached the end
   */
  public record Report(int pages, long rows, Map<String, Long> resumedFrom, List<String> upToDate) {}

  /** An ingest writing what {@code client} fetches into {@code store}. */
  public AlpacaIngest(AlpacaHistoricalClient client, BarStore store) {
    this.client = Checks.notNull(client, "client");
    this.store = Checks.notNull(store, "store");
  }

  /**
   * Ingests the request, reporting progress after every page and after every symbol.
   *
   * @throws AlpacaDataException when Alpaca refuses a request; what was written before stays and a re-run resumes
   */
  public Report run(Request request, Consumer<Progress> progress) {
    Checks.notNull(request, "request");
    Consumer<Progress> listener = progress == null ? p -> { } : progress;
    Timeframe tf = request.timeframe();
    long startMicros = AlpacaTime.toMicros(request.start());
    long endMicros = AlpacaTime.toMicros(request.end());
    int[] pages = {0};
    long[] rows = {0};
    Map<String, Long> resumedFrom = new LinkedHashMap<>();
    List<String> upToDate = new java.util.ArrayList<>();
    int done = 0;
    int total = request.symbols().size();
    for (String symbol : request.symbols()) {
      OptionalLong last = lastStoredMicros(symbol, tf);
      long from = Math.max(startMicros, last.isPresent() ? last.getAsLong() + tf.durationMicros() : startMicros);
      if (from > endMicros) {
        upToDate.add(symbol);
      } else {
        resumedFrom.put(symbol, from);
        final int doneSoFar = done;
        client.bars(List.of(symbol), tf, AlpacaTime.ofMicros(from), request.end(), request.adjustment(),
            request.feed(), (page, p) -> {
              List<Bar> fresh = page.stream().filter(b -> b.symbol().equals(symbol) && b.timestampMicros() >= from)
                  .toList();
              if (!fresh.isEmpty()) {
                store.write(fresh);
              }
              pages[0]++;
              rows[0] += fresh.size();
              listener.accept(new Progress(doneSoFar, total, symbol, pages[0], rows[0]));
            });
      }
      done++;
      listener.accept(new Progress(done, total, symbol, pages[0], rows[0]));
    }
    return new Report(pages[0], rows[0], resumedFrom, List.copyOf(upToDate));
  }

  /** The start of the last stored bar of {@code symbol} and {@code timeframe}, UTC epoch microseconds. */
  public OptionalLong lastStoredMicros(String symbol, Timeframe timeframe) {
    Path dir = store.timeframeDir(timeframe).resolve("symbol=" + symbol);
    if (!Files.isDirectory(dir)) {
      return OptionalLong.empty();
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      // period names (yyyy, yyyy-MM, yyyy-MM-dd) sort chronologically
      files = s.filter(p -> p.getFileName().toString().endsWith(".parquet")
          && !p.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + dir + ": " + e.getMessage(), e);
    }
    for (int i = files.size() - 1; i >= 0; i--) {
      List<Bar> bars = BarReader.read(files.get(i), timeframe);
      if (!bars.isEmpty()) {
        return OptionalLong.of(bars.stream().mapToLong(Bar::timestampMicros).max().getAsLong());
      }
    }
    return OptionalLong.empty();
  }
}
