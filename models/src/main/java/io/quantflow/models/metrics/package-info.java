/** Performance metrics of an equity curve; conventions in {@code docs/metrics.md}. */
package io.quantflow.models.metrics;
