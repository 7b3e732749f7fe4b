/**
 * Alpaca's real-time market-data WebSocket ({@code wss://stream.data.alpaca.markets/v2/<feed>}, see
 * {@code docs/alpaca-protocol.md} §1): the message model and parser ({@link
 * io.quantflow.connectors.alpaca.stream.StreamMessage}), a reconnecting client ({@link
 * io.quantflow.connectors.alpaca.stream.AlpacaStreamClient}) and a Flink source ({@link
 * io.quantflow.connectors.alpaca.stream.AlpacaMarketDataSource}) that backfills gaps from the historical API.
 */
package io.quantflow.connectors.alpaca.stream;
