package io.quantflow.domain;

/**
 * An order to buy or sell shares of one symbol. Quantity is signed: positive buys, negative sells. Prices are USD
 * per share; a price the order type does not use is NaN. Times are UTC epoch microseconds. This class is immutable
 * and thread-safe.
 *
 * <p>An order is decided at {@code decisionMicros} (the close of the bar whose data led to it) and reaches the
 * market at {@code submittedAtMicros}, never earlier. A parent order has an empty {@code parentId}; child orders
 * (the slices of a TWAP or VWAP schedule) carry the {@code clientOrderId} of their parent.
 *
 * <p>The type and time-in-force names are Alpaca's; they are written in lower case ({@code stop_limit},
 * {@code gtc}) when serialised for its API.
 *
 * @param clientOrderId deterministic id given by the caller, e.g. derived from the decision that caused the order
 * @param symbol ticker
 * @param quantity signed shares: positive buy, negative sell; finite and non-zero (fractions allowed)
 * @param type market, limit, stop or stop-limit
 * @param limitPrice limit price, USD; positive for {@link OrderType#LIMIT} and {@link OrderType#STOP_LIMIT}, NaN
 *     otherwise
 * @param stopPrice stop (trigger) price, USD; positive for {@link OrderType#STOP} and {@link OrderType#STOP_LIMIT},
 *     NaN otherwise
 * @param timeInForce how long the order works
 * @param decisionMicros time of the decision that caused the order, UTC epoch microseconds
 * @param submittedAtMicros time the order reaches the market, UTC epoch microseconds, not before the decision
 * @param parentId {@code clientOrderId} of the parent order, or empty for a parent order
 */
public record Order(String clientOrderId, String symbol, double quantity, OrderType type, double limitPrice,
    double stopPrice, TimeInForce timeInForce, long decisionMicros, long submittedAtMicros, String parentId) {

  /** What price condition the order fills under. */
  public enum OrderType {
    /** Fills at the market price. */
    MARKET,
    /** Fills at the limit price or better. */
    LIMIT,
    /** Becomes a market order once the price reaches the stop price. */
    STOP,
    /** Becomes a limit order once the price reaches the stop price. */
    STOP_LIMIT
  }

  /** How long an order works. */
  public enum TimeInForce {
    /** Until the close of the regular session it was submitted for; then the rest expires. */
    DAY,
    /** Until filled or cancelled. */
    GTC,
    /** Immediate or cancel: fills what it can at its first chance; the rest is cancelled. */
    IOC
  }

  /** Checks the fields, including that the prices match the type and the submission is not before the decision. */
  public Order {
    Checks.notBlank(clientOrderId, "clientOrderId");
    Checks.notBlank(symbol, "symbol");
    Checks.notNull(type, "type");
    Checks.notNull(timeInForce, "timeInForce");
    Checks.notNull(parentId, "parentId");
    Checks.isTrue(quantity != 0 && Double.isFinite(quantity),
        "Argument 'quantity' must be finite and non-zero but was %s", quantity);
    boolean usesLimit = type == OrderType.LIMIT || type == OrderType.STOP_LIMIT;
    boolean usesStop = type == OrderType.STOP || type == OrderType.STOP_LIMIT;
    checkPrice(limitPrice, usesLimit, "limitPrice", type);
    checkPrice(stopPrice, usesStop, "stopPrice", type);
    Checks.isTrue(submittedAtMicros >= decisionMicros,
        "Order %s is submitted at %d, before its decision at %d", clientOrderId, submittedAtMicros, decisionMicros);
    Checks.isTrue(!parentId.equals(clientOrderId), "Order %s cannot be its own parent", clientOrderId);
  }

  private static void checkPrice(double price, boolean used, String name, OrderType type) {
    if (used) {
      Checks.positive(price, name);
    } else {
      Checks.isTrue(Double.isNaN(price), "Argument '%s' must be NaN for a %s order but was %s", name, type, price);
    }
  }

  /** A parent market order. */
  public static Order market(String clientOrderId, String symbol, double quantity, TimeInForce timeInForce,
      long decisionMicros, long submittedAtMicros) {
    return new Order(clientOrderId, symbol, quantity, OrderType.MARKET, Double.NaN, Double.NaN, timeInForce,
        decisionMicros, submittedAtMicros, "");
  }

  /** A parent limit order at {@code limitPrice} USD. */
  public static Order limit(String clientOrderId, String symbol, double quantity, double limitPrice,
      TimeInForce timeInForce, long decisionMicros, long submittedAtMicros) {
    return new Order(clientOrderId, symbol, quantity, OrderType.LIMIT, limitPrice, Double.NaN, timeInForce,
        decisionMicros, submittedAtMicros, "");
  }

  /** A parent stop order triggered at {@code stopPrice} USD. */
  public static Order stop(String clientOrderId, String symbol, double quantity, double stopPrice,
      TimeInForce timeInForce, long decisionMicros, long submittedAtMicros) {
    return new Order(clientOrderId, symbol, quantity, OrderType.STOP, Double.NaN, stopPrice, timeInForce,
        decisionMicros, submittedAtMicros, "");
  }

  /** A parent stop-limit order: triggered at {@code stopPrice}, then a limit order at {@code limitPrice}, USD. */
  public static Order stopLimit(String clientOrderId, String symbol, double quantity, double stopPrice,
      double limitPrice, TimeInForce timeInForce, long decisionMicros, long submittedAtMicros) {
    return new Order(clientOrderId, symbol, quantity, OrderType.STOP_LIMIT, limitPrice, stopPrice, timeInForce,
        decisionMicros, submittedAtMicros, "");
  }

  /** +1 for a buy, -1 for a sell. */
  public int side() {
    return quantity > 0 ? 1 : -1;
  }

  /** Whether this order is a slice of a parent order. */
  public boolean isChild() {
    return !parentId.isEmpty();
  }

  /**
   * The order that works once the stop has triggered: a stop order becomes a market order, a stop-limit order a
   * limit order at the same limit. Every other field is kept.
   *
   * @throws IllegalStateException when the order has no stop
   */
  public Order triggered() {
    return switch (type) {
      case STOP -> new Order(clientOrderId, symbol, quantity, OrderType.MARKET, Double.NaN, Double.NaN,
          timeInForce, decisionMicros, submittedAtMicros, parentId);
      case STOP_LIMIT -> new Order(clientOrderId, symbol, quantity, OrderType.LIMIT, limitPrice, Double.NaN,
          timeInForce, decisionMicros, submittedAtMicros, parentId);
      default -> throw new IllegalStateException("Order " + clientOrderId + " of type " + type
          + " has no stop to trigger");
    };
  }
}
