/** The pipeline, defined once: bars to features, signals, fills and equity, for BATCH and STREAMING mode. */
package io.quantflow.operators.pipeline;
