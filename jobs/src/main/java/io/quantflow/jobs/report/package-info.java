/**
 * Backtest tearsheets: a self-contained {@code report.html} (inline CSS and SVG charts, no network) written from a
 * {@link io.quantflow.jobs.report.Tearsheet} by {@link io.quantflow.jobs.report.TearsheetWriter}. Plain Java, no
 * Flink.
 */
package io.quantflow.jobs.report;
