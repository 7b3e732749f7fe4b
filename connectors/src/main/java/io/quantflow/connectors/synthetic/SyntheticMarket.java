package io.quantflow.connectors.synthetic;

import io.quantflow.connectors.parquet.ParquetFiles;
import io.quantflow.connectors.parquet.Tables;
import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Checks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Generates a seeded synthetic universe of bars into a {@link BarStore}, for scale tests and benchmarks:
 *
 * <pre>{@code
 * SyntheticConfig cfg = SyntheticConfig.defaults(400, 250, Timeframe.M1, 1);
 * GenerateReport r = SyntheticMarket.generate(cfg, BarStore.at(dir), 4, System.err::println);
 * }</pre>
 *
 * <p>The model is described on {@link SyntheticConfig}. Its structure: returns correlated through a market factor
 * with per-symbol betas, a two-state volatility regime, Poisson jumps (per symbol and market-wide), Student-t
 * innovations, overnight gaps, a U-shaped intraday volume (and variance) profile, more volume on volatile days and
 * big moves, and occasional trading halts.
 *
 * <p>Conventions of the output:
 * <ul>
 *   <li>Sessions are the regular US sessions 09:30-16:00 New York of {@link UsEquityCalendar}; no bars outside
 *       them, none on weekends and holidays.</li>
 *   <li>Intraday bars are labelled by the start of their UTC-epoch-aligned interval ({@link
 *       io.quantflow.domain.Timeframe}) and aggregate only the part of the interval inside the session: the first
 *       1h bar is labelled 14:00Z in winter (13:00Z in summer) and covers 09:30-10:00 New York, so a day has 7 of
 *       them. Daily bars are labelled midnight UTC of the trading date.</li>
 *   <li>A halt is a contiguous window of 5 to 30 minutes (by default) without bars, the way Alpaca shows halts;
 *       the price moves on during the halt, so trading resumes with a gap.</li>
 *   <li>Prices are rounded to cents (by default); {@code vwap} is estimated from the typical price of each simulated
 *       step and lies in {@code [low, high]}; {@code trade_count} follows volume over a noisy trade size.</li>
 *   <li>Coarser timeframes aggregate the same 1-minute path: the 5m, 15m, 1h and 1d bars of a seed are exact
 *       aggregates of its 1m bars (1s and 15s share a 1-second path, which differs from the 1-minute one).</li>
 *   <li>The first N symbols and D days of a universe do not depend on how many symbols and days are generated.</li>
 * </ul>
 *
 * <p>Determinism: every random draw comes from a stream keyed by the seed and what it is for: the market regime
 * from (seed), the market path of day d from (seed, d), a symbol's parameters from (seed, i) and its path on day d
 * from (seed, i, d). The output is therefore byte-identical for any number of threads and on any JVM.
 *
 * <p>Memory: symbols are generated one at a time per worker and written one store file at a time, so memory holds
 * one file's bars per worker (a month of 1m bars) plus the shared market path (see {@link MarketModel}).
 */
public final class SyntheticMarket {
  private static final String PREFIX = "SYN";
  private static final long PROGRESS_INTERVAL_NANOS = 2_000_000_000L;

  private SyntheticMarket() {}

  /** The symbols of {@code cfg}: {@code SYN0001}, {@code SYN0002}, ... (more digits beyond 9999 symbols). */
  public static List<String> symbols(SyntheticConfig cfg) {
    Checks.notNull(cfg, "cfg");
    int width = Math.max(4, Integer.toString(cfg.symbols()).length());
    List<String> out = new ArrayList<>(cfg.symbols());
    for (int i = 0; i < cfg.symbols(); i++) {
      out.add(name(i, width));
    }
    return List.copyOf(out);
  }

  /**
   * Generates every symbol of {@code cfg} and writes its bars to {@code store}, merging with what is there.
   *
   * @param threads worker threads; each generates and writes whole symbols
   * @param progress receives a line about every 2 seconds and at every 10% of the symbols, from worker threads (one
   *     call at a time)
   * @throws RuntimeException whatever a worker threw, e.g. {@link java.io.UncheckedIOException} from the store
   */
  public static GenerateReport generate(SyntheticConfig cfg, BarStore store, int threads, Consumer<String> progress) {
    Checks.notNull(cfg, "cfg");
    Checks.notNull(store, "store");
    Checks.positive(threads, "threads");
    Checks.notNull(progress, "progress");
    MarketModel model = new MarketModel(cfg);
    List<String> names = symbols(cfg);
    Progress tracker = new Progress(names.size(), progress);
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, names.size()), r -> {
      Thread t = new Thread(r, "synthetic-" + threadNumber.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<SymbolResult>> futures = new ArrayList<>(names.size());
      for (int i = 0; i < names.size(); i++) {
        int index = i;
        futures.add(pool.submit(() -> writeSymbol(model, index, names.get(index), store, tracker)));
      }
      long bars = 0;
      int files = 0;
      int halts = 0;
      for (Future<SymbolResult> f : futures) {
        SymbolResult r = f.get();
        bars += r.bars();
        files += r.files();
        halts += r.halts();
      }
      return new GenerateReport(names, cfg.timeframe(), cfg.days(), model.sessions.get(0),
          model.sessions.get(cfg.days() - 1), bars, files, halts);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("Generating synthetic bars failed: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while generating synthetic bars into " + store.root(), e);
    } finally {
      pool.shutdownNow(); // stops the other workers if one failed
    }
  }

  /**
   * All bars of one symbol of {@code cfg}, in time order, without a store: what {@link #generate} writes for it.
   *
   * @throws IllegalArgumentException if {@code symbol} is not one of {@link #symbols}
   */
  public static List<Bar> barsFor(SyntheticConfig cfg, String symbol) {
    Checks.notNull(cfg, "cfg");
    int index = indexOf(cfg, symbol);
    SymbolSimulator sim = new SymbolSimulator(new MarketModel(cfg), index, symbol);
    List<Bar> out = new ArrayList<>();
    for (int d = 0; d < cfg.days(); d++) {
      sim.nextDay(out);
    }
    return out;
  }

  /** All bars of every symbol of {@code cfg}, by symbol then time; for small universes in tests. */
  public static List<Bar> barsFor(SyntheticConfig cfg) {
    Checks.notNull(cfg, "cfg");
    MarketModel model = new MarketModel(cfg);
    List<String> names = symbols(cfg);
    List<Bar> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      SymbolSimulator sim = new SymbolSimulator(model, i, names.get(i));
      for (int d = 0; d < cfg.days(); d++) {
        sim.nextDay(out);
      }
    }
    return out;
  }

  private static SymbolResult writeSymbol(MarketModel model, int index, String symbol, BarStore store,
      Progress tracker) {
    SymbolSimulator sim = new SymbolSimulator(model, index, symbol);
    List<Bar> pending = new ArrayList<>();
    Path pendingFile = null;
    long bars = 0;
    int files = 0;
    for (int d = 0; d < model.cfg.days(); d++) {
      // A session lies within one UTC date, so all of a day's bars go to the same file: write a file once complete.
      Path file = store.fileFor(symbol, model.cfg.timeframe(), model.dateMicros[d]);
      if (!file.equals(pendingFile) && !pending.isEmpty()) {
        files += writeFile(store, pendingFile, pending);
        bars += pending.size();
        tracker.add(pending.size(), false);
        pending.clear();
      }
      pendingFile = file;
      sim.nextDay(pending);
    }
    files += writeFile(store, pendingFile, pending);
    bars += pending.size();
    tracker.add(pending.size(), true);
    return new SymbolResult(bars, files, sim.halts());
  }

  /**
   * Writes the bars of one store file. They are generated in time order with unique timestamps, so a new file is
   * written directly, with the bytes {@link BarStore#write} would give: that skips its per-bar file lookup and merge
   * map, a third of the run time. An existing file goes through {@link BarStore#write} to merge.
   */
  private static int writeFile(BarStore store, Path file, List<Bar> bars) {
    if (Files.exists(file)) {
      return store.write(bars);
    }
    ParquetFiles.write(Tables.BARS, file, bars);
    return 1;
  }

  private static int indexOf(SyntheticConfig cfg, String symbol) {
    Checks.notBlank(symbol, "symbol");
    int width = Math.max(4, Integer.toString(cfg.symbols()).length());
    if (symbol.length() == PREFIX.length() + width && symbol.startsWith(PREFIX)
        && symbol.substring(PREFIX.length()).chars().allMatch(c -> c >= '0' && c <= '9')) {
      int i = Integer.parseInt(symbol.substring(PREFIX.length())) - 1;
      if (i >= 0 && i < cfg.symbols()) {
        return i;
      }
    }
    throw new IllegalArgumentException("Symbol '" + symbol + "' is not in the synthetic universe of "
        + cfg.symbols() + " symbols: " + name(0, width) + " to " + name(cfg.symbols() - 1, width));
  }

  private static String name(int index, int width) {
    String digits = Integer.toString(index + 1);
    return PREFIX + "0".repeat(width - digits.length()) + digits;
  }

  private record SymbolResult(long bars, int files, int halts) {}

  /** Counts finished work and reports it every 2 seconds and at every tenth of the symbols. */
  private static final class Progress {
    private final int total;
    private final Consumer<String> sink;
    private final long startNanos = System.nanoTime();
    private long lastNanos = startNanos;
    private int symbolsDone;
    private long bars;

    Progress(int total, Consumer<String> sink) {
      this.total = total;
      this.sink = sink;
    }

    synchronized void add(long newBars, boolean symbolDone) {
      bars += newBars;
      boolean decile = false;
      if (symbolDone) {
        symbolsDone++;
        decile = symbolsDone * 10L / total != (symbolsDone - 1) * 10L / total;
      }
      long now = System.nanoTime();
      if (decile || symbolsDone == total || now - lastNanos >= PROGRESS_INTERVAL_NANOS) {
        lastNanos = now;
        sink.accept(String.format(Locale.ROOT, "generated %d/%d symbols, %s bars, %.0f s", symbolsDone, total,
            count(bars), (now - startNanos) / 1e9));
      }
    }

    private static String count(long n) {
      if (n >= 1_000_000) {
        return String.format(Locale.ROOT, "%.1fM", n / 1e6);
      }
      if (n >= 10_000) {
        return String.format(Locale.ROOT, "%.1fK", n / 1e3);
      }
      return Long.toString(n);
    }
  }
}
