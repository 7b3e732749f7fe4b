package io.quantflow.connectors.alpaca.trading;

import io.quantflow.domain.Checks;

/**
 * One order update from the broker as {@link TradeUpdatesSource} emits it: a {@code trade_updates} message, or a
 * fill reconstructed from the REST API for executions the stream did not deliver ({@code reconciled}). A Flink POJO
 * (a record of strings, doubles, a long and a boolean: no Kryo). Immutable.
 *
 * <p>Units: quantities are shares, prices USD per share, times UTC epoch microseconds. Unknown numbers are NaN
 * (JSON {@code null}): the fill fields of events that are not fills.
 *
 * @param event Alpaca's event: {@code new}, {@code partial_fill}, {@code fill}, {@code canceled}, {@code expired},
 *     {@code replaced}, {@code rejected}, ...; a reconciled fill is {@code fill} when it completes the order, else
 *     {@code partial_fill}
 * @param clientOrderId the order's client order id (empty when the broker sent none)
 * @param brokerOrderId Alpaca's order id
 * @param symbol ticker
 * @param status the order's status after the event ({@code filled}, {@code partially_filled}, ...)
 * @param fillQty shares of this execution, signed: + buy, - sell; NaN when not a fill
 * @param fillPrice price of this execution (of the missed executions' average for a reconciled fill), NaN when not
 *     a fill
 * @param positionQty the symbol's position after this execution, signed (negative = short); NaN when not a fill
 * @param filledQty the order's cumulative filled shares after the event (unsigned, as Alpaca reports it)
 * @param timestampMicros when the event happened (for a reconciled fill: the broker's time of the order's last
 *     update, an upper bound of the missed executions' times), UTC epoch microseconds; the Flink timestamp
 * @param executionId Alpaca's execution id, empty when not a fill or reconciled
 * @param reconciled true when the fill was reconstructed through REST after a disconnect or restore
 */
public record BrokerUpdate(String event, String clientOrderId, String brokerOrderId, String symbol, String status,
    double fillQty, double fillPrice, double positionQty, double filledQty, long timestampMicros, String executionId,
    boolean reconciled) {

  /** Checks the fields: names not blank, a fill has a non-zero quantity and a positive price. */
  public BrokerUpdate {
    Checks.notBlank(event, "event");
    Checks.notNull(clientOrderId, "clientOrderId");
    Checks.notBlank(brokerOrderId, "brokerOrderId");
    Checks.notBlank(symbol, "symbol");
    Checks.notNull(status, "status");
    Checks.notNull(executionId, "executionId");
    if (!Double.isNaN(fillQty)) {
      Checks.isTrue(fillQty != 0 && Double.isFinite(fillQty), "Argument 'fillQty' must be non-zero and finite but "
          + "was %s (order %s)", fillQty, brokerOrderId);
      Checks.isTrue(fillPrice > 0 && Double.isFinite(fillPrice), "Argument 'fillPrice' must be a positive price "
          + "but was %s (order %s)", fillPrice, brokerOrderId);
    }
  }

  /** Whether this is an execution ({@code fillQty} set): a stream fill or partial fill, or a reconciled fill. */
  public boolean isFill() {
    return !Double.isNaN(fillQty);
  }
}
