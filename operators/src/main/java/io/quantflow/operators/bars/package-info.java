/**
 * Bars: the gate that orders and deduplicates input bars ({@link io.quantflow.operators.bars.BarSequencer}),
 * resampling to coarser timeframes ({@link io.quantflow.operators.bars.Resampler}) and session-aligned bars built
 * from ticks with late events as revisions ({@link io.quantflow.operators.bars.TickBarBuilder}), each a plain-Java
 * kernel with a thin Flink function around it.
 */
package io.quantflow.operators.bars;
