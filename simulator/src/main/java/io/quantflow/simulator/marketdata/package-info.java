/**
 * The market-data half of the Alpaca simulator: the real-time stock WebSocket ({@link
 * io.quantflow.simulator.marketdata.MarketDataService}) and the historical REST API ({@link
 * io.quantflow.simulator.marketdata.HistoricalService}), speaking the wire format of {@code docs/alpaca-protocol.md}
 * sections 1 and 2.
 */
package io.quantflow.simulator.marketdata;
