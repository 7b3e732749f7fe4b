package io.quantflow.connectors.parquet;

import java.io.IOException;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Flink {@link BulkWriter.Factory} that writes {@link ParquetTable} rows, for Flink's {@code FileSink} in BATCH
 * and STREAMING mode:
 *
 * <pre>{@code
 * FileSink.forBulkFormat(new Path(dir), new ParquetBulkWriterFactory<>(Tables.BARS))
 *     .withOutputFileConfig(OutputFileConfig.builder().withPartSuffix(".parquet").build())
 *     .build();
 * }</pre>
 *
 * <p>In STREAMING mode part files are committed on checkpoints, so enable checkpointing.
 */
public final class ParquetBulkWriterFactory<T> implements BulkWriter.Factory<T> {
  private static final long serialVersionUID = 1L;

  private final ParquetTable<T> table;

  /** A factory for rows of {@code table}. */
  public ParquetBulkWriterFactory(ParquetTable<T> table) {
    this.table = table;
  }

  @Override
  public BulkWriter<T> create(FSDataOutputStream out) throws IOException {
    ParquetWriter<T> writer = ParquetFiles.open(table, new StreamOutputFile(out));
    return new BulkWriter<>() {
      @Override
      public void addElement(T element) throws IOException {
        writer.write(element);
      }

      @Override
      public void flush() {
        // Parquet buffers a whole row group; it can only be flushed by finishing the file.
      }

      @Override
      public void finish() throws IOException {
        writer.close();
      }
    };
  }

  /** Adapts Flink's stream; closing it leaves the stream open, as the {@code BulkWriter} contract requires. */
  private record StreamOutputFile(FSDataOutputStream out) implements OutputFile {
    @Override
    public PositionOutputStream create(long blockSizeHint) {
      return new PositionOutputStream() {
        @Override
        public long getPos() throws IOException {
          return out.getPos();
        }

        @Override
        public void write(int b) throws IOException {
          out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
          out.flush();
        }

        @Override
        public void close() {
          // FileSink owns the stream.
        }
      };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
      return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }
  }
}
