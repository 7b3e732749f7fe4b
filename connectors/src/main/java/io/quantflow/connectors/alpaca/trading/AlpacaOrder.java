package io.quantflow.connectors.alpaca.trading;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * An Alpaca order as the trading API returns it (protocol document §3.5). Quantities in shares, prices USD per share
 * ({@link BigDecimal}, exact as sent), null when Alpaca sends null. Times are UTC epoch microseconds, null when
 * unset. Immutable.
 *
 * @param id Alpaca's order id (UUID)
 * @param clientOrderId the client's id
 * @param symbol ticker
 * @param side {@code buy} or {@code sell}
 * @param type {@code market}, {@code limit}, {@code stop}, {@code stop_limit}, {@code trailing_stop}
 * @param timeInForce {@code day}, {@code gtc}, {@code ioc}, {@code fok}, {@code opg}, {@code cls}
 * @param orderClass {@code ""} (simple), {@code bracket}, {@code oco}, {@code oto}
 * @param status e.g. {@code accepted}, {@code new}, {@code partially_filled}, {@code filled}, {@code canceled},
 *     {@code expired}, {@code replaced}, {@code rejected}, {@code held}
 * @param qty ordered shares (null for notional orders)
 * @param filledQty shares filled so far
 * @param filledAvgPrice average price of the fills so far, null before the first
 * @param limitPrice limit price, null when none
 * @param stopPrice stop price, null when none
 * @param extendedHours whether it may fill outside the regular session
 * @param createdAtMicros creation time
 * @param updatedAtMicros last update
 * @param submittedAtMicros submission time
 * @param filledAtMicros time of the completing fill, null until filled
 * @param canceledAtMicros cancel time, null unless canceled
 * @param expiredAtMicros expiry time, null unless expired
 * @param replacedBy id of the replacing order, null unless replaced
 * @param replaces id of the order this one replaced, null when none
 * @param legs bracket legs (take-profit, stop-loss) when nested, else empty
 */
public record AlpacaOrder(String id, String clientOrderId, String symbol, String side, String type,
    String timeInForce, String orderClass, String status, BigDecimal qty, BigDecimal filledQty,
    BigDecimal filledAvgPrice, BigDecimal limitPrice, BigDecimal stopPrice, boolean extendedHours,
    Long createdAtMicros, Long updatedAtMicros, Long submittedAtMicros, Long filledAtMicros, Long canceledAtMicros,
    Long expiredAtMicros, String replacedBy, String replaces, List<AlpacaOrder> legs) {

  /** Checks the required fields; legs become an unmodifiable list. */
  public AlpacaOrder {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    legs = legs == null ? List.of() : List.copyOf(legs);
    filledQty = filledQty == null ? BigDecimal.ZERO : filledQty;
  }

  /** Whether the order can no longer change: filled, canceled, expired, rejected or replaced. */
  public boolean terminal() {
    return switch (status) {
      case "filled", "canceled", "expired", "rejected", "replaced" -> true;
      default -> false;
    };
  }
}
