package io.quantflow.operators.portfolio;

/**
 * The portfolio at one valuation, for the risk monitor: every symbol seen so far with its shares and last close.
 * Arrays are parallel and sorted by symbol; the snapshot owns them.
 *
 * @param timestampMicros the valuation instant, UTC epoch micros
 * @param equity USD
 * @param peakEquity highest equity so far, USD
 * @param symbols tickers, sorted
 * @param shares signed shares held (negative = short)
 * @param closes last close per symbol, USD per share (NaN before its first bar)
 */
public record BookSnapshot(long timestampMicros, double equity, double peakEquity, String[] symbols, double[] shares,
    double[] closes) {}
