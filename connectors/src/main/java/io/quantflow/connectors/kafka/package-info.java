/**
 * Kafka topics, versioned JSON messages and Flink sources and sinks of the live path: raw market data in, features,
 * signals, orders and order updates between jobs, dead letters for every record that cannot be decoded
 * (docs/kafka.md).
 */
package io.quantflow.connectors.kafka;
