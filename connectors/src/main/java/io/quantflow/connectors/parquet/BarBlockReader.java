package io.quantflow.connectors.parquet;

import io.quantflow.domain.Bar;
import io.quantflow.domain.BarBlock;
import io.quantflow.domain.Checks;
import io.quantflow.domain.Timeframe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Reads a bar file of the store ({@link Tables#BARS}) column by column straight into {@link BarBlock}s, the fast
 * path of BATCH backtests: no object per bar. Columns are matched by name (extra columns are ignored, {@code
 * trade_count} and {@code vwap} are optional); every row is checked by the rules of {@link Bar}.
 */
public final class BarBlockReader {
  private BarBlockReader() {}

  private static final String[] DOUBLES = {"open", "high", "low", "close", "volume", "vwap"};

  /** Reads a local file into blocks of at most {@code maxRows} bars. */
  public static List<BarBlock> read(java.nio.file.Path file, Timeframe timeframe, int maxRows) {
    return read(new LocalInputFile(file), timeframe, maxRows);
  }

  /**
   * Reads any Parquet input file into blocks of at most {@code maxRows} bars, in file order.
   *
   * @throws IllegalArgumentException naming the file if a required column is missing or a bar is invalid
   */
  public static List<BarBlock> read(InputFile file, Timeframe timeframe, int maxRows) {
    Checks.positive(maxRows, "maxRows");
    List<BarBlock> out = new ArrayList<>();
    try (ParquetFileReader reader = ParquetFileReader.open(file, ParquetReadOptions.builder().build())) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      for (String required : List.of("symbol", "timestamp", "open", "high", "low", "close", "volume")) {
        if (!schema.containsField(required)) {
          throw new IllegalArgumentException("Parquet file lacks the required bar column '" + required
              + "'; columns are " + schema.getFields().stream().map(f -> f.getName()).toList());
        }
      }
      String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        int rows = Math.toIntExact(pages.getRowCount());
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new NoConverter(), schema, createdBy);
        String symbol = readSymbol(store, schema);
        long[] ts = readLongs(store, schema, "timestamp", rows, Long.MIN_VALUE);
        double[][] d = new double[DOUBLES.length][];
        for (int c = 0; c < DOUBLES.length; c++) {
          d[c] = schema.containsField(DOUBLES[c]) ? readDoubles(store, schema, DOUBLES[c], rows) : nan(rows);
        }
        long[] trades = schema.containsField("trade_count")
            ? readLongs(store, schema, "trade_count", rows, Bar.UNKNOWN_TRADE_COUNT) : unknown(rows);
        for (int from = 0; from < rows; from += maxRows) {
          int to = Math.min(rows, from + maxRows);
          BarBlock.Builder b = BarBlock.builder(symbol, timeframe, to - from);
          for (int i = from; i < to; i++) {
            b.add(ts[i], d[0][i], d[1][i], d[2][i], d[3][i], d[4][i], trades[i], d[5][i], Double.NaN, Double.NaN, 0,
                0, (byte) 0);
          }
          out.add(b.build());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read bars from " + file + ": " + e.getMessage()
          + " (is it a Parquet file written in the layout of docs/data-format.md?)", e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid bar in " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static ColumnReader column(ColumnReadStoreImpl store, MessageType schema, String name) {
    ColumnDescriptor col = schema.getColumnDescription(new String[] {name});
    return store.getColumnReader(col);
  }

  private static String readSymbol(ColumnReadStoreImpl store, MessageType schema) {
    ColumnReader r = column(store, schema, "symbol");
    int max = schema.getColumnDescription(new String[] {"symbol"}).getMaxDefinitionLevel();
    if (r.getTotalValueCount() == 0 || r.getCurrentDefinitionLevel() < max) {
      throw new IllegalArgumentException("the 'symbol' column is empty or null");
    }
    Binary first = r.getBinary().copy();
    String symbol = first.toStringUsingUTF8();
    long n = r.getTotalValueCount();
    for (long i = 0; i < n; i++) { // one symbol per store file: check it
      if (r.getCurrentDefinitionLevel() < max || !r.getBinary().equals(first)) {
        throw new IllegalArgumentException("a store file holds one symbol, but this one holds '" + symbol
            + "' and another at row " + i);
      }
      r.consume();
    }
    return symbol;
  }

  private static long[] readLongs(ColumnReadStoreImpl store, MessageType schema, String name, int rows,
      long nullValue) {
    ColumnDescriptor col = schema.getColumnDescription(new String[] {name});
    ColumnReader r = store.getColumnReader(col);
    int max = col.getMaxDefinitionLevel();
    boolean int32 = col.getPrimitiveType().getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT32;
    long[] out = new long[rows];
    for (int i = 0; i < rows; i++) {
      if (r.getCurrentDefinitionLevel() < max) {
        if (nullValue == Long.MIN_VALUE) {
          throw new IllegalArgumentException("column '" + name + "' is null at row " + i);
        }
        out[i] = nullValue;
      } else {
        out[i] = int32 ? r.getInteger() : r.getLong();
      }
      r.consume();
    }
    return out;
  }

  private static double[] readDoubles(ColumnReadStoreImpl store, MessageType schema, String name, int rows) {
    ColumnDescriptor col = schema.getColumnDescription(new String[] {name});
    ColumnReader r = store.getColumnReader(col);
    int max = col.getMaxDefinitionLevel();
    PrimitiveType.PrimitiveTypeName type = col.getPrimitiveType().getPrimitiveTypeName();
    double[] out = new double[rows];
    for (int i = 0; i < rows; i++) {
      if (r.getCurrentDefinitionLevel() < max) {
        out[i] = Double.NaN;
      } else {
        out[i] = switch (type) {
          case DOUBLE -> r.getDouble();
          case FLOAT -> r.getFloat();
          case INT64 -> r.getLong();
          case INT32 -> r.getInteger();
          default -> throw new IllegalArgumentException("column '" + name + "' has type " + type
              + "; expected a number");
        };
      }
      r.consume();
    }
    return out;
  }

  private static double[] nan(int rows) {
    double[] a = new double[rows];
    java.util.Arrays.fill(a, Double.NaN);
    return a;
  }

  private static long[] unknown(int rows) {
    long[] a = new long[rows];
    java.util.Arrays.fill(a, Bar.UNKNOWN_TRADE_COUNT);
    return a;
  }

  /** The column readers need a converter tree even when values are pulled directly; this one discards. */
  private static final class NoConverter extends GroupConverter {
    @Override
    public org.apache.parquet.io.api.Converter getConverter(int fieldIndex) {
      return new PrimitiveConverter() {
        @Override
        public void addBinary(Binary value) {}
      };
    }

    @Override
    public void start() {}

    @Override
    public void end() {}
  }
}
