package io.quantflow.connectors.parquet;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
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
      canonicalizeFooter(tmp);
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

  /**
   * Sorts the encoding list of every column chunk in the footer of {@code file}, in place. parquet-java collects a
   * chunk's encodings in a {@code HashSet} of enum constants, whose order follows identity hash codes and so changes
   * from one JVM to the next (apache/parquet-java#3215); sorting makes equal data give equal bytes across processes.
   * The footer keeps its length, so no offset moves.
   */
  static void canonicalizeFooter(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      ch.read(tail, size - 8);
      int footerLength = tail.getInt(0);
      long footerStart = size - 8 - footerLength;
      ByteBuffer footer = ByteBuffer.allocate(footerLength);
      ch.read(footer, footerStart);
      FileMetaData meta = Util.readFileMetaData(new ByteArrayInputStream(footer.array()));
      for (RowGroup group : meta.getRow_groups()) {
        for (ColumnChunk chunk : group.getColumns()) {
          List<Encoding> encodings = new ArrayList<>(chunk.getMeta_data().getEncodings());
          encodings.sort(Comparator.comparingInt(Encoding::getValue));
          chunk.getMeta_data().setEncodings(encodings);
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(footerLength);
      Util.writeFileMetaData(meta, out);
      if (out.size() != footerLength) {
        throw new IOException("Re-serialized Parquet footer of " + file + " changed length");
      }
      ch.write(ByteBuffer.wrap(out.toByteArray()), footerStart);
    }
  }

  /**
   * The number of rows of a local Parquet file, from its footer. No Hadoop configuration files are parsed (the
   * default {@code ParquetFileReader.open} parses them for every file, which costs milliseconds per file).
   *
   * @throws UncheckedIOException if the file cannot be read
   */
  public static long rowCount(Path file) {
    try (org.apache.parquet.hadoop.ParquetFileReader r = org.apache.parquet.hadoop.ParquetFileReader.open(
        new org.apache.parquet.io.LocalInputFile(file), READ_OPTIONS)) {
      return r.getRecordCount();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the Parquet footer of " + file + ": " + e.getMessage()
          + " (is it a Parquet file? rewrite it with the importer)", e);
    }
  }

  private static final org.apache.parquet.ParquetReadOptions READ_OPTIONS =
      org.apache.parquet.HadoopReadOptions.builder(new Configuration(false)).build();

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
