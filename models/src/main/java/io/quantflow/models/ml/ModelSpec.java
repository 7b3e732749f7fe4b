package io.quantflow.models.ml;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quantflow.domain.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What to train: a model family, its task, its ordered input features and its hyperparameters. Reads from YAML or
 * JSON through Jackson; absent optional fields take defaults (task inferred where the family allows only one,
 * {@code classBalance} NONE, the family's hyperparameter defaults, seed {@value #DEFAULT_SEED}). The constructor
 * resolves the hyperparameters, so a spec written back out records every value used for training.
 *
 * <p>Whether the named features exist is checked later, by the caller that builds the feature matrix. This record is
 * immutable and thread-safe.
 *
 * @param name the model's name, also its directory in the {@link ModelRegistry}: letters, digits, '.', '_' or '-',
 *     starting with a letter or digit, at most 100 characters
 * @param type the model family
 * @param task what the model predicts; must suit the family (trees: classification or regression; logistic:
 *     classification; linear: regression; Gaussian mixture: regime)
 * @param features the feature names, in the order of the columns of the training and scoring matrices; distinct
 * @param hyperparameters the family's hyperparameters, resolved (defaults filled in)
 * @param classBalance how a classifier treats unequal class frequencies; only classification may be BALANCED
 * @param seed the seed of every random choice in training (sampling, feature bagging, mixture initialisation)
 */
public record ModelSpec(
    String name,
    ModelType type,
    ModelTask task,
    List<String> features,
    Hyperparameters hyperparameters,
    ClassBalance classBalance,
    long seed) {

  /** The seed used when a spec gives none. */
  public static final long DEFAULT_SEED = 42L;

  /** What a model name may be: it names a registry folder. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  /** Checks the arguments, infers the task where the family allows only one, and resolves the hyperparameters. */
  public ModelSpec {
    Checks.notBlank(name, "name");
    Checks.isTrue(NAME.matcher(name).matches(),
        "Argument 'name' must be letters, digits, '.', '_' or '-', starting with a letter or digit, at most 100"
            + " characters, but was '%s'", name);
    Checks.notNull(type, "type");
    task = task != null ? task : inferTask(type);
    checkTask(type, task);
    Checks.notNull(features, "features");
    Checks.isTrue(!features.isEmpty(), "Argument 'features' must not be empty");
    Set<String> seen = new HashSet<>();
    for (String feature : features) {
      Checks.notBlank(feature, "features[]");
      Checks.isTrue(seen.add(feature), "Argument 'features' must not repeat a name but has '%s' twice", feature);
    }
    features = List.copyOf(features);
    classBalance = classBalance != null ? classBalance : ClassBalance.NONE;
    Checks.isTrue(classBalance == ClassBalance.NONE || task == ModelTask.CLASSIFICATION,
        "Argument 'classBalance' must be NONE for task %s but was %s", task, classBalance);
    hyperparameters = (hyperparameters != null ? hyperparameters : Hyperparameters.none()).resolve(type, features);
  }

  /**
   * The factory Jackson uses: every field but {@code name}, {@code type} and {@code features} may be absent.
   *
   * @param seed the seed, or null for {@value #DEFAULT_SEED}
   */
  @JsonCreator
  public static ModelSpec of(
      @JsonProperty("name") String name,
      @JsonProperty("type") ModelType type,
      @JsonProperty("task") ModelTask task,
      @JsonProperty("features") List<String> features,
      @JsonProperty("hyperparameters") Hyperparameters hyperparameters,
      @JsonProperty("classBalance") ClassBalance classBalance,
      @JsonProperty("seed") Long seed) {
    return new ModelSpec(name, type, task, features, hyperparameters, classBalance,
        seed != null ? seed : DEFAULT_SEED);
  }

  /**
   * The canonical default: a gradient boosting classifier of modest size (100 trees of at most 8 leaves, shrinkage
   * 0.05, subsample 0.7, leaves of at least 5 samples), no class balancing, seed 42, named "default".
   */
  public static ModelSpec defaultSpec(List<String> features) {
    return new ModelSpec("default", ModelType.GRADIENT_BOOSTING, ModelTask.CLASSIFICATION, features,
        Hyperparameters.none(), ClassBalance.NONE, DEFAULT_SEED);
  }

  /** This spec under another name. */
  public ModelSpec withName(String newName) {
    return new ModelSpec(newName, type, task, features, hyperparameters, classBalance, seed);
  }

  /** This spec with another seed. */
  public ModelSpec withSeed(long newSeed) {
    return new ModelSpec(name, type, task, features, hyperparameters, classBalance, newSeed);
  }

  /** This spec with another class balance. */
  public ModelSpec withClassBalance(ClassBalance newBalance) {
    return new ModelSpec(name, type, task, features, hyperparameters, newBalance, seed);
  }

  /**
   * This spec with other hyperparameters. Fields of the new value that are null take the family defaults, not this
   * spec's current values.
   */
  public ModelSpec withHyperparameters(Hyperparameters newHyperparameters) {
    return new ModelSpec(name, type, task, features, newHyperparameters, classBalance, seed);
  }

  private static ModelTask inferTask(ModelType type) {
    return switch (type) {
      case LOGISTIC -> ModelTask.CLASSIFICATION;
      case LINEAR -> ModelTask.REGRESSION;
      case GAUSSIAN_MIXTURE_REGIME -> ModelTask.REGIME;
      case GRADIENT_BOOSTING, RANDOM_FOREST -> throw new IllegalArgumentException(
          "Argument 'task' is required for model type " + type + " (CLASSIFICATION or REGRESSION)");
    };
  }

  private static void checkTask(ModelType type, ModelTask task) {
    boolean ok = switch (type) {
      case GRADIENT_BOOSTING, RANDOM_FOREST -> task != ModelTask.REGIME;
      case LOGISTIC -> task == ModelTask.CLASSIFICATION;
      case LINEAR -> task == ModelTask.REGRESSION;
      case GAUSSIAN_MIXTURE_REGIME -> task == ModelTask.REGIME;
    };
    Checks.isTrue(ok, "Argument 'task' %s does not suit model type %s", task, type);
  }
}
