package io.quantflow.connectors.store;

import io.quantflow.connectors.parquet.BarReader;
import io.quantflow.connectors.parquet.FlinkInputFile;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Timeframe;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.IteratorResultIterator;

/**
 * A Flink {@link BulkFormat} that reads one store file of bars per split, in timestamp order. The timeframe comes
 * from the file's {@code timeframe=} folder. Files are small (a symbol-period each), so a split is read whole.
 */
public final class BarFileFormat implements BulkFormat<Bar, FileSourceSplit> {
  private static final long serialVersionUID = 1L;

  @Override
  public Reader<Bar> createReader(Configuration config, FileSourceSplit split) throws IOException {
    return reader(split, 0);
  }

  @Override
  public Reader<Bar> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
    long skip = split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
    return reader(split, skip);
  }

  private static Reader<Bar> reader(FileSourceSplit split, long skip) throws IOException {
    Timeframe tf = BarStore.timeframeOf(split.path().toString());
    List<Bar> bars = BarReader.read(new FlinkInputFile(split.path()), tf);
    return new Reader<>() {
      private boolean done;

      @Override
      public RecordIterator<Bar> readBatch() {
        if (done) {
          return null;
        }
        done = true;
        return new IteratorResultIterator<>(bars.listIterator((int) Math.min(skip, bars.size())),
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
  public TypeInformation<Bar> getProducedType() {
    return TypeInformation.of(Bar.class);
  }
}
