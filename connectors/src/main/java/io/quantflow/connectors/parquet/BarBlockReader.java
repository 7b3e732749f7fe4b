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
  /**
   * One per thread (they hold decompressors, which are not thread-safe), over an empty Hadoop configuration: the
   * default builder loads Hadoop's XML configuration files, which costs more than reading a bar file.
   */
  private static final ThreadLocal<ParquetReadOptions> OPTIONS = ThreadLocal.withInitial(() ->
      org.apache.parquet.HadoopReadOptions.builder(new org.apache.hadoop.conf.Configuration(false)).build());

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
    List<BarBlock> fast = read(file, timeframe, maxRows, true);
    return fast != null ? fast : read(file, timeframe, maxRows, false);
  }

  /** Reads with the page decoder ({@code fast}), or with Parquet's column readers; null if fast is not possible. */
  private static List<BarBlock> read(InputFile file, Timeframe timeframe, int maxRows, boolean fast) {
    List<BarBlock> out = new ArrayList<>();
    try (ParquetFileReader reader = ParquetFileReader.open(file, OPTIONS.get())) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      for (String required : List.of("symbol", "timestamp", "open", "high", "low", "close", "volume")) {
        if (!schema.containsField(required)) {
          throw new IllegalArgumentException("Parquet file lacks the required bar column '" + required
              + "'; columns are " + schema.getFields().stream().map(f -> f.getName()).toList());
        }
      }
      String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
      PageReadStore pages;
      int group = 0;
      while ((pages = reader.readNextRowGroup()) != null) {
        String known = singleSymbol(reader.getRowGroups().get(group++));
        int rows = Math.toIntExact(pages.getRowCount());
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new NoConverter(), schema, createdBy);
        String symbol = known != null ? known : readSymbol(store, schema);
        long[] ts;
        double[][] d = new double[DOUBLES.length][];
        long[] trades;
        if (fast) {
          ts = PageDecoder.longs(pages.getPageReader(col(schema, "timestamp")), col(schema, "timestamp"), rows,
              Long.MIN_VALUE);
          if (ts == null || java.util.Arrays.stream(ts).anyMatch(t -> t == Long.MIN_VALUE)) {
            return null;
          }
          for (int c = 0; c < DOUBLES.length; c++) {
            if (schema.containsField(DOUBLES[c])) {
              d[c] = PageDecoder.doubles(pages.getPageReader(col(schema, DOUBLES[c])), col(schema, DOUBLES[c]), rows,
                  Double.NaN);
              if (d[c] == null) {
                return null;
              }
            } else {
              d[c] = nan(rows);
            }
          }
          trades = schema.containsField("trade_count") ? PageDecoder.longs(pages.getPageReader(
              col(schema, "trade_count")), col(schema, "trade_count"), rows, Bar.UNKNOWN_TRADE_COUNT) : unknown(rows);
          if (trades == null) {
            return null;
          }
        } else {
          ts = readLongs(store, schema, "timestamp", rows, Long.MIN_VALUE);
          for (int c = 0; c < DOUBLES.length; c++) {
            d[c] = schema.containsField(DOUBLES[c]) ? readDoubles(store, schema, DOUBLES[c], rows) : nan(rows);
          }
          trades = schema.containsField("trade_count")
              ? readLongs(store, schema, "trade_count", rows, Bar.UNKNOWN_TRADE_COUNT) : unknown(rows);
        }
        for (int from = 0; from < rows; from += maxRows) {
          int to = Math.min(rows, from + maxRows);
          out.add(BarBlock.ofColumns(symbol, timeframe, java.util.Arrays.copyOfRange(ts, from, to),
              java.util.Arrays.copyOfRange(d[0], from, to), java.util.Arrays.copyOfRange(d[1], from, to),
              java.util.Arrays.copyOfRange(d[2], from, to), java.util.Arrays.copyOfRange(d[3], from, to),
              java.util.Arrays.copyOfRange(d[4], from, to), java.util.Arrays.copyOfRange(trades, from, to),
              java.util.Arrays.copyOfRange(d[5], from, to)));
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

  private static ColumnDescriptor col(MessageType schema, String name) {
    return schema.getColumnDescription(new String[] {name});
  }

  private static ColumnReader column(ColumnReadStoreImpl store, MessageType schema, String name) {
    ColumnDescriptor col = schema.getColumnDescription(new String[] {name});
    return store.getColumnReader(col);
  }

  /**
   * The symbol of a row group whose statistics prove it holds one (no nulls, min equal to max), else null: then
   * every value is read and checked.
   */
  private static String singleSymbol(org.apache.parquet.hadoop.metadata.BlockMetaData block) {
    for (org.apache.parquet.hadoop.metadata.ColumnChunkMetaData c : block.getColumns()) {
      if (c.getPath().toDotString().equals("symbol")) {
        org.apache.parquet.column.statistics.Statistics<?> st = c.getStatistics();
        if (st != null && st.hasNonNullValue() && st.isNumNullsSet() && st.getNumNulls() == 0
            && java.util.Arrays.equals(st.getMinBytes(), st.getMaxBytes())) {
          return new String(st.getMinBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
      }
    }
    return null;
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
