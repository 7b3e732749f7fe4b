package io.quantflow.connectors.alpaca.trading;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One {@code trade_updates} message (protocol document §4.4). On {@code fill} and {@code partial_fill},
 * {@code price} and {@code qty} are this execution's (the order's {@code filledQty}/{@code filledAvgPrice} are
 * cumulative) and {@code positionQty} is the position after it (negative = short); on other events they are null.
 * Immutable.
 *
 * @param event {@code new}, {@code partial_fill}, {@code fill}, {@code canceled}, {@code expired}, {@code replaced},
 *     {@code rejected}, ...
 * @param order the order after the event
 * @param timestampMicros when the event happened, UTC epoch microseconds
 * @param price execution price, USD per share, or null
 * @param qty execution shares, or null
 * @param positionQty position after the execution, shares, or null
 * @param executionId execution id, or null
 */
public record TradeUpdate(String event, AlpacaOrder order, long timestampMicros, BigDecimal price, BigDecimal qty,
    BigDecimal positionQty, String executionId) {
  /** Checks the required fields. */
  public TradeUpdate {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(order, "order");
  }
}
