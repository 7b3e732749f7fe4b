/**
 * Bar aggregation: resampling finer bars into coarser ones with event-time windows, and the plain-Java kernels that
 * build session-aligned bars from trades ({@link io.quantflow.operators.bars.TradeBarBuilder}) and quotes
 * ({@link io.quantflow.operators.bars.QuoteBarBuilder}).
 */
package io.quantflow.operators.bars;
