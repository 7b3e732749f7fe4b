package io.quantflow.connectors.store;

import io.quantflow.connectors.parquet.BarReader;
import io.quantflow.connectors.parquet.FlinkInputFile;
import io.quantflow.domain.Bar;
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
}
