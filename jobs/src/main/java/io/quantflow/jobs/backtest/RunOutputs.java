package io.quantflow.jobs.backtest;

import io.quantflow.connectors.parquet.ParquetFiles;
import io.quantflow.connectors.parquet.Tables;
import io.quantflow.domain.EquityPoint;
import io.quantflow.domain.FeatureBlock;
import io.quantflow.domain.FeatureRow;
import io.quantflow.domain.FeatureSchema;
import io.quantflow.domain.Fill;
import io.quantflow.domain.RejectedEvent;
import io.quantflow.domain.Signal;
import io.quantflow.domain.WideBlock;
import io.quantflow.domain.WideRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The canonical order of every output table and the files a run writes. Sorting on the client, not in Flink, is what
 * makes the files byte-identical whatever the parallelism and execution mode.
 */
public final class RunOutputs {
  private RunOutputs() {}

  /** Features: symbol, timeframe (finest first), bar timestamp. */
  public static final Comparator<FeatureRow> FEATURE_ORDER = Comparator.comparing(FeatureRow::symbol)
      .thenComparing(FeatureRow::timeframe).thenComparingLong(FeatureRow::timestampMicros)
      .thenComparingInt(FeatureRow::revision);
  /** Aligned rows: symbol, base bar timestamp. */
  public static final Comparator<WideRow> WIDE_ORDER = Comparator.comparing(WideRow::symbol)
      .thenComparingLong(WideRow::timestampMicros).thenComparingInt(WideRow::revision);
  /** Signals: timestamp, symbol. */
  public static final Comparator<Signal> SIGNAL_ORDER = Comparator.comparingLong(Signal::timestampMicros)
      .thenComparing(Signal::symbol).thenComparingInt(Signal::revision);
  /** Predictions: timestamp, symbol, model version. */
  public static final Comparator<io.quantflow.domain.Prediction> PREDICTION_ORDER =
      Comparator.comparingLong(io.quantflow.domain.Prediction::timestampMicros)
          .thenComparing(io.quantflow.domain.Prediction::symbol)
          .thenComparingInt(io.quantflow.domain.Prediction::modelVersion);
  /** Fills: timestamp, symbol, order id. */
  public static final Comparator<Fill> FILL_ORDER = Comparator.comparingLong(Fill::timestampMicros)
      .thenComparing(Fill::symbol).thenComparing(Fill::orderId);
  /** Orders: decision time, symbol, id. */
  public static final Comparator<io.quantflow.domain.OrderReport> ORDER_ORDER =
      Comparator.comparingLong(io.quantflow.domain.OrderReport::decisionMicros)
          .thenComparing(io.quantflow.domain.OrderReport::symbol)
          .thenComparing(io.quantflow.domain.OrderReport::orderId);
  /** Positions: timestamp, symbol. */
  public static final Comparator<io.quantflow.domain.PositionSnapshot> POSITION_ORDER =
      Comparator.comparingLong(io.quantflow.domain.PositionSnapshot::timestampMicros)
          .thenComparing(io.quantflow.domain.PositionSnapshot::symbol);
  /** Equity: timestamp. */
  public static final Comparator<EquityPoint> EQUITY_ORDER = Comparator.comparingLong(EquityPoint::timestampMicros);
  /** Rejected inputs: stage, symbol, timestamp, reason, payload. */
  public static final Comparator<RejectedEvent> REJECTED_ORDER = Comparator.comparing(RejectedEvent::stage)
      .thenComparing(RejectedEvent::symbol).thenComparingLong(RejectedEvent::timestampMicros)
      .thenComparing(RejectedEvent::reason).thenComparing(RejectedEvent::payload);

  /** Feature rows of collected {@link FeatureBlock}s (or rows), sorted, revisions in emission order. */
  public static List<FeatureRow> featureRows(List<?> blocks) {
    List<FeatureRow> rows = new ArrayList<>();
    for (Object o : blocks) {
      if (o instanceof FeatureBlock b) {
        for (int i = 0; i < b.size(); i++) {
          rows.add(b.row(i));
        }
      } else {
        rows.add((FeatureRow) o);
      }
    }
    rows.sort(FEATURE_ORDER);
    return rows;
  }

  /** Aligned rows of collected {@link WideBlock}s (or rows), sorted. */
  public static List<WideRow> wideRows(List<?> blocks) {
    List<WideRow> rows = new ArrayList<>();
    for (Object o : blocks) {
      if (o instanceof WideBlock b) {
        for (int i = 0; i < b.size(); i++) {
          rows.add(b.row(i));
        }
      } else {
        rows.add((WideRow) o);
      }
    }
    rows.sort(WIDE_ORDER);
    return rows;
  }

  /**
   * The latest revision of each key, without retractions: what the rows say once every revision is applied (a
   * BATCH run's rows are already that). Input sorted by {@code order}, which must put a key's revisions together in
   * ascending revision.
   */
  public static <T> List<T> latest(List<T> rows, java.util.function.Function<T, Object> key,
      java.util.function.Predicate<T> retracted) {
    java.util.LinkedHashMap<Object, T> last = new java.util.LinkedHashMap<>();
    for (T r : rows) {
      last.put(key.apply(r), r);
    }
    return last.values().stream().filter(r -> !retracted.test(r)).toList();
  }

  /**
   * A sorted copy of {@code rows}, which must hold {@code type} values. A {@link ChunkedList} gives a lazy sorted
   * view (nothing is read until it is used).
   */
  public static <T> List<T> sorted(List<?> rows, Class<T> type, Comparator<? super T> order) {
    if (rows instanceof ChunkedList<?> chunked) {
      return chunked.sorted(type, order);
    }
    List<T> out = new ArrayList<>(rows.size());
    for (Object r : rows) {
      out.add(type.cast(r));
    }
    out.sort(order);
    return out;
  }

  /** Writes {@code features.parquet}. */
  public static void writeFeatures(Path dir, FeatureSchema schema, List<FeatureRow> rows) {
    table(dir, "features", Tables.features(schema), rows);
  }

  /** Writes {@code wide.parquet}. */
  public static void writeWide(Path dir, FeatureSchema schema, List<WideRow> rows) {
    table(dir, "wide", Tables.wide(schema), rows);
  }

  /** Writes {@code signals.parquet}. */
  public static void writeSignals(Path dir, List<Signal> rows) {
    table(dir, "signals", Tables.SIGNALS, rows);
  }

  /** Writes {@code fills.parquet}. */
  public static void writeFills(Path dir, List<Fill> rows) {
    table(dir, "fills", Tables.FILLS, rows);
  }

  /** Writes {@code equity.parquet}. */
  public static void writeEquity(Path dir, List<EquityPoint> rows) {
    table(dir, "equity", Tables.EQUITY, rows);
  }

  /** Writes {@code rejected.parquet}: every input a stage refused, with the reason (empty when none were). */
  public static void writeRejected(Path dir, List<RejectedEvent> rows) {
    table(dir, "rejected", Tables.REJECTED, rows);
  }

  /**
   * Writes table {@code name} of a run twice, as {@code <name>.parquet} and as the Arrow IPC file {@code <name>.arrow}
   * with the same columns, so analysts can use either (DuckDB and Spark prefer Parquet, pandas and Polars map Arrow
   * files without a copy).
   */
  public static <T> void table(Path dir, String name, io.quantflow.connectors.parquet.ParquetTable<T> table,
      List<? extends T> rows) {
    ParquetFiles.write(table, dir.resolve(name + ".parquet"), rows);
    io.quantflow.connectors.parquet.ArrowFiles.write(table, dir.resolve(name + ".arrow"), rows);
  }

  /**
   * Writes a run's files concurrently, one task per file on as many threads as there are cores, and reports each
   * file as it is done: the tables of a big run are millions of rows, and Parquet encoding is CPU-bound. Each file
   * is still written by one thread, so its bytes are what the sequential {@link #table} writes.
   *
   * <pre>{@code
   * try (RunOutputs.Writer w = new RunOutputs.Writer(progress)) {
   *   w.table(dir, "fills", Tables.FILLS, fills);
   * } // waits for every file; rethrows the first failure
   * }</pre>
   */
  public static final class Writer implements AutoCloseable {
    private final Progress progress;
    private final java.util.concurrent.ExecutorService pool;
    private final List<java.util.concurrent.Future<?>> tasks =
        java.util.Collections.synchronizedList(new ArrayList<>());
    private final long startNanos = System.nanoTime();

    /** A writer reporting to {@code progress}. */
    public Writer(Progress progress) {
      this.progress = progress;
      java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
      this.pool = java.util.concurrent.Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
        Thread t = new Thread(r, "run-writer-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    }

    /**
     * Schedules {@code <name>.parquet} and {@code <name>.arrow} (as {@link RunOutputs#table}). A lazy list
     * ({@link ChunkedList}) is read in the task that writes the Parquet file, which then hands the Arrow file to
     * another thread, so the threads read different tables at once instead of waiting for the same one.
     */
    public <T> void table(Path dir, String name, io.quantflow.connectors.parquet.ParquetTable<T> table,
        List<? extends T> rows) {
      submit(name + ".parquet", rows.size(), () -> {
        if (!rows.isEmpty()) {
          rows.get(0); // reads (and sorts) the records, here rather than in both writers
        }
        submit(name + ".arrow", rows.size(),
            () -> io.quantflow.connectors.parquet.ArrowFiles.write(table, dir.resolve(name + ".arrow"), rows));
        ParquetFiles.write(table, dir.resolve(name + ".parquet"), rows);
      });
    }

    private void submit(String file, int rows, Runnable write) {
      tasks.add(pool.submit(() -> {
        write.run();
        progress.report(String.format(java.util.Locale.ROOT, "  wrote %s (%,d rows) at %.1f s", file, rows,
            (System.nanoTime() - startNanos) / 1e9));
      }));
    }

    /** Waits for every file. */
    @Override
    public void close() {
      try {
        // a task may add the next file's task while we wait: read the list by index until it stops growing
        for (int i = 0; i < tasks.size(); i++) {
          tasks.get(i).get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while writing the run's files", e);
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** Rows of the store's {@code timeframe} files, from the Parquet footers (no data is read). */
  public static long countBars(io.quantflow.connectors.store.BarStore store, io.quantflow.domain.Timeframe timeframe) {
    return store.files(timeframe).parallelStream().mapToLong(ParquetFiles::rowCount).sum();
  }

  /** Writes a UTF-8 text file. */
  public static void writeText(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
    }
  }
}
