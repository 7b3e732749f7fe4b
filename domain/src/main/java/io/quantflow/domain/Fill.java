package io.quantflow.domain;

/**
 * An executed (here: simulated) fill. Quantity is signed: positive buys, negative sells. Prices and commission in
 * USD. This class is immutable and thread-safe.
 *
 * @param orderId deterministic id of the order, derived from the decision that caused it
 * @param symbol ticker
 * @param timestampMicros time of the fill, UTC epoch microseconds
 * @param decisionMicros time of the decision (signal) that caused the order, always before the fill
 * @param quantity signed shares: positive buy, negative sell
 * @param price fill price per share, USD
 * @param commission total costs charged for the fill, USD, not negative
 */
public record Fill(String orderId, String symbol, long timestampMicros, long decisionMicros, double quantity,
    double price, double commission) {

  /** Checks the fields, including that the fill comes strictly after its decision. */
  public Fill {
    Checks.notBlank(orderId, "orderId");
    Checks.notBlank(symbol, "symbol");
    Checks.positive(price, "price");
    Checks.notNegative(commission, "commission");
    Checks.isTrue(quantity != 0 && Double.isFinite(quantity), "Argument 'quantity' must be finite and non-zero but was %s",
        quantity);
    Checks.isTrue(timestampMicros >= decisionMicros,
        "Fill %s at %d precedes its decision at %d", orderId, timestampMicros, decisionMicros);
  }

  /** Traded value, signed like quantity, USD. */
  public double notional() {
    return quantity * price;
  }
}
