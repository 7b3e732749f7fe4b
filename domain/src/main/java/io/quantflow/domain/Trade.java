package io.quantflow.domain;

/**
 * One trade print. Prices in USD per share, size in shares. This class is immutable and thread-safe.
 *
 * @param symbol ticker
 * @param timestampMicros time of the trade, UTC epoch microseconds
 * @param price trade price, finite and positive
 * @param size shares, positive
 * @param exchange one-letter venue code (Alpaca's {@code x}), may be empty
 * @param tradeId venue trade id (Alpaca's {@code i}), 0 when unknown
 * @param conditions sale-condition codes joined by commas (Alpaca's {@code c}), may be empty
 */
public record Trade(String symbol, long timestampMicros, double price, double size, String exchange, long tradeId,
    String conditions) {

  /** Checks price and size. */
  public Trade {
    Checks.notBlank(symbol, "symbol");
    Checks.positive(price, "price");
    Checks.positive(size, "size");
    exchange = exchange == null ? "" : exchange;
    conditions = conditions == null ? "" : conditions;
  }
}
