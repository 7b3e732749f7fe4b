/**
 * Incremental indicator kernels in plain Java: O(1) per bar, NaN until warm, TA-Lib's seeding conventions, and a
 * primitive state that Flink keeps in keyed state. Nothing here depends on Flink.
 */
package io.quantflow.operators.indicators;
