/**
 * Alpaca trading clients on the JDK's {@code java.net.http}: {@link io.quantflow.connectors.alpaca.trading.AlpacaTradingClient}
 * (REST: account, positions, orders, clock) and {@link io.quantflow.connectors.alpaca.trading.TradeUpdatesClient}
 * (the {@code trade_updates} WebSocket), {@link io.quantflow.connectors.alpaca.trading.TradeUpdatesSource} (a Flink
 * source of {@link io.quantflow.connectors.alpaca.trading.BrokerUpdate}s, every fill once across disconnects), with
 * typed records for the objects and
 * {@link io.quantflow.connectors.alpaca.trading.ClientOrderIds} for deterministic, replay-safe order ids.
 *
 * <p>Conventions: money and quantities are {@link java.math.BigDecimal} (Alpaca sends decimal strings; BigDecimal
 * keeps them exact, e.g. cash {@code "98999.5"}); quantities are shares, negative for short positions; prices and
 * cash are USD. Times are UTC epoch microseconds ({@code ...Micros}), boxed {@code Long} and null when Alpaca sends
 * null. Failures are {@link io.quantflow.connectors.alpaca.trading.AlpacaApiException}s whose message says what to
 * do.
 */
package io.quantflow.connectors.alpaca.trading;
