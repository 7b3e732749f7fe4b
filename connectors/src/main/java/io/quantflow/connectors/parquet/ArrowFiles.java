package io.quantflow.connectors.parquet;

import io.quantflow.domain.Checks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes the rows of a {@link ParquetTable} as an Arrow IPC file (the random-access "Feather v2" format that
 * {@code pyarrow.ipc.open_file}, {@code pandas.read_feather}, Polars and DuckDB's arrow extension read), with the
 * same columns, names and null rules as the Parquet file: strings as {@code Utf8}, longs as {@code Int64},
 * timestamps as {@code Timestamp(MICROSECOND, "UTC")}, doubles as {@code Float64} (optional ones null for NaN),
 * booleans as {@code Bool}. Rows go in record batches of {@link #BATCH_ROWS}; the same rows always give the same
 * bytes. The file is written to a temporary name and renamed, so a reader never sees half a file.
 *
 * <pre>{@code
 * ArrowFiles.write(Tables.FILLS, runDir.resolve("fills.arrow"), fills);
 * }</pre>
 */
public final class ArrowFiles {
  /** Rows per record batch. */
  public static final int BATCH_ROWS = 65_536;

  private ArrowFiles() {}

  /**
   * Writes {@code rows} to {@code file} (replacing it).
   *
   * @throws UncheckedIOException if the file cannot be written
   */
  public static <T> void write(ParquetTable<T> table, Path file, Iterable<? extends T> rows) {
    Checks.notNull(table, "table");
    Checks.notNull(file, "file");
    Checks.notNull(rows, "rows");
    List<ParquetTable.Column<T>> columns = table.columns();
    List<Field> fields = new ArrayList<>();
    for (ParquetTable.Column<T> c : columns) {
      fields.add(new Field(c.name(), fieldType(c), null));
    }
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator)) {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
          ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
        writer.start();
        Iterator<? extends T> it = rows.iterator();
        boolean wroteAny = false;
        while (it.hasNext() || !wroteAny) {
          root.allocateNew();
          int n = 0;
          while (n < BATCH_ROWS && it.hasNext()) {
            T row = it.next();
            for (int c = 0; c < columns.size(); c++) {
              set(root.getVector(c), columns.get(c), n, row);
            }
            n++;
          }
          root.setRowCount(n);
          writer.writeBatch();
          wroteAny = true;
        }
        writer.end();
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write Arrow file " + file + ": " + e.getMessage()
          + "; check the folder is writable and has space", e);
    }
  }

  private static FieldType fieldType(ParquetTable.Column<?> c) {
    return switch (c.kind()) {
      case STRING -> FieldType.notNullable(ArrowType.Utf8.INSTANCE);
      case INT64 -> FieldType.notNullable(new ArrowType.Int(64, true));
      case OPTIONAL_INT64 -> FieldType.nullable(new ArrowType.Int(64, true));
      case TIMESTAMP -> FieldType.notNullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"));
      case DOUBLE -> FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));
      case OPTIONAL_DOUBLE -> FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));
      case BOOLEAN -> FieldType.notNullable(ArrowType.Bool.INSTANCE);
    };
  }

  @SuppressWarnings("unchecked")
  private static <T> void set(FieldVector v, ParquetTable.Column<T> c, int i, T row) {
    switch (c.kind()) {
      case STRING -> ((VarCharVector) v).setSafe(i,
          ((ParquetTable.StringGetter<T>) c.getter()).get(row).getBytes(StandardCharsets.UTF_8));
      case INT64 -> ((BigIntVector) v).setSafe(i, ((ParquetTable.LongGetter<T>) c.getter()).get(row));
      case OPTIONAL_INT64 -> {
        long x = ((ParquetTable.LongGetter<T>) c.getter()).get(row);
        if (x == c.nullSentinel()) {
          ((BigIntVector) v).setNull(i);
        } else {
          ((BigIntVector) v).setSafe(i, x);
        }
      }
      case TIMESTAMP -> ((TimeStampMicroTZVector) v).setSafe(i, ((ParquetTable.LongGetter<T>) c.getter()).get(row));
      case DOUBLE -> ((Float8Vector) v).setSafe(i, ((ParquetTable.DoubleGetter<T>) c.getter()).get(row));
      case OPTIONAL_DOUBLE -> {
        double x = ((ParquetTable.DoubleGetter<T>) c.getter()).get(row);
        if (Double.isNaN(x)) {
          ((Float8Vector) v).setNull(i);
        } else {
          ((Float8Vector) v).setSafe(i, x);
        }
      }
      case BOOLEAN -> ((BitVector) v).setSafe(i, ((ParquetTable.BooleanGetter<T>) c.getter()).get(row) ? 1 : 0);
    }
  }
}
