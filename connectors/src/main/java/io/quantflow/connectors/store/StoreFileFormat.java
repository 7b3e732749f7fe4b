package io.quantflow.connectors.store;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.IteratorResultIterator;

/**
 * A Flink {@link BulkFormat} over store files: one split per file, read whole by a {@link FileReader} and restored
 * by skipping the records already emitted. Store files are small (a symbol-month of bars, a symbol-day of ticks), so
 * reading a file at once is cheaper than seeking inside it.
 *
 * @param <T> the record type
 */
public final class StoreFileFormat<T> implements BulkFormat<T, FileSourceSplit> {
  private static final long serialVersionUID = 1L;

  /** Reads every record of one store file. */
  @FunctionalInterface
  public interface FileReader<T> extends Serializable {
    /** The records of {@code file}, in file order. */
    List<T> read(org.apache.flink.core.fs.Path file) throws IOException;
  }

  private final FileReader<T> reader;
  private final TypeInformation<T> type;

  /** A format producing {@code type} records read by {@code reader}. */
  public StoreFileFormat(FileReader<T> reader, TypeInformation<T> type) {
    this.reader = reader;
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
    List<T> records = reader.read(split.path());
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
