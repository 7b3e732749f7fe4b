/**
 * Machine-learning models on Smile 3.1.1: a declarative {@link io.quantflow.models.ml.ModelSpec}, a deterministic
 * {@link io.quantflow.models.ml.Trainer}, serializable {@link io.quantflow.models.ml.Predictor}s per model family,
 * the {@link io.quantflow.models.ml.ModelInfo} metadata and a versioned on-disk
 * {@link io.quantflow.models.ml.ModelRegistry}.
 */
package io.quantflow.models.ml;
