package io.quantflow.simulator.marketdata;

import io.quantflow.domain.Bar;

/**
 * A bar as Alpaca sends it (stream {@code b}/{@code d}, historical {@code bars}), of any Alpaca timeframe,
 * including those the domain's {@code Timeframe} lacks (7Min, 1Week, ...). Prices USD per share, volume shares,
 * {@code timestampMicros} the UTC start of the interval in epoch microseconds. Immutable.
 *
 * @param symbol ticker
 * @param timestampMicros interval start, UTC epoch microseconds
 * @param open first open
 * @param high highest high
 * @param low lowest low
 * @param close last close
 * @param volume shares
 * @param tradeCount trades (0 when the store does not know)
 * @param vwap volume-weighted average price (see {@link AlpacaWire#vwap})
 */
public record WireBar(String symbol, long timestampMicros, double open, double high, double low, double close,
    double volume, long tradeCount, double vwap) {

  /** A stored bar as sent: trade count 0 and the typical price as VWAP where the store has none. */
  public static WireBar of(Bar b) {
    return new WireBar(b.symbol(), b.timestampMicros(), b.open(), b.high(), b.low(), b.close(), b.volume(),
        AlpacaWire.tradeCount(b), AlpacaWire.vwap(b));
  }

  /**
   * Builds a coarser bar from finer ones, added in time order: open of the first, high max, low min, close of the
   * last, volume and trade count summed, VWAP = sum(vwap_i * volume_i) / sum(volume_i) (the last bar's VWAP when no
   * volume traded). Not thread-safe.
   */
  public static final class Accumulator {
    private final String symbol;
    private final long timestampMicros;
    private int count;
    private double open;
    private double high;
    private double low;
    private double close;
    private double volume;
    private long trades;
    private double notional;
    private double lastVwap;

    /** An empty aggregate of {@code symbol} stamped {@code timestampMicros}. */
    public Accumulator(String symbol, long timestampMicros) {
      this.symbol = symbol;
      this.timestampMicros = timestampMicros;
    }

    /** The stamp of the aggregate, UTC epoch microseconds. */
    public long timestampMicros() {
      return timestampMicros;
    }

    /** Adds the next bar (later than those added before). */
    public Accumulator add(Bar b) {
      double vw = AlpacaWire.vwap(b);
      if (count++ == 0) {
        open = b.open();
        high = b.high();
        low = b.low();
      } else {
        high = Math.max(high, b.high());
        low = Math.min(low, b.low());
      }
      close = b.close();
      volume += b.volume();
      trades += AlpacaWire.tradeCount(b);
      notional += vw * b.volume();
      lastVwap = vw;
      return this;
    }

    /** Whether no bar was added. */
    public boolean isEmpty() {
      return count == 0;
    }

    /** The aggregate so far. @throws IllegalStateException when empty */
    public WireBar result() {
      if (count == 0) {
        throw new IllegalStateException("No bar was added to the aggregate of " + symbol);
      }
      return new WireBar(symbol, timestampMicros, open, high, low, close, volume, trades,
          volume > 0 ? notional / volume : lastVwap);
    }
  }
}
