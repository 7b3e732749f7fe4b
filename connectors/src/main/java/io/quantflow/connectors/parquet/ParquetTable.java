package io.quantflow.connectors.parquet;

import io.quantflow.domain.Checks;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * A Parquet table definition: ordered, typed columns, each with the getter that reads it from a Java object.
 * Timestamps are written as {@code INT64 TIMESTAMP(MICROS, isAdjustedToUTC=true)}, which DuckDB, pandas and Spark
 * read as UTC instants. Optional double columns write NaN as null; optional long columns write a chosen sentinel as
 * null. Definitions are serializable so Flink can ship them to task managers.
 *
 * <pre>{@code
 * ParquetTable<Bar> t = ParquetTable.<Bar>builder("bar")
 *     .string("symbol", Bar::symbol)
 *     .timestampMicros("timestamp", Bar::timestampMicros)
 *     .float64("close", Bar::close)
 *     .build();
 * }</pre>
 *
 * @param <T> the row type
 */
public final class ParquetTable<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Reads a string column. */
  public interface StringGetter<T> extends Serializable {
    /** The value of the column for {@code row}, never null. */
    String get(T row);
  }

  /** Reads a long column. */
  public interface LongGetter<T> extends Serializable {
    /** The value of the column for {@code row}. */
    long get(T row);
  }

  /** Reads a double column. */
  public interface DoubleGetter<T> extends Serializable {
    /** The value of the column for {@code row}. */
    double get(T row);
  }

  /** Reads a boolean column. */
  public interface BooleanGetter<T> extends Serializable {
    /** The value of the column for {@code row}. */
    boolean get(T row);
  }

  enum Kind { STRING, INT64, TIMESTAMP, DOUBLE, OPTIONAL_DOUBLE, OPTIONAL_INT64, BOOLEAN }

  record Column<T>(String name, Kind kind, Serializable getter, long nullSentinel) implements Serializable {}

  private final String name;
  private final List<Column<T>> columns;
  private transient MessageType schema;

  private ParquetTable(String name, List<Column<T>> columns) {
    this.name = name;
    this.columns = List.copyOf(columns);
  }

  /** A builder for a table named {@code name} (the Parquet message name). */
  public static <T> Builder<T> builder(String name) {
    return new Builder<>(Checks.notBlank(name, "name"));
  }

  /** The table name. */
  public String name() {
    return name;
  }

  /** The columns, for the other writers of this package ({@link ArrowFiles}). */
  List<Column<T>> columns() {
    return columns;
  }

  /** Column names in order. */
  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  /** The Parquet schema. */
  public MessageType schema() {
    if (schema == null) {
      List<Type> fields = new ArrayList<>();
      for (Column<T> c : columns) {
        fields.add(switch (c.kind) {
          case STRING -> Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name);
          case INT64 -> Types.required(PrimitiveTypeName.INT64).named(c.name);
          case OPTIONAL_INT64 -> Types.optional(PrimitiveTypeName.INT64).named(c.name);
          case TIMESTAMP -> Types.required(PrimitiveTypeName.INT64)
              .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(c.name);
          case DOUBLE -> Types.required(PrimitiveTypeName.DOUBLE).named(c.name);
          case OPTIONAL_DOUBLE -> Types.optional(PrimitiveTypeName.DOUBLE).named(c.name);
          case BOOLEAN -> Types.required(PrimitiveTypeName.BOOLEAN).named(c.name);
        });
      }
      schema = new MessageType(name, fields);
    }
    return schema;
  }

  /** Writes one row to a Parquet record consumer. */
  @SuppressWarnings("unchecked")
  void write(RecordConsumer out, T row) {
    out.startMessage();
    for (int i = 0; i < columns.size(); i++) {
      Column<T> c = columns.get(i);
      switch (c.kind) {
        case STRING -> {
          out.startField(c.name, i);
          out.addBinary(Binary.fromString(((StringGetter<T>) c.getter).get(row)));
          out.endField(c.name, i);
        }
        case INT64, TIMESTAMP -> {
          out.startField(c.name, i);
          out.addLong(((LongGetter<T>) c.getter).get(row));
          out.endField(c.name, i);
        }
        case OPTIONAL_INT64 -> {
          long v = ((LongGetter<T>) c.getter).get(row);
          if (v != c.nullSentinel) {
            out.startField(c.name, i);
            out.addLong(v);
            out.endField(c.name, i);
          }
        }
        case DOUBLE -> {
          out.startField(c.name, i);
          out.addDouble(((DoubleGetter<T>) c.getter).get(row));
          out.endField(c.name, i);
        }
        case OPTIONAL_DOUBLE -> {
          double v = ((DoubleGetter<T>) c.getter).get(row);
          if (!Double.isNaN(v)) {
            out.startField(c.name, i);
            out.addDouble(v);
            out.endField(c.name, i);
          }
        }
        case BOOLEAN -> {
          out.startField(c.name, i);
          out.addBoolean(((BooleanGetter<T>) c.getter).get(row));
          out.endField(c.name, i);
        }
      }
    }
    out.endMessage();
  }

  /** Builds a {@link ParquetTable}; columns appear in the order they are added. */
  public static final class Builder<T> {
    private final String name;
    private final List<Column<T>> columns = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    private Builder<T> add(String column, Kind kind, Serializable getter, long sentinel) {
      Checks.notBlank(column, "column");
      Checks.notNull(getter, "getter");
      if (columns.stream().anyMatch(c -> c.name.equals(column))) {
        throw new IllegalArgumentException("Column '" + column + "' is defined twice in table '" + name + "'");
      }
      columns.add(new Column<>(column, kind, getter, sentinel));
      return this;
    }

    /** A required UTF-8 string column. */
    public Builder<T> string(String column, StringGetter<T> getter) {
      return add(column, Kind.STRING, getter, 0);
    }

    /** A required 64-bit integer column. */
    public Builder<T> int64(String column, LongGetter<T> getter) {
      return add(column, Kind.INT64, getter, 0);
    }

    /** An optional 64-bit integer column; {@code nullValue} is written as null. */
    public Builder<T> optionalInt64(String column, LongGetter<T> getter, long nullValue) {
      return add(column, Kind.OPTIONAL_INT64, getter, nullValue);
    }

    /** A required UTC timestamp column; the getter returns epoch microseconds. */
    public Builder<T> timestampMicros(String column, LongGetter<T> getter) {
      return add(column, Kind.TIMESTAMP, getter, 0);
    }

    /** A required double column. */
    public Builder<T> float64(String column, DoubleGetter<T> getter) {
      return add(column, Kind.DOUBLE, getter, 0);
    }

    /** An optional double column; NaN is written as null. */
    public Builder<T> optionalFloat64(String column, DoubleGetter<T> getter) {
      return add(column, Kind.OPTIONAL_DOUBLE, getter, 0);
    }

    /** A required boolean column. */
    public Builder<T> bool(String column, BooleanGetter<T> getter) {
      return add(column, Kind.BOOLEAN, getter, 0);
    }

    /** The table. */
    public ParquetTable<T> build() {
      Checks.isTrue(!columns.isEmpty(), "Table '%s' needs at least one column", name);
      return new ParquetTable<>(name, columns);
    }
  }
}
