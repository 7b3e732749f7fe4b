package io.quantflow.domain;

/**
 * The life of one order in a backtest or live run, written when the order is done (filled, cancelled, expired) or
 * when the run ends with the order still open: the row of {@code orders.parquet}. Prices in USD per share, costs in
 * USD, times UTC epoch microseconds. This class is immutable and thread-safe.
 *
 * @param orderId the client order id (deterministic: symbol and decision time, children {@code -1, -2, ...})
 * @param parentId the parent's id for a TWAP/VWAP slice, empty otherwise
 * @param symbol ticker
 * @param quantity ordered shares, signed (+ buy, - sell)
 * @param type {@code MARKET, LIMIT, STOP, STOP_LIMIT}
 * @param timeInForce {@code DAY, GTC, IOC}
 * @param limitPrice limit, NaN when none
 * @param stopPrice stop, NaN when none
 * @param decisionMicros when the decision that caused the order was taken
 * @param submittedMicros when the order was (or, for a slice, is scheduled to be) submitted
 * @param status {@code FILLED}, {@code CANCELLED} (replaced by a newer decision or IOC rest),
 *     {@code EXPIRED} (DAY order at the close), {@code OPEN} (still working when the run ended)
 * @param closedMicros when the status was reached (the run's last instant for {@code OPEN})
 * @param filledQuantity shares filled, signed like {@code quantity}
 * @param averagePrice share-weighted fill price, NaN when nothing filled
 * @param arrivalPrice the symbol's last close at the decision, the benchmark of implementation shortfall
 * @param explicitCosts commissions and fees paid, USD
 * @param shortfallBps implementation shortfall of the filled part: {@code side * (averagePrice - arrivalPrice) /
 *     arrivalPrice * 1e4} plus explicit costs in basis points of the arrival notional; NaN when nothing filled
 */
public record OrderReport(String orderId, String parentId, String symbol, double quantity, String type,
    String timeInForce, double limitPrice, double stopPrice, long decisionMicros, long submittedMicros, String status,
    long closedMicros, double filledQuantity, double averagePrice, double arrivalPrice, double explicitCosts,
    double shortfallBps) {

  /** Checks the identifying fields. */
  public OrderReport {
    Checks.notBlank(orderId, "orderId");
    Checks.notNull(parentId, "parentId");
    Checks.notBlank(symbol, "symbol");
    Checks.notBlank(status, "status");
  }
}
