package io.quantflow.operators.ml;

import io.quantflow.domain.Checks;
import io.quantflow.domain.FeatureSchema;
import io.quantflow.models.ml.Predictor;
import io.quantflow.models.ml.drift.DriftReference;
import java.util.List;

/**
 * A model bound to the pipeline's aligned-row schema: which columns of a row it reads, in its own feature order,
 * and how to read its score. Immutable and thread-safe.
 */
public final class ScoringModel {
  /** How the score reads. */
  public enum Kind {
    /** Probability of an up move. */
    CLASSIFIER,
    /** Predicted forward return, decimal. */
    REGRESSOR,
    /** Regime index. */
    REGIME
  }

  private final String name;
  private final int version;
  private final Kind kind;
  private final Predictor predictor;
  private final FeatureColumns columns;
  private final DriftReference drift;

  /**
   * Binds {@code predictor} to rows of {@code schema}.
   *
   * @throws IllegalArgumentException naming the first feature the schema lacks
   */
  public ScoringModel(String name, int version, Kind kind, Predictor predictor, List<String> features,
      FeatureSchema schema) {
    this(name, version, kind, predictor, features, schema, null);
  }

  /**
   * Binds {@code predictor} to rows of {@code schema}, with the training window's drift reference.
   *
   * @param drift the reference whose features follow {@code features}, or null for no drift checks
   * @throws IllegalArgumentException naming the first feature the schema lacks, or when the reference's features
   *     differ from the model's
   */
  public ScoringModel(String name, int version, Kind kind, Predictor predictor, List<String> features,
      FeatureSchema schema, DriftReference drift) {
    Checks.isTrue(drift == null || drift.names().equals(features),
        "Model %s v%d: its drift reference covers %s, not its features %s; retrain it", name, version,
        drift == null ? null : drift.names(), features);
    this.drift = drift;
    this.name = Checks.notBlank(name, "name");
    this.version = version;
    this.kind = Checks.notNull(kind, "kind");
    this.predictor = Checks.notNull(predictor, "predictor");
    try {
      this.columns = FeatureColumns.of(features, schema);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Model " + name + " v" + version + ": " + e.getMessage(), e);
    }
  }

  /** The model's registry name. */
  public String name() {
    return name;
  }

  /** The model's version. */
  public int version() {
    return version;
  }

  /** How the score reads. */
  public Kind kind() {
    return kind;
  }

  /**
   * The score of the row starting at {@code offset} in {@code values}, or NaN when one of the model's features is
   * missing there (indicators still warming up).
   */
  public double score(double[] values, int offset) {
    return score(values, offset, new double[columns.size()]);
  }

  /**
   * As {@link #score(double[], int)}, reading the model's features of the row into {@code x} (length
   * {@link #featureCount()}; NaN where a feature is missing), for the drift checks.
   */
  public double score(double[] values, int offset, double[] x) {
    return columns.read(values, offset, x) ? predictor.predict(x) : Double.NaN;
  }

  /** How many features the model reads. */
  public int featureCount() {
    return columns.size();
  }

  /** The training window's drift reference, or null when the artefact has none. */
  public DriftReference drift() {
    return drift;
  }
}
