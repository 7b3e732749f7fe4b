package io.quantflow.models.ml;

import io.quantflow.domain.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's metadata: what was trained, on which data, and how it validated. Written as pretty JSON next to the
 * model in the {@link ModelRegistry} ({@code model.json}) and inside the artefact bytes. Immutable and thread-safe
 * (the validation map is copied into an unmodifiable map; its nested values are the caller's and must not be
 * mutated afterwards).
 *
 * @param name the model's name, as in the spec
 * @param version the registry version, 1 upwards; 0 until {@link ModelRegistry#publish} assigns one
 * @param type the model family
 * @param task what the model predicts
 * @param features the feature names in the order the predictor takes them
 * @param label what the labels meant
 * @param trainStartMicros the first training sample's time, UTC epoch microseconds
 * @param trainEndMicros the last training sample's time, UTC epoch microseconds, not before the start
 * @param nSamples the number of training rows
 * @param dataHash {@link DataHash} of the training matrix and labels, 64 lower-case hex digits
 * @param createdFrom the spec that was trained
 * @param validation a JSON object the caller fills with validation results, e.g.
 *     {@code {"folds": [{"fold": 0, "auc": 0.61}, ...], "auc": {"mean": 0.60, "std": 0.02}}}; may be empty
 */
public record ModelInfo(
    String name,
    int version,
    ModelType type,
    ModelTask task,
    List<String> features,
    LabelInfo label,
    long trainStartMicros,
    long trainEndMicros,
    int nSamples,
    String dataHash,
    ModelSpec createdFrom,
    Map<String, Object> validation) {

  /** Checks the arguments and their consistency with the spec. */
  public ModelInfo {
    Checks.notBlank(name, "name");
    Checks.isTrue(version >= 0, "Argument 'version' must not be negative but was %d", version);
    Checks.notNull(type, "type");
    Checks.notNull(task, "task");
    Checks.notNull(features, "features");
    features = List.copyOf(features);
    Checks.notNull(label, "label");
    Checks.isTrue(trainEndMicros >= trainStartMicros,
        "Argument 'trainEndMicros' (%d) must not be before 'trainStartMicros' (%d)", trainEndMicros,
        trainStartMicros);
    Checks.positive(nSamples, "nSamples");
    Checks.notNull(dataHash, "dataHash");
    Checks.isTrue(dataHash.matches("[0-9a-f]{64}"),
        "Argument 'dataHash' must be 64 lower-case hex digits (SHA-256) but was '%s'", dataHash);
    Checks.notNull(createdFrom, "createdFrom");
    Checks.isTrue(createdFrom.name().equals(name) && createdFrom.type() == type && createdFrom.task() == task
            && createdFrom.features().equals(features),
        "Arguments 'name', 'type', 'task' and 'features' must match 'createdFrom' (%s)", createdFrom);
    validation = validation == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(validation));
  }

  /**
   * The info of a model trained from {@code spec} on {@code x} and {@code y}, unpublished (version 0).
   *
   * @param y the labels or targets the model was trained on, or null for a regime model; hashed with {@code x}
   */
  public static ModelInfo of(ModelSpec spec, LabelInfo label, long trainStartMicros, long trainEndMicros,
      double[][] x, double[] y, Map<String, Object> validation) {
    Checks.notNull(spec, "spec");
    Checks.notNull(x, "x");
    return new ModelInfo(spec.name(), 0, spec.type(), spec.task(), spec.features(), label, trainStartMicros,
        trainEndMicros, x.length, DataHash.of(x, y), spec, validation);
  }

  /** This info with another registry version. */
  public ModelInfo withVersion(int newVersion) {
    return new ModelInfo(name, newVersion, type, task, features, label, trainStartMicros, trainEndMicros, nSamples,
        dataHash, createdFrom, validation);
  }

  /** This info with other validation results. */
  public ModelInfo withValidation(Map<String, Object> newValidation) {
    return new ModelInfo(name, version, type, task, features, label, trainStartMicros, trainEndMicros, nSamples,
        dataHash, createdFrom, newValidation);
  }
}
