package io.quantflow.connectors.parquet;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Timeframe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

/**
 * Reads bar files of the store layout ({@link Tables#BARS}) straight into {@link Bar} records, without an
 * intermediate row object. Columns are matched by name, so files with extra columns are accepted.
 */
public final class BarReader {
  private BarReader() {}

  /** Reads every bar of a local file. */
  public static List<Bar> read(java.nio.file.Path file, Timeframe timeframe) {
    return read(new LocalInputFile(file), timeframe);
  }

  /** Reads every bar of any Parquet input file. */
  public static List<Bar> read(InputFile file, Timeframe timeframe) {
    List<Bar> out = new ArrayList<>();
    try (ParquetReader<Bar> reader = new Builder(file, timeframe).withConf(new Configuration(false)).build()) {
      for (Bar b = reader.read(); b != null; b = reader.read()) {
        out.add(b);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read bars from " + file + ": " + e.getMessage()
          + " (is it a Parquet file written in the layout of docs/data-format.md?)", e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid bar in " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static final class Builder extends ParquetReader.Builder<Bar> {
    private final Timeframe timeframe;

    Builder(InputFile file, Timeframe timeframe) {
      super(file);
      this.timeframe = timeframe;
    }

    @Override
    protected ReadSupport<Bar> getReadSupport() {
      return new ReadSupport<>() {
        @Override
        public ReadContext init(InitContext context) {
          MessageType file = context.getFileSchema();
          for (String required : List.of("symbol", "timestamp", "open", "high", "low", "close", "volume")) {
            if (!file.containsField(required)) {
              throw new IllegalArgumentException("Parquet file lacks the required bar column '" + required
                  + "'; columns are " + file.getFields().stream().map(f -> f.getName()).toList());
            }
          }
          return new ReadContext(file);
        }

        @Override
        public RecordMaterializer<Bar> prepareForRead(Configuration conf, Map<String, String> meta,
            MessageType fileSchema, ReadContext readContext) {
          return new BarMaterializer(readContext.getRequestedSchema(), timeframe);
        }
      };
    }
  }

  private static final class BarMaterializer extends RecordMaterializer<Bar> {
    private final Timeframe timeframe;
    private final GroupConverter root;
    private String symbol;
    private long ts;
    private long tradeCount;
    private final double[] d = new double[6]; // open high low close volume vwap

    BarMaterializer(MessageType schema, Timeframe timeframe) {
      this.timeframe = timeframe;
      Converter[] converters = new Converter[schema.getFieldCount()];
      for (int i = 0; i < converters.length; i++) {
        converters[i] = converter(schema.getFieldName(i));
      }
      root = new GroupConverter() {
        @Override
        public Converter getConverter(int fieldIndex) {
          return converters[fieldIndex];
        }

        @Override
        public void start() {
          tradeCount = Bar.UNKNOWN_TRADE_COUNT;
          d[5] = Double.NaN;
        }

        @Override
        public void end() {}
      };
    }

    private Converter converter(String name) {
      int slot = switch (name) {
        case "open" -> 0;
        case "high" -> 1;
        case "low" -> 2;
        case "close" -> 3;
        case "volume" -> 4;
        case "vwap" -> 5;
        default -> -1;
      };
      return new PrimitiveConverter() {
        @Override
        public void addBinary(Binary value) {
          if (name.equals("symbol")) {
            symbol = value.toStringUsingUTF8();
          }
        }

        @Override
        public void addLong(long value) {
          if (name.equals("timestamp")) {
            ts = value;
          } else if (name.equals("trade_count")) {
            tradeCount = value;
          } else if (slot >= 0) {
            d[slot] = value;
          }
        }

        @Override
        public void addInt(int value) {
          addLong(value);
        }

        @Override
        public void addDouble(double value) {
          if (slot >= 0) {
            d[slot] = value;
          }
        }

        @Override
        public void addFloat(float value) {
          addDouble(value);
        }
      };
    }

    @Override
    public Bar getCurrentRecord() {
      return new Bar(symbol, timeframe, ts, d[0], d[1], d[2], d[3], d[4], tradeCount, d[5]);
    }

    @Override
    public GroupConverter getRootConverter() {
      return root;
    }
  }
}
