package io.quantflow.models.ml.validation;

import io.quantflow.domain.Checks;

/**
 * One train/test split of a sample set: indices into the samples, each array ascending and the two disjoint.
 *
 * @param fold the split's number, 0-based
 * @param train indices of the training samples (after purging and embargo)
 * @param test indices of the test samples
 */
public record Split(int fold, int[] train, int[] test) {
  /** Checks the arguments. */
  public Split {
    Checks.isTrue(fold >= 0, "Argument 'fold' must not be negative but was %d", fold);
    Checks.notNull(train, "train");
    Checks.notNull(test, "test");
  }
}
