package io.quantflow.connectors.parquet;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;

/**
 * Reads any Parquet file row by row into objects through a {@link RowMapper}. General and simple rather than fast
 * (one {@link Group} per row); the hot path of the store, bars, has its own reader ({@link BarReader}).
 *
 * @param <T> the row type
 */
public final class RowReader<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Turns one Parquet row into an object; columns are looked up by name. */
  @FunctionalInterface
  public interface RowMapper<T> extends Serializable {
    /** Maps one row. */
    T map(Group row);
  }

  private final RowMapper<T> mapper;

  private RowReader(RowMapper<T> mapper) {
    this.mapper = mapper;
  }

  /** A reader that maps rows with {@code mapper}. */
  public static <T> RowReader<T> of(RowMapper<T> mapper) {
    return new RowReader<>(mapper);
  }

  /** Every row of a local file. */
  public List<T> read(java.nio.file.Path file) {
    return read(new LocalInputFile(file));
  }

  /** Every row of any Parquet input file. */
  public List<T> read(InputFile file) {
    List<T> out = new ArrayList<>();
    try (ParquetReader<Group> reader = new GroupBuilder(file).withConf(new Configuration(false)).build()) {
      for (Group g = reader.read(); g != null; g = reader.read()) {
        out.add(mapper.map(g));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage()
          + " (is it a Parquet file in the layout of docs/data-format.md?)", e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Invalid row in " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static final class GroupBuilder extends ParquetReader.Builder<Group> {
    GroupBuilder(InputFile file) {
      super(file);
    }

    @Override
    protected org.apache.parquet.hadoop.api.ReadSupport<Group> getReadSupport() {
      return new GroupReadSupport();
    }
  }

  /** Reads {@link Tables#TRADES} rows. */
  public static final RowReader<io.quantflow.domain.Trade> TRADES = of(g -> new io.quantflow.domain.Trade(
      g.getString("symbol", 0), g.getLong("timestamp", 0), g.getDouble("price", 0), g.getDouble("size", 0),
      g.getString("exchange", 0), g.getLong("trade_id", 0), g.getString("conditions", 0)));

  /** Reads {@link Tables#QUOTES} rows. */
  public static final RowReader<io.quantflow.domain.Quote> QUOTES = of(g -> new io.quantflow.domain.Quote(
      g.getString("symbol", 0), g.getLong("timestamp", 0), g.getDouble("bid_price", 0), g.getDouble("bid_size", 0),
      g.getDouble("ask_price", 0), g.getDouble("ask_size", 0), g.getString("bid_exchange", 0),
      g.getString("ask_exchange", 0)));

  /** Reads {@link Tables#EVENTS} rows. */
  public static final RowReader<io.quantflow.domain.MarketEvent> EVENTS = of(g -> new io.quantflow.domain.MarketEvent(
      io.quantflow.domain.MarketEvent.Kind.valueOf(g.getString("kind", 0)), g.getString("symbol", 0),
      g.getLong("timestamp", 0), g.getLong("received_at", 0), g.getLong("trade_id", 0), g.getDouble("price", 0),
      g.getDouble("size", 0), g.getLong("corrected_trade_id", 0), g.getString("exchange", 0),
      g.getString("conditions", 0), g.getDouble("bid_price", 0), g.getDouble("bid_size", 0),
      g.getDouble("ask_price", 0), g.getDouble("ask_size", 0)));
}
