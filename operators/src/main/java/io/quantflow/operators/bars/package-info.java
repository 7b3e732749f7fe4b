/** Bar aggregation: resampling finer bars into coarser ones with event-time windows. */
package io.quantflow.operators.bars;
