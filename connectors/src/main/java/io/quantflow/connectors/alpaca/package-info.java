/**
 * Alpaca connectors: the historical market-data REST client, the market-data WebSocket client and its Flink source,
 * the trading REST client, the trade-updates stream and the order sink. They speak Alpaca's documented wire
 * protocol ({@code docs/alpaca-protocol.md}) and work unchanged against Alpaca's endpoints and the bundled
 * simulator ({@code quant alpaca-sim}); {@link io.quantflow.connectors.alpaca.AlpacaConfig} says which.
 */
package io.quantflow.connectors.alpaca;
