package io.quantflow.connectors.broker;

import io.quantflow.domain.Checks;
import io.quantflow.domain.RoutedOrder;

/**
 * One instruction for the broker, in the order the portfolio decided it. This class is immutable and thread-safe.
 *
 * @param kind submit a new order or cancel a working one
 * @param order the order to submit (null for a cancel)
 * @param clientOrderId the order's deterministic client order id (for a cancel: the order to cancel)
 * @param symbol ticker
 * @param timestampMicros event time of the decision, UTC epoch microseconds
 */
public record BrokerInstruction(Kind kind, RoutedOrder order, String clientOrderId, String symbol,
    long timestampMicros) {

  /** What to do. */
  public enum Kind {
    /** Place {@link BrokerInstruction#order()}. */
    SUBMIT,
    /** Cancel the working order {@link BrokerInstruction#clientOrderId()}. */
    CANCEL
  }

  /** Checks the arguments. */
  public BrokerInstruction {
    Checks.notNull(kind, "kind");
    Checks.notBlank(clientOrderId, "clientOrderId");
    Checks.notBlank(symbol, "symbol");
    Checks.isTrue(kind == Kind.CANCEL || order != null, "a SUBMIT instruction needs an order");
  }

  /** Submit {@code order}. */
  public static BrokerInstruction submit(RoutedOrder order) {
    return new BrokerInstruction(Kind.SUBMIT, order, order.order().clientOrderId(), order.order().symbol(),
        order.order().submittedAtMicros());
  }

  /** Cancel the working order {@code clientOrderId} of {@code symbol}. */
  public static BrokerInstruction cancel(String clientOrderId, String symbol, long timestampMicros) {
    return new BrokerInstruction(Kind.CANCEL, null, clientOrderId, symbol, timestampMicros);
  }
}
