/**
 * Simulated execution against bars: the fill model ({@link io.quantflow.models.execution.FillModel}), its cost
 * components (commission, regulatory fees, half-spread, square-root impact), TWAP and VWAP slicing of parent
 * orders, and implementation shortfall. Rules and defaults are described in {@code docs/backtesting.md}, section
 * "Fills and costs". No Flink.
 */
package io.quantflow.models.execution;
