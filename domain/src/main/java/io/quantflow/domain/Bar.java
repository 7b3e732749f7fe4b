package io.quantflow.domain;

/**
 * One OHLCV bar of a symbol. Prices are in USD per share, volume in shares.
 *
 * <p>{@code timestampMicros} is the UTC start of the interval in UNIX epoch microseconds (Alpaca's convention: a
 * bar is labelled by the start of its interval); the bar becomes available at {@link #availableAtMicros()}, the end
 * of the interval. {@code tradeCount} is {@link #UNKNOWN_TRADE_COUNT} and {@code vwap} is NaN when the source did
 * not provide them.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param symbol ticker, e.g. {@code AAPL}
 * @param timeframe interval length
 * @param timestampMicros interval start, UTC epoch microseconds
 * @param open first trade price
 * @param high highest trade price
 * @param low lowest trade price
 * @param close last trade price
 * @param volume shares traded, not negative
 * @param tradeCount number of trades, or {@link #UNKNOWN_TRADE_COUNT}
 * @param vwap volume-weighted average price, or NaN when unknown
 */
public record Bar(
    String symbol,
    Timeframe timeframe,
    long timestampMicros,
    double open,
    double high,
    double low,
    double close,
    double volume,
    long tradeCount,
    double vwap) implements BarView {

  /** Marks a trade count the source did not provide. */
  public static final long UNKNOWN_TRADE_COUNT = -1;

  /** Checks the OHLC rules of a bar: prices finite and positive, low &lt;= open, close &lt;= high. */
  public Bar {
    Checks.notBlank(symbol, "symbol");
    Checks.notNull(timeframe, "timeframe");
    Checks.positive(open, "open");
    Checks.positive(high, "high");
    Checks.positive(low, "low");
    Checks.positive(close, "close");
    Checks.notNegative(volume, "volume");
    Checks.isTrue(high >= Math.max(open, close) && low <= Math.min(open, close),
        "Bar %s %s at %d violates low <= open, close <= high (o=%s h=%s l=%s c=%s)",
        symbol, timeframe, timestampMicros, open, high, low, close);
    Checks.isTrue(tradeCount >= UNKNOWN_TRADE_COUNT, "Argument 'tradeCount' must not be negative but was %d",
        tradeCount);
    Checks.isTrue(Double.isNaN(vwap) || vwap > 0 && Double.isFinite(vwap),
        "Argument 'vwap' must be positive or NaN (unknown) but was %s", vwap);
  }

  /** A bar without trade count and VWAP. */
  public static Bar of(String symbol, Timeframe timeframe, long timestampMicros,
      double open, double high, double low, double close, double volume) {
    return new Bar(symbol, timeframe, timestampMicros, open, high, low, close, volume, UNKNOWN_TRADE_COUNT,
        Double.NaN);
  }

  /** The moment the bar is complete and may be used: the end of its interval, UTC epoch microseconds. */
  @Override
  public long availableAtMicros() {
    return timestampMicros + timeframe.durationMicros();
  }
}
