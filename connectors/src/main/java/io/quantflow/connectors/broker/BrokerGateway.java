package io.quantflow.connectors.broker;

import io.quantflow.domain.RoutedOrder;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What the {@link OrderSink} needs from a broker. Implementations retry transient failures themselves (rate limits,
 * 5xx) and throw {@link IOException} only when the broker stays unreachable; a refusal of one order (buying power,
 * a rule) is a {@link Placement} with {@code accepted == false}, not an exception.
 */
public interface BrokerGateway extends AutoCloseable {
  /** Creates a gateway in the task that uses it (gateways hold connections and are not serializable). */
  @FunctionalInterface
  interface Factory extends Serializable {
    /** A connected gateway. */
    BrokerGateway create() throws IOException;
  }

  /**
   * The outcome of a submission.
   *
   * @param accepted the broker holds the order (new, or already known under the same client order id)
   * @param duplicate the broker already had an order with this client order id: it was not placed again
   * @param brokerOrderId the broker's id of the order, or empty when refused
   * @param status the broker's status of the order, e.g. {@code accepted}, {@code filled}; or the refusal
   */
  record Placement(boolean accepted, boolean duplicate, String brokerOrderId, String status) {}

  /**
   * What the broker holds when the sink starts.
   *
   * @param positions signed shares per symbol
   * @param openOrders client order ids of the orders still working
   */
  record Holdings(Map<String, Double> positions, List<String> openOrders) {}

  /**
   * Places {@code order} under its client order id, idempotently: when the broker already has an order with that
   * id (a replay after a failure) it returns that order with {@code duplicate == true} and places nothing.
   */
  Placement submit(RoutedOrder order) throws IOException;

  /** Cancels the working order {@code clientOrderId}; false when it is unknown or already done. */
  boolean cancel(String clientOrderId) throws IOException;

  /** The broker's positions and open orders. */
  Holdings holdings() throws IOException;

  /**
   * The broker's clock, UTC epoch microseconds, if it has one: what the order sink measures an order's age
   * against (a simulator's clock runs on its replay, not on the wall clock).
   */
  default java.util.OptionalLong clockMicros() throws IOException {
    return java.util.OptionalLong.empty();
  }

  @Override
  default void close() throws IOException {}
}
