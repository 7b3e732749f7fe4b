/**
 * The local Alpaca simulator ({@code quant alpaca-sim}): one HTTP port serving, under Alpaca's own paths, the stock
 * market-data WebSocket ({@code /v2/{feed}}), the historical REST API ({@code /v2/stocks/...}), the trading REST API
 * ({@code /v2/account}, {@code /v2/orders}, ...) and the {@code trade_updates} stream ({@code /stream}), replaying a
 * Parquet store in event time. The wire protocol follows {@code docs/alpaca-protocol.md}; the simulator encodes and
 * parses JSON on its own (not with the clients' codecs) so that a symmetric bug cannot hide in both.
 */
package io.quantflow.simulator;
