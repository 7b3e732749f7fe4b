/**
 * The broker side of the live order path, independent of any one broker: the portfolio's
 * {@link io.quantflow.domain.RoutedOrder} instructions (place an order, cancel one) go through the Flink
 * {@link io.quantflow.connectors.broker.OrderSink} to a {@link io.quantflow.connectors.broker.BrokerGateway}
 * (Alpaca's is {@code AlpacaGateway}). Placement is idempotent by client order id, which is what makes a replay
 * after a failure safe.
 */
package io.quantflow.connectors.broker;
