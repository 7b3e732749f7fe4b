package io.quantflow.models.ml;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * The hyperparameters of every model family in one record. A field is {@code null} when absent; {@link ModelSpec}
 * replaces the absent fields that apply to its family by the family's default (so a stored spec records every value
 * used) and rejects set fields that do not apply to the family, so that a typo in a YAML file is not ignored.
 *
 * <table>
 *   <caption>Fields, the families they apply to, and their defaults</caption>
 *   <tr><th>field</th><th>meaning</th><th>GRADIENT_BOOSTING</th><th>RANDOM_FOREST</th><th>LOGISTIC</th>
 *       <th>LINEAR</th><th>GAUSSIAN_MIXTURE_REGIME</th></tr>
 *   <tr><td>trees</td><td>number of trees, at least 1</td><td>100</td><td>100</td><td></td><td></td><td></td></tr>
 *   <tr><td>maxDepth</td><td>maximum tree depth, at least 2</td><td>20</td><td>20</td><td></td><td></td>
 *       <td></td></tr>
 *   <tr><td>maxNodes</td><td>maximum leaves per tree, at least 2</td><td>8</td><td>128</td><td></td><td></td>
 *       <td></td></tr>
 *   <tr><td>nodeSize</td><td>minimum samples in a leaf, at least 1</td><td>5</td><td>5</td><td></td><td></td>
 *       <td></td></tr>
 *   <tr><td>shrinkage</td><td>learning rate in (0, 1]</td><td>0.05</td><td></td><td></td><td></td><td></td></tr>
 *   <tr><td>subsample</td><td>fraction of rows per tree in (0, 1]; for a forest 1 means a bootstrap with
 *       replacement, less a sample without replacement</td><td>0.7</td><td>1.0</td><td></td><td></td><td></td></tr>
 *   <tr><td>mtry</td><td>features tried per split, 0 = Smile's default (floor(sqrt(p)) for classification,
 *       max(1, p/3) for regression)</td><td></td><td>0</td><td></td><td></td><td></td></tr>
 *   <tr><td>lambda</td><td>penalty weight, not negative; for LOGISTIC the L2 weight on the summed log-likelihood,
 *       for LINEAR the ridge/lasso weight (required there unless the penalty is NONE)</td><td></td><td></td>
 *       <td>0.1</td><td>none</td><td></td></tr>
 *   <tr><td>penalty</td><td>{@link Penalty} of a linear regression</td><td></td><td></td><td></td><td>NONE</td>
 *       <td></td></tr>
 *   <tr><td>components</td><td>mixture components (regimes), at least 2</td><td></td><td></td><td></td><td></td>
 *       <td>2</td></tr>
 *   <tr><td>restarts</td><td>EM runs from different seeded k-means++ starts, at least 1; the fit with the highest
 *       log-likelihood is kept (Smile's single EM run often stops in a poor local optimum)</td><td></td><td></td>
 *       <td></td><td></td><td>10</td></tr>
 *   <tr><td>volatilityFeature</td><td>optional feature whose component mean orders the regimes (lowest = regime 0);
 *       absent: regimes are ordered by the trace of their covariance</td><td></td><td></td><td></td><td></td>
 *       <td>none</td></tr>
 * </table>
 * The seed is not a hyperparameter here: it is {@link ModelSpec#seed()}. This record is immutable and thread-safe.
 *
 * @param trees number of trees
 * @param maxDepth maximum depth of a tree
 * @param maxNodes maximum number of leaves of a tree
 * @param nodeSize minimum number of samples in a leaf
 * @param shrinkage gradient boosting's learning rate
 * @param subsample fraction of the training rows each tree sees
 * @param mtry number of features tried at each split of a forest's tree, 0 for Smile's default
 * @param lambda penalty weight of a logistic or penalized linear regression
 * @param penalty penalty of a linear regression
 * @param components number of mixture components of a regime model
 * @param restarts number of EM runs of a regime model from different seeded starts; the most likely fit is kept
 * @param volatilityFeature name of the feature whose mean orders the regimes, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Hyperparameters(
    Integer trees,
    Integer maxDepth,
    Integer maxNodes,
    Integer nodeSize,
    Double shrinkage,
    Double subsample,
    Integer mtry,
    Double lambda,
    Penalty penalty,
    Integer components,
    Integer restarts,
    String volatilityFeature) {

  /** No field set: every family default applies. */
  public static Hyperparameters none() {
    return new Hyperparameters(null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** This with {@code trees} set. */
  public Hyperparameters withTrees(int value) {
    return new Hyperparameters(value, maxDepth, maxNodes, nodeSize, shrinkage, subsample, mtry, lambda, penalty,
        components, restarts, volatilityFeature);
  }

  /** This with {@code maxDepth} set. */
  public Hyperparameters withMaxDepth(int value) {
    return new Hyperparameters(trees, value, maxNodes, nodeSize, shrinkage, subsample, mtry, lambda, penalty,
        components, restarts, volatilityFeature);
  }

  /** This with {@code maxNodes} set. */
  public Hyperparameters withMaxNodes(int value) {
    return new Hyperparameters(trees, maxDepth, value, nodeSize, shrinkage, subsample, mtry, lambda, penalty,
        components, restarts, volatilityFeature);
  }

  /** This with {@code nodeSize} set. */
  public Hyperparameters withNodeSize(int value) {
    return new Hyperparameters(trees, maxDepth, maxNodes, value, shrinkage, subsample, mtry, lambda, penalty,
        components, restarts, volatilityFeature);
  }

  /** This with {@code shrinkage} set. */
  public Hyperparameters withShrinkage(double value) {
    return new Hyperparameters(trees, maxDepth, maxNodes, nodeSize, value, subsample, mtry, lambda, penalty,
        components, restarts, volatilityFeature);
  }

  /** This with {@code subsample} set. */
  public Hyperparameters withSubsample(double value) {
    return new Hyperparameters(trees, maxDepth, maxNodes, nodeSize, shrinkage, value, mtry, lambda, penalty,
        components, restarts, volatilityFeature);
  }

  /** This with {@code mtry} set. */
  public Hyperparameters withMtry(int value) {
    return new Hyperparameters(trees, maxDepth, maxNodes, nodeSize, shrinkage, subsample, value, lambda, penalty,
        components, restarts, volatilityFeature);
  }

  /** This with {@code lambda} set. */
  public Hyperparameters withLambda(double value) {
    return new Hyperparameters(trees, maxDepth, maxNodes, nodeSize, shrinkage, subsample, mtry, value, penalty,
        components, restarts, volatilityFeature);
  }

  /** This with {@code penalty} set. */
  public Hyperparameters withPenalty(Penalty value) {
    return new Hyperparameters(trees, maxDepth, maxNodes, nodeSize, shrinkage, subsample, mtry, lambda, value,
        components, restarts, volatilityFeature);
  }

  /** This with {@code components} set. */
  public Hyperparameters withComponents(int value) {
    return new Hyperparameters(trees, maxDepth, maxNodes, nodeSize, shrinkage, subsample, mtry, lambda, penalty,
        value, restarts, volatilityFeature);
  }

  /** This with {@code restarts} set. */
  public Hyperparameters withRestarts(int value) {
    return new Hyperparameters(trees, maxDepth, maxNodes, nodeSize, shrinkage, subsample, mtry, lambda, penalty,
        components, value, volatilityFeature);
  }

  /** This with {@code volatilityFeature} set. */
  public Hyperparameters withVolatilityFeature(String value) {
    return new Hyperparameters(trees, maxDepth, maxNodes, nodeSize, shrinkage, subsample, mtry, lambda, penalty,
        components, restarts, value);
  }

  /**
   * This with the defaults of {@code type} filled in, after checking that every set field applies to the family and
   * lies in its range. Package-private: {@link ModelSpec} calls it in its constructor.
   */
  Hyperparameters resolve(ModelType type, List<String> features) {
    return switch (type) {
      case GRADIENT_BOOSTING -> {
        rejectOthers(type, "trees", "maxDepth", "maxNodes", "nodeSize", "shrinkage", "subsample");
        yield new Hyperparameters(
            atLeast(orElse(trees, 100), 1, "trees"),
            atLeast(orElse(maxDepth, 20), 2, "maxDepth"),
            atLeast(orElse(maxNodes, 8), 2, "maxNodes"),
            atLeast(orElse(nodeSize, 5), 1, "nodeSize"),
            fraction(orElse(shrinkage, 0.05), "shrinkage"),
            fraction(orElse(subsample, 0.7), "subsample"),
            null, null, null, null, null, null);
      }
      case RANDOM_FOREST -> {
        rejectOthers(type, "trees", "maxDepth", "maxNodes", "nodeSize", "subsample", "mtry");
        int m = orElse(mtry, 0);
        if (m < 0 || m > features.size()) {
          throw new IllegalArgumentException("Argument 'mtry' must be in [0, " + features.size()
              + "] (0 = Smile's default, at most the number of features) but was " + m);
        }
        yield new Hyperparameters(
            atLeast(orElse(trees, 100), 1, "trees"),
            atLeast(orElse(maxDepth, 20), 2, "maxDepth"),
            atLeast(orElse(maxNodes, 128), 2, "maxNodes"),
            atLeast(orElse(nodeSize, 5), 1, "nodeSize"),
            null,
            fraction(orElse(subsample, 1.0), "subsample"),
            m, null, null, null, null, null);
      }
      case LOGISTIC -> {
        rejectOthers(type, "lambda");
        yield new Hyperparameters(null, null, null, null, null, null, null,
            notNegative(orElse(lambda, 0.1), "lambda"), null, null, null, null);
      }
      case LINEAR -> {
        rejectOthers(type, "lambda", "penalty");
        Penalty p = penalty == null ? Penalty.NONE : penalty;
        if (p == Penalty.NONE && lambda != null) {
          throw new IllegalArgumentException(
              "Argument 'lambda' does not apply to penalty NONE (ordinary least squares) but was " + lambda);
        }
        if (p != Penalty.NONE && lambda == null) {
          throw new IllegalArgumentException("Argument 'lambda' is required for penalty " + p);
        }
        if (p != Penalty.NONE && (!(lambda > 0) || Double.isInfinite(lambda))) {
          throw new IllegalArgumentException(
              "Argument 'lambda' must be finite and positive for penalty " + p + " but was " + lambda);
        }
        yield new Hyperparameters(null, null, null, null, null, null, null, lambda, p, null, null, null);
      }
      case GAUSSIAN_MIXTURE_REGIME -> {
        rejectOthers(type, "components", "restarts", "volatilityFeature");
        if (volatilityFeature != null && !features.contains(volatilityFeature)) {
          throw new IllegalArgumentException("Argument 'volatilityFeature' must be one of the features "
              + features + " but was '" + volatilityFeature + "'");
        }
        yield new Hyperparameters(null, null, null, null, null, null, null, null, null,
            atLeast(orElse(components, 2), 2, "components"), atLeast(orElse(restarts, 10), 1, "restarts"),
            volatilityFeature);
      }
    };
  }

  private void rejectOthers(ModelType type, String... allowed) {
    List<String> allowedList = List.of(allowed);
    List<String> offending = new ArrayList<>();
    String[] names = {"trees", "maxDepth", "maxNodes", "nodeSize", "shrinkage", "subsample", "mtry", "lambda",
        "penalty", "components", "restarts", "volatilityFeature"};
    Object[] values = {trees, maxDepth, maxNodes, nodeSize, shrinkage, subsample, mtry, lambda, penalty,
        components, restarts, volatilityFeature};
    for (int i = 0; i < names.length; i++) {
      if (values[i] != null && !allowedList.contains(names[i])) {
        offending.add(names[i]);
      }
    }
    if (!offending.isEmpty()) {
      throw new IllegalArgumentException("Hyperparameters " + offending + " do not apply to model type " + type
          + " (it takes " + allowedList + ")");
    }
  }

  private static <T> T orElse(T value, T fallback) {
    return value == null ? fallback : value;
  }

  private static int atLeast(int value, int min, String name) {
    if (value < min) {
      throw new IllegalArgumentException("Argument '" + name + "' must be at least " + min + " but was " + value);
    }
    return value;
  }

  private static double fraction(double value, String name) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException("Argument '" + name + "' must be in (0, 1] but was " + value);
    }
    return value;
  }

  private static double notNegative(double value, String name) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("Argument '" + name + "' must be finite and not negative but was " + value);
    }
    return value;
  }
}
