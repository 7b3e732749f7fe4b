/** Feature computation: which indicators run on every timeframe, and the Flink function that runs them. */
package io.quantflow.operators.features;
