package io.quantflow.operators.bars;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Timeframe;

/**
 * Aggregates finer bars into one coarser bar, whatever order they arrive in: open of the earliest, close of the
 * latest, max high, min low, summed volume and trade count, volume-weighted VWAP. Trade count and VWAP are unknown
 * in the result if any input lacks them. Public mutable fields so Flink serialises it as a POJO.
 */
public final class BarAccumulator {
  /** Symbol of the bars. */
  public String symbol;
  /** Start of the earliest input, UTC epoch micros. */
  public long firstMicros = Long.MAX_VALUE;
  /** Start of the latest input, UTC epoch micros. */
  public long lastMicros = Long.MIN_VALUE;
  /** Open of the earliest input. */
  public double open;
  /** Close of the latest input. */
  public double close;
  /** Highest high. */
  public double high = Double.NEGATIVE_INFINITY;
  /** Lowest low. */
  public double low = Double.POSITIVE_INFINITY;
  /** Summed volume. */
  public double volume;
  /** Summed trade count, or -1 once an input lacked one. */
  public long tradeCount;
  /** Sum of vwap * volume, or NaN once an input lacked a VWAP. */
  public double vwapNotional;
  /** Number of inputs. */
  public int count;

  /** Adds one finer bar. */
  public BarAccumulator add(Bar b) {
    symbol = b.symbol();
    if (b.timestampMicros() < firstMicros) {
      firstMicros = b.timestampMicros();
      open = b.open();
    }
    if (b.timestampMicros() > lastMicros) {
      lastMicros = b.timestampMicros();
      close = b.close();
    }
    high = Math.max(high, b.high());
    low = Math.min(low, b.low());
    volume += b.volume();
    tradeCount = tradeCount < 0 || !b.hasTradeCount() ? -1 : tradeCount + b.tradeCount();
    vwapNotional += b.vwap() * b.volume(); // NaN propagates: one unknown VWAP makes the result unknown
    count++;
    return this;
  }

  /** Merges another accumulator into this one. */
  public BarAccumulator merge(BarAccumulator o) {
    if (o.count == 0) {
      return this;
    }
    symbol = o.symbol;
    if (o.firstMicros < firstMicros) {
      firstMicros = o.firstMicros;
      open = o.open;
    }
    if (o.lastMicros > lastMicros) {
      lastMicros = o.lastMicros;
      close = o.close;
    }
    high = Math.max(high, o.high);
    low = Math.min(low, o.low);
    volume += o.volume;
    tradeCount = tradeCount < 0 || o.tradeCount < 0 ? -1 : tradeCount + o.tradeCount;
    vwapNotional += o.vwapNotional;
    count += o.count;
    return this;
  }

  /** The coarser bar starting at {@code startMicros}. */
  public Bar toBar(Timeframe timeframe, long startMicros) {
    double vwap = volume > 0 ? vwapNotional / volume : Double.NaN;
    if (!Double.isNaN(vwap)) {
      vwap = Math.min(high, Math.max(low, vwap)); // rounding can push a VWAP a hair outside [low, high]
    }
    return new Bar(symbol, timeframe, startMicros, open, high, low, close, volume, tradeCount, vwap);
  }
}
