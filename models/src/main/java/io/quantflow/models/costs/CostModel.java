package io.quantflow.models.costs;

import java.io.Serializable;

/** The cost of one fill, in USD, charged on top of the traded notional. */
public interface CostModel extends Serializable {
  /**
   * The cost of filling {@code quantity} shares (signed) of {@code symbol} at {@code price} USD.
   *
   * @return a cost in USD, not negative
   */
  double cost(String symbol, double quantity, double price);
}
