package io.quantflow.domain;

/**
 * An order as it reaches the market, with the price the portfolio sized it at: what a live job checks pre-trade and
 * routes to the broker. This class is immutable and thread-safe.
 *
 * @param order the order, with its deterministic client order id
 * @param referencePrice the symbol's last close when the order was decided, USD per share, finite and positive; the
 *     notional of a market order is estimated as {@code |quantity| * referencePrice}
 */
public record RoutedOrder(Order order, double referencePrice) {
  /** Checks the arguments. */
  public RoutedOrder {
    Checks.notNull(order, "order");
    Checks.positive(referencePrice, "referencePrice");
  }

  /** Estimated notional, USD, not negative: at the limit price when there is one, else at the reference price. */
  public double notional() {
    double px = Double.isNaN(order.limitPrice()) ? referencePrice : order.limitPrice();
    return Math.abs(order.quantity()) * px;
  }
}
