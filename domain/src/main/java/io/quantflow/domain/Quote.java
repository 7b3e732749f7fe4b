package io.quantflow.domain;

/**
 * A top-of-book quote (NBBO or one venue). Prices in USD per share, sizes in shares. A side with no quote has
 * price and size 0. This class is immutable and thread-safe.
 *
 * @param symbol ticker
 * @param timestampMicros time of the quote, UTC epoch microseconds
 * @param bidPrice best bid, 0 if none
 * @param bidSize shares at the bid
 * @param askPrice best ask, 0 if none
 * @param askSize shares at the ask
 * @param bidExchange venue of the bid, may be empty
 * @param askExchange venue of the ask, may be empty
 */
public record Quote(String symbol, long timestampMicros, double bidPrice, double bidSize, double askPrice,
    double askSize, String bidExchange, String askExchange) {

  /** Checks prices and sizes are finite and not negative. */
  public Quote {
    Checks.notBlank(symbol, "symbol");
    Checks.notNegative(bidPrice, "bidPrice");
    Checks.notNegative(bidSize, "bidSize");
    Checks.notNegative(askPrice, "askPrice");
    Checks.notNegative(askSize, "askSize");
    bidExchange = bidExchange == null ? "" : bidExchange;
    askExchange = askExchange == null ? "" : askExchange;
  }

  /** Mid price, or NaN when either side is missing. */
  public double mid() {
    return bidPrice > 0 && askPrice > 0 ? (bidPrice + askPrice) / 2 : Double.NaN;
  }
}
