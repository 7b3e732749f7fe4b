package io.quantflow.connectors.store;

import io.quantflow.connectors.parquet.BarBlockReader;
import io.quantflow.connectors.parquet.BarReader;
import io.quantflow.connectors.parquet.FlinkInputFile;
import io.quantflow.domain.Bar;
import io.quantflow.domain.BarBlock;
import io.quantflow.domain.Timeframe;
import java.nio.file.Files;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;

/**
 * Bounded Flink sources over the {@link BarStore}, for BATCH backtests and retraining:
 *
 * <pre>{@code
 * FileSource<Bar> source = BarStoreSource.bounded(BarStore.at(dir), Timeframe.M1);
 * DataStream<Bar> bars = env.fromSource(source, WatermarkStrategy.noWatermarks(), "bars-1m");
 * }</pre>
 *
 * <p>Each store file is one split, so the read parallelism is the number of symbol-periods.
 */
public final class BarStoreSource {
  private BarStoreSource() {}

  /**
   * A bounded source of every bar of {@code timeframe} in the store.
   *
   * @throws IllegalArgumentException if the store has no bars of that timeframe, naming the ones it has
   */
  public static FileSource<Bar> bounded(BarStore store, Timeframe timeframe) {
    java.nio.file.Path dir = store.timeframeDir(timeframe);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("Store " + store.root() + " has no " + timeframe + " bars (no folder " + dir
          + "); it has " + store.timeframes() + ". Import or generate " + timeframe + " bars first.");
    }
    StoreFileFormat<Bar> format = new StoreFileFormat<>(
        f -> BarReader.read(new FlinkInputFile(f), BarStore.timeframeOf(f.toString())), TypeInformation.of(Bar.class));
    return FileSource.forBulkFileFormat(format, Path.fromLocalFile(dir.toFile())).build();
  }

  /**
   * The default largest block. Small enough that the aligned rows of a block (about 40 doubles a bar) stay in the CPU
   * cache and under G1's humongous-object size, large enough that Flink's per-record cost vanishes.
   */
  public static final int DEFAULT_BLOCK_ROWS = 2_048;

  /**
   * A bounded source of every bar of {@code timeframe} in the store as {@link BarBlock}s of at most
   * {@code maxRows} bars, read column by column: the fast input of BATCH jobs. One reader reads all of a symbol's
   * files in time order ({@link SymbolSource}), so a symbol's blocks arrive in time order, followed by its end
   * marker ({@link BarBlock#end}); symbols are read by the reader that feeds their keyed subtask. Each reader reads
   * its symbols period by period (a store file's UTC day, month or year) and follows each period with a progress
   * marker per symbol ({@link BarBlock#progress}, at the end of the period), so a BATCH portfolio can simulate one
   * period while the next is read.
   *
   * @param maxParallelism the job's max parallelism (key groups), for that alignment
   *
   * @throws IllegalArgumentException if the store has no bars of that timeframe, naming the ones it has
   */
  public static SymbolSource<BarBlock> blocks(BarStore store, Timeframe timeframe, int maxRows, int maxParallelism) {
    java.nio.file.Path dir = store.timeframeDir(timeframe);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("Store " + store.root() + " has no " + timeframe + " bars (no folder " + dir
          + "); it has " + store.timeframes() + ". Import or generate " + timeframe + " bars first.");
    }
    return SymbolSource.of(SymbolSource.bySymbol(store.files(timeframe)),
        f -> BarBlockReader.read(java.nio.file.Path.of(f), timeframe, maxRows), TypeInformation.of(BarBlock.class))
        .withEndMarkers(symbol -> BarBlock.end(symbol, timeframe), maxParallelism)
        .byPeriod((symbol, period) -> BarBlock.progress(symbol, timeframe, periodEndMicros(period)));
  }

  /**
   * The end of a store file's period, UTC epoch micros: the first instant after the day ({@code 2024-07-15}), month
   * ({@code 2024-07}) or year ({@code 2024}) its name gives. Every bar of the file ends at or before it.
   *
   * @throws IllegalArgumentException if the name is none of those
   */
  public static long periodEndMicros(String fileName) {
    String p = fileName.endsWith(".parquet") ? fileName.substring(0, fileName.length() - ".parquet".length())
        : fileName;
    java.time.LocalDate next;
    try {
      next = switch (p.length()) {
        case 4 -> java.time.LocalDate.of(Integer.parseInt(p) + 1, 1, 1);
        case 7 -> java.time.YearMonth.parse(p).plusMonths(1).atDay(1);
        case 10 -> java.time.LocalDate.parse(p).plusDays(1);
        default -> throw new IllegalArgumentException("no period");
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Store file '" + fileName + "' is not named by its period (yyyy, yyyy-MM or "
          + "yyyy-MM-dd .parquet, see docs/data-format.md)", e);
    }
    return next.atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
  }
}
