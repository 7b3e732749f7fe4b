package io.quantflow.models.ml;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * How a classifier treats unequal class frequencies in its training set. Only classification specs may ask for
 * {@link #BALANCED}. What {@code BALANCED} does depends on the model family:
 * <ul>
 *   <li>{@link ModelType#RANDOM_FOREST}: Smile's class weights. The majority class gets the integer weight
 *       {@code round(nMajority / nMinority)} and the minority weight 1; Smile divides each class's share of every
 *       tree's bootstrap sample by its weight, so each tree sees about as many samples of either class
 *       (down-sampling of the majority class, per tree, seeded).</li>
 *   <li>{@link ModelType#GRADIENT_BOOSTING} and {@link ModelType#LOGISTIC}: Smile has no class weights for them,
 *       so the minority class is oversampled in the training set before fitting: every minority row is repeated
 *       {@code floor(nMajority / nMinority) - 1} extra times and the remaining shortfall is drawn without
 *       replacement from the minority rows with a {@link java.util.SplittableRandom} seeded by the spec's seed.
 *       The training set then holds the same number of rows of each class.</li>
 * </ul>
 * Either way the model's probabilities are calibrated to a balanced prior (about 0.5 when the features say
 * nothing), not to the training set's base rate.
 */
public enum ClassBalance {
  /** Train on the data as given; probabilities reflect the training base rate. */
  NONE,
  /** Train as if both classes were equally frequent (see the class documentation for how, per model family). */
  BALANCED;

  /** Parses a name case-insensitively. */
  @JsonCreator
  public static ClassBalance parse(String name) {
    return Enums.parse(ClassBalance.class, name, "classBalance");
  }
}
