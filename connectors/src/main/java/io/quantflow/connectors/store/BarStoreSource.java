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

  /** The default largest block: a 1s day (23,400 bars) or a 1m month (about 8,200) fits in one. */
  public static final int DEFAULT_BLOCK_ROWS = 32_768;

  /**
   * A bounded source of every bar of {@code timeframe} in the store as {@link BarBlock}s of at most
   * {@code maxRows} bars, read column by column: the fast input of BATCH jobs.
   *
   * @throws IllegalArgumentException if the store has no bars of that timeframe, naming the ones it has
   */
  public static FileSource<BarBlock> blocks(BarStore store, Timeframe timeframe, int maxRows) {
    java.nio.file.Path dir = store.timeframeDir(timeframe);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("Store " + store.root() + " has no " + timeframe + " bars (no folder " + dir
          + "); it has " + store.timeframes() + ". Import or generate " + timeframe + " bars first.");
    }
    StoreFileFormat<BarBlock> format = new StoreFileFormat<>(
        f -> BarBlockReader.read(new FlinkInputFile(f), BarStore.timeframeOf(f.toString()), maxRows),
        TypeInformation.of(BarBlock.class));
    return FileSource.forBulkFileFormat(format, Path.fromLocalFile(dir.toFile())).build();
  }
}
