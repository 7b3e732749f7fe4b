/**
 * The simulator's trading half: Alpaca's trading REST API ({@code /v2/account}, {@code /v2/orders},
 * {@code /v2/positions}, {@code /v2/clock}, {@code /v2/calendar}) and the {@code trade_updates} stream
 * ({@code /stream}), backed by a paper account and a matching engine that fills orders against the
 * {@link io.quantflow.simulator.MarketTape}'s events, the way Alpaca's paper engine does (asynchronously, at the
 * NBBO, about 10% of fills partial). Decimals are {@link java.math.BigDecimal} internally and JSON strings on the
 * wire; times are the tape's simulated clock.
 */
package io.quantflow.simulator.trading;
