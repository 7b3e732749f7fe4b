/**
 * Alpaca historical market data: a REST client for bars, trades and quotes ({@code /v2/stocks/...}) with paging and
 * retries, and an incremental, resumable ingest of bars into the Parquet {@code BarStore}.
 */
package io.quantflow.connectors.alpaca.data;
