/**
 * Honest validation of models trained on overlapping labels (López de Prado, "Advances in Financial Machine
 * Learning", ch. 7): purged k-fold and walk-forward splits with an embargo, classification metrics, information
 * coefficients, per-fold metrics and their summary across folds. Samples are ordered by the start {@code t0Micros}
 * of their label window {@code [t0Micros, t1Micros]} (UTC epoch microseconds).
 */
package io.quantflow.models.ml.validation;
