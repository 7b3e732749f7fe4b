/**
 * A seeded synthetic US equity market for scale tests and benchmarks: correlated symbols through a market factor,
 * volatility regimes, jumps, fat tails, overnight gaps, halts and a U-shaped intraday volume, on the real trading
 * calendar ({@link io.quantflow.connectors.synthetic.UsEquityCalendar}). Same seed, same bytes.
 */
package io.quantflow.connectors.synthetic;
