package io.quantflow.operators.ml;

import io.quantflow.domain.Checks;
import io.quantflow.domain.FeatureSchema;
import io.quantflow.models.ml.Predictor;
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

  /**
   * Binds {@code predictor} to rows of {@code schema}.
   *
   * @throws IllegalArgumentException naming the first feature the schema lacks
   */
  public ScoringModel(String name, int version, Kind kind, Predictor predictor, List<String> features,
      FeatureSchema schema) {
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
    double[] x = new double[columns.size()];
    return columns.read(values, offset, x) ? predictor.predict(x) : Double.NaN;
  }
}
