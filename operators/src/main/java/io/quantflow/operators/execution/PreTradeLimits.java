package io.quantflow.operators.execution;

import java.io.Serializable;

/**
 * Limits every order must pass before it is sent to the broker. A value of {@code 0} or less disables that limit.
 *
 * @param maxOrderNotional largest notional of one order, USD (a fat-finger guard)
 * @param maxPositionNotional largest absolute position a symbol may reach if the order fills, USD at the order's
 *     reference price; an order that reduces the position always passes this limit
 * @param maxOrdersPerMinute most orders accepted in any 60 seconds of event time (the submission times)
 */
public record PreTradeLimits(double maxOrderNotional, double maxPositionNotional, int maxOrdersPerMinute)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Defaults for a $100,000 paper account: $25,000 an order, $50,000 a position, 60 orders a minute. */
  public static final PreTradeLimits DEFAULT = new PreTradeLimits(25_000, 50_000, 60);

  /** Checks the arguments. */
  public PreTradeLimits {
    if (Double.isNaN(maxOrderNotional) || Double.isNaN(maxPositionNotional)) {
      throw new IllegalArgumentException("maxOrderNotional and maxPositionNotional must be numbers (0 disables)");
    }
  }
}
