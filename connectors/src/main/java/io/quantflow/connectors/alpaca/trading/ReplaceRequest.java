package io.quantflow.connectors.alpaca.trading;

import java.math.BigDecimal;

/**
 * Changes for {@code PATCH /v2/orders/{id}} (replace): null fields keep the old order's value. Alpaca answers with a
 * new order (new id, {@code replaces} = the old id); the old one becomes {@code replaced}. Immutable.
 *
 * @param qty new total shares, or null
 * @param timeInForce new time in force, or null
 * @param limitPrice new limit price USD, or null
 * @param stopPrice new stop price USD, or null
 * @param clientOrderId the new order's client id, or null for a generated one
 */
public record ReplaceRequest(BigDecimal qty, OrderRequest.TimeInForce timeInForce, BigDecimal limitPrice,
    BigDecimal stopPrice, String clientOrderId) {

  /** A replacement changing only the limit price. */
  public static ReplaceRequest limitPrice(BigDecimal price) {
    return new ReplaceRequest(null, null, price, null, null);
  }

  /** A replacement changing only the quantity. */
  public static ReplaceRequest qty(BigDecimal shares) {
    return new ReplaceRequest(shares, null, null, null, null);
  }
}
