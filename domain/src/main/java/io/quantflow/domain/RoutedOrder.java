package io.quantflow.domain;

/**
 * An instruction for the broker from the portfolio, in decision order: place an order as it reaches the market, or
 * cancel a working one because a new decision replaced it. What a live job checks pre-trade and routes to the
 * broker; a backtest ignores it. This class is immutable and thread-safe.
 *
 * @param action place or cancel
 * @param order the order with its deterministic client order id; for a cancel, {@code quantity} is the part the
 *     portfolio still counted as unfilled
 * @param referencePrice the symbol's last close when the order was decided, USD per share, finite and positive; the
 *     notional of a market order is estimated as {@code |quantity| * referencePrice}
 */
public record RoutedOrder(Action action, Order order, double referencePrice) {
  /** What the broker is asked to do. */
  public enum Action {
    /** Place the order. */
    SUBMIT,
    /** Cancel the working order with this client order id. */
    CANCEL
  }

  /** Checks the arguments. */
  public RoutedOrder {
    Checks.notNull(action, "action");
    Checks.notNull(order, "order");
    Checks.positive(referencePrice, "referencePrice");
  }

  /** Place {@code order}, sized at {@code referencePrice}. */
  public static RoutedOrder submit(Order order, double referencePrice) {
    return new RoutedOrder(Action.SUBMIT, order, referencePrice);
  }

  /** Cancel {@code order} (its unfilled {@code quantity}). */
  public static RoutedOrder cancel(Order order, double referencePrice) {
    return new RoutedOrder(Action.CANCEL, order, referencePrice);
  }

  /** Whether this places an order. */
  public boolean isSubmit() {
    return action == Action.SUBMIT;
  }

  /** Estimated notional, USD, not negative: at the limit price when there is one, else at the reference price. */
  public double notional() {
    double px = Double.isNaN(order.limitPrice()) ? referencePrice : order.limitPrice();
    return Math.abs(order.quantity()) * px;
  }
}
