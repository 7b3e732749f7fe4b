package io.quantflow.simulator.trading;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One order of the paper account, mutable, guarded by the {@link MatchingEngine}'s lock. Quantities in shares,
 * prices in USD per share, times in UTC epoch microseconds of the simulated clock (0 = not set).
 */
final class SimOrder {
  final UUID id;
  final String clientOrderId;
  final String symbol;
  final String side; // buy | sell
  final String type; // market | limit | stop | stop_limit
  final String timeInForce;
  final String orderClass; // "" | bracket
  final boolean extendedHours;
  final long seq;
  BigDecimal qty;
  BigDecimal limitPrice;
  BigDecimal stopPrice;
  BigDecimal filledQty = BigDecimal.ZERO;
  BigDecimal filledNotional = BigDecimal.ZERO;
  String status = "accepted";
  long createdMicros;
  long updatedMicros;
  long submittedMicros;
  long filledMicros;
  long expiredMicros;
  long canceledMicros;
  long cancelRequestedMicros;
  long replacedMicros;
  /** When a day order expires (the session close it belongs to); Long.MAX_VALUE for none. */
  long expiresAtMicros = Long.MAX_VALUE;
  UUID replacedBy;
  UUID replaces;
  /** Whether a stop (or stop-limit) order has triggered. */
  boolean triggered;
  /** The bracket entry of a leg; null for an entry or a simple order. */
  SimOrder parent;
  final List<SimOrder> legs = new ArrayList<>();

  SimOrder(UUID id, String clientOrderId, String symbol, String side, String type, String timeInForce,
      String orderClass, boolean extendedHours, long seq, BigDecimal qty, BigDecimal limitPrice,
      BigDecimal stopPrice) {
    this.id = id;
    this.clientOrderId = clientOrderId;
    this.symbol = symbol;
    this.side = side;
    this.type = type;
    this.timeInForce = timeInForce;
    this.orderClass = orderClass;
    this.extendedHours = extendedHours;
    this.seq = seq;
    this.qty = qty;
    this.limitPrice = limitPrice;
    this.stopPrice = stopPrice;
  }

  boolean buy() {
    return side.equals("buy");
  }

  BigDecimal remaining() {
    return qty.subtract(filledQty);
  }

  /** Terminal statuses: filled, canceled, expired, rejected, replaced. */
  boolean terminal() {
    return switch (status) {
      case "filled", "canceled", "expired", "rejected", "replaced" -> true;
      default -> false;
    };
  }

  /** Whether the engine may fill it now: new or partially filled (not accepted, not held). */
  boolean working() {
    return status.equals("new") || status.equals("partially_filled");
  }

  BigDecimal filledAvgPrice() {
    return filledQty.signum() == 0 ? null : MatchingEngine.div(filledNotional, filledQty);
  }

  /** The bracket group: the entry and its legs (or just this order). */
  List<SimOrder> group() {
    SimOrder root = parent != null ? parent : this;
    List<SimOrder> all = new ArrayList<>();
    all.add(root);
    all.addAll(root.legs);
    return all;
  }
}
