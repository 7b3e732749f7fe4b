/**
 * Feature computation: which indicators run on every timeframe ({@code FeatureSpec}, built into kernels by
 * {@code FeatureRegistry} as a {@code FeatureSet}), and the Flink function that runs them.
 */
package io.quantflow.operators.features;
