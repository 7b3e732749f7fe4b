package io.quantflow.connectors.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * Writes {@link ParquetTable} rows to files. Output is SNAPPY-compressed and deterministic: the same rows give the
 * same bytes. Local files are written to a hidden temporary file first and renamed, so a reader never sees a
 * half-written file.
 */
public final class ParquetFiles {
  private ParquetFiles() {}

  /** Writes {@code rows} to {@code file}, replacing it atomically. Parent folders are created. */
  public static <T> void write(ParquetTable<T> table, Path file, Iterable<? extends T> rows) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = parent.resolve("." + file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      try (ParquetWriter<T> w = open(table, new LocalOutputFile(tmp))) {
        for (T row : rows) {
          w.write(row);
        }
      }
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write Parquet file " + file + ": " + e.getMessage()
          + " (check that the folder is writable and the disk is not full)", e);
    }
  }

  /** Opens a writer on any Parquet {@link OutputFile}; the caller closes it. */
  public static <T> ParquetWriter<T> open(ParquetTable<T> table, OutputFile out) throws IOException {
    return new Builder<>(out, table).withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
        .withConf(new Configuration(false))
        .build();
  }

  private static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
    private final ParquetTable<T> table;

    Builder(OutputFile out, ParquetTable<T> table) {
      super(out);
      this.table = table;
    }

    @Override
    protected Builder<T> self() {
      return this;
    }

    @Override
    protected WriteSupport<T> getWriteSupport(Configuration conf) {
      return new TableWriteSupport<>(table, Map.of());
    }
  }
}
