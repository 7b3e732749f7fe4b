/**
 * Backtest statistics in plain Java: performance of an equity curve, statistics relative to a benchmark, round
 * trips and trade statistics from fills, exposure and turnover, rolling series and monthly returns for charts.
 * Conventions in {@code docs/metrics.md}.
 */
package io.quantflow.models.metrics;
