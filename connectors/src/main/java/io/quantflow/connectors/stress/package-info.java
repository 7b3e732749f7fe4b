/**
 * Stress scenarios: deterministic transformations of a store's bars (gap down, volatility and volume multipliers,
 * flash crash, halt, delisting) that turn it into a new store, and historical date windows, for
 * {@code quant stress} (see {@code docs/stress.md}).
 */
package io.quantflow.connectors.stress;
