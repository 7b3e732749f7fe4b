package io.quantflow.operators.ml;

import io.quantflow.domain.Checks;
import io.quantflow.domain.FeatureSchema;
import java.io.Serializable;
import java.util.List;

/**
 * A model's feature vector read from the pipeline's aligned rows: the training job builds its samples and the
 * scoring operator its inputs with this one class, so a model sees the same numbers in both.
 *
 * <p>A feature is an aligned column name ({@code rsi_14_wilder_5m}) or the relative distance of two columns,
 * {@code a/b}, which reads {@code a / b - 1} (e.g. {@code close_1m/ema_20_1m}: how far the close is above its EMA,
 * as a decimal). Price levels differ from symbol to symbol and drift over time, so models should read distances,
 * returns and oscillators rather than levels. Immutable and thread-safe.
 */
public final class FeatureColumns implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> names;
  private final int[] numerator;
  private final int[] denominator; // -1: a plain column

  private FeatureColumns(List<String> names, int[] numerator, int[] denominator) {
    this.names = names;
    this.numerator = numerator;
    this.denominator = denominator;
  }

  /**
   * The columns of {@code features} in {@code schema}.
   *
   * @throws IllegalArgumentException naming the first feature whose column the schema lacks
   */
  public static FeatureColumns of(List<String> features, FeatureSchema schema) {
    Checks.notNull(features, "features");
    Checks.notNull(schema, "schema");
    Checks.isTrue(!features.isEmpty(), "Argument 'features' must name at least one feature");
    int[] num = new int[features.size()];
    int[] den = new int[features.size()];
    for (int j = 0; j < num.length; j++) {
      String f = Checks.notBlank(features.get(j), "features[" + j + "]");
      int slash = f.indexOf('/');
      num[j] = column(slash < 0 ? f : f.substring(0, slash), f, schema);
      den[j] = slash < 0 ? -1 : column(f.substring(slash + 1), f, schema);
    }
    return new FeatureColumns(List.copyOf(features), num, den);
  }

  private static int column(String name, String feature, FeatureSchema schema) {
    if (!schema.names().contains(name)) {
      throw new IllegalArgumentException("Feature '" + feature + "' reads column '" + name + "', which the pipeline "
          + "does not compute; the aligned columns are " + schema.names() + " (add the indicator and timeframe "
          + "under 'features', or use one of these)");
    }
    return schema.indexOf(name);
  }

  /** The feature names, in order. */
  public List<String> names() {
    return names;
  }

  /** Number of features. */
  public int size() {
    return numerator.length;
  }

  /**
   * Fills {@code x} with the features of the row starting at {@code offset} in {@code values}.
   *
   * @return false when a feature is missing there (NaN: an indicator still warming up, or a zero denominator)
   */
  public boolean read(double[] values, int offset, double[] x) {
    for (int j = 0; j < numerator.length; j++) {
      double v = values[offset + numerator[j]];
      if (denominator[j] >= 0) {
        double d = values[offset + denominator[j]];
        v = d == 0 ? Double.NaN : v / d - 1;
      }
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        return false;
      }
      x[j] = v;
    }
    return true;
  }
}
