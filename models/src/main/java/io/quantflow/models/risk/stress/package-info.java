/**
 * Stress tests of a book of USD market values: historical scenarios replayed from a daily returns panel (with beta
 * proxies for missing symbols) and hypothetical shocks (index, factor, volatility, correlations to one), collected
 * in a report sorted by worst loss.
 */
package io.quantflow.models.risk.stress;
