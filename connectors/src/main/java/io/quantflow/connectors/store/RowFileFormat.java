package io.quantflow.connectors.store;

import io.quantflow.connectors.parquet.FlinkInputFile;
import io.quantflow.connectors.parquet.RowReader;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.IteratorResultIterator;

/**
 * A Flink {@link BulkFormat} that reads whole store files through a {@link RowReader}: one split per file, restored
 * by skipping the records already emitted. Store files are small (a symbol-day of ticks), so a file is read at once.
 *
 * @param <T> the record type
 */
public final class RowFileFormat<T> implements BulkFormat<T, FileSourceSplit> {
  private static final long serialVersionUID = 1L;

  private final RowReader<T> rows;
  private final TypeInformation<T> type;

  /** A format producing {@code type} records read by {@code rows}. */
  public RowFileFormat(RowReader<T> rows, TypeInformation<T> type) {
    this.rows = rows;
    this.type = type;
  }

  @Override
  public Reader<T> createReader(Configuration config, FileSourceSplit split) throws IOException {
    return reader(split, 0);
  }

  @Override
  public Reader<T> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
    return reader(split, split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L));
  }

  private Reader<T> reader(FileSourceSplit split, long skip) throws IOException {
    List<T> records = rows.read(new FlinkInputFile(split.path()));
    return new Reader<>() {
      private boolean done;

      @Override
      public RecordIterator<T> readBatch() {
        if (done) {
          return null;
        }
        done = true;
        return new IteratorResultIterator<>(records.listIterator((int) Math.min(skip, records.size())),
            CheckpointedPosition.NO_OFFSET, skip);
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public boolean isSplittable() {
    return false;
  }

  @Override
  public TypeInformation<T> getProducedType() {
    return type;
  }
}
