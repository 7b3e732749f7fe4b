/**
 * Incremental indicator kernels in plain Java: O(1) per bar, NaN until warm, TA-Lib's seeding conventions, and a
 * primitive state that Flink keeps in keyed state. Scalar kernels ({@link io.quantflow.operators.indicators.Indicator})
 * take one series, usually closes; bar kernels ({@link io.quantflow.operators.indicators.BarIndicator}) take whole
 * OHLCV bars and may have several named outputs. Nothing here depends on Flink.
 */
package io.quantflow.operators.indicators;
