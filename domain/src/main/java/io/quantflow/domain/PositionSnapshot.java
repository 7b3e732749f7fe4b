package io.quantflow.domain;

/**
 * A position at the last valuation of a New York trading day: the row of {@code positions.parquet}. This class is
 * immutable and thread-safe.
 *
 * @param timestampMicros the valuation instant, UTC epoch microseconds
 * @param symbol ticker
 * @param shares shares held, signed (negative: short)
 * @param price the last close, USD per share
 * @param marketValue {@code shares * price}, USD
 * @param weight {@code marketValue / equity}, a signed fraction of equity
 */
public record PositionSnapshot(long timestampMicros, String symbol, double shares, double price, double marketValue,
    double weight) {

  /** Checks the symbol. */
  public PositionSnapshot {
    Checks.notBlank(symbol, "symbol");
  }
}
