/**
 * Drift of machine-learning models: population stability (PSI) and Kolmogorov-Smirnov tests of features and
 * predictions against the training window, rolling rank IC and hit rate of resolved predictions, and a streaming
 * monitor that turns them into alerts. Batch kernels are static; incremental kernels keep their state in plain
 * POJOs (public fields, no-arg constructor) so that Flink's POJO serializer can hold them in keyed state.
 */
package io.quantflow.models.ml.drift;
