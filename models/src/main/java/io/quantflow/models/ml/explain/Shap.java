package io.quantflow.models.ml.explain;

import io.quantflow.domain.Checks;
import io.quantflow.models.ml.LinearPredictor;
import io.quantflow.models.ml.MarginPredictor;
import io.quantflow.models.ml.OutputSpace;
import io.quantflow.models.ml.Predictor;
import io.quantflow.models.ml.TreeEnsemblePredictor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * SHAP values (Lundberg and Lee 2017): per prediction, each feature's additive share of the model's margin, so that
 * {@code baseValue() + sum_j shap(x)[j] == margin(x)}.
 * <ul>
 *   <li>Tree ensembles (gradient boosting, random forest): TreeSHAP, exact for the trees, with the trees' training
 *       samples as background (the path-dependent variant). Classifier GBT values are in log-odds, random forest
 *       values in probability, regressor values in the target's units.</li>
 *   <li>Linear models (logistic, linear regression): exact SHAP for independent features against background means
 *       m, {@code phi_j = w_j * (x_j - m_j)}, base value {@code b + w . m}; logistic values are in log-odds.</li>
 * </ul>
 * {@link #outputSpace()} says which. Immutable and thread-safe.
 */
public final class Shap {
  private final MarginPredictor model;
  private final double[] backgroundMeans; // null for trees
  private final double baseValue;

  private Shap(MarginPredictor model, double[] backgroundMeans, double baseValue) {
    this.model = model;
    this.backgroundMeans = backgroundMeans;
    this.baseValue = baseValue;
  }

  /**
   * The explainer for {@code model}: TreeSHAP for a {@link TreeEnsemblePredictor} (background ignored, may be null),
   * linear SHAP for a {@link LinearPredictor} against the column means of {@code background}.
   *
   * @throws IllegalArgumentException for any other model
   */
  public static Shap of(Predictor model, double[][] background) {
    Checks.notNull(model, "model");
    if (model instanceof TreeEnsemblePredictor tree) {
      return tree(tree);
    }
    if (model instanceof LinearPredictor linear) {
      Checks.notNull(background, "background");
      Checks.isTrue(background.length > 0, "Argument 'background' must have at least one row");
      int p = linear.featureCount();
      double[] means = new double[p];
      for (int i = 0; i < background.length; i++) {
        Checks.isTrue(background[i] != null && background[i].length == p,
            "Argument 'background' must have %d columns in every row but row %d does not", p, i);
        for (int j = 0; j < p; j++) {
          means[j] += background[i][j];
        }
      }
      for (int j = 0; j < p; j++) {
        means[j] /= background.length;
      }
      return linear(linear, means);
    }
    throw new IllegalArgumentException("Argument 'model' must be a tree ensemble or a linear model for SHAP but was a "
        + model.getClass().getName());
  }

  /** TreeSHAP for a tree ensemble. */
  public static Shap tree(TreeEnsemblePredictor model) {
    Checks.notNull(model, "model");
    return new Shap(model, null, model.expectedMargin());
  }

  /**
   * Exact linear SHAP against background feature means.
   *
   * @param backgroundMeans the mean of each feature over the background sample (typically the training set)
   */
  public static Shap linear(LinearPredictor model, double[] backgroundMeans) {
    Checks.notNull(model, "model");
    Checks.notNull(backgroundMeans, "backgroundMeans");
    Checks.isTrue(backgroundMeans.length == model.featureCount(),
        "Argument 'backgroundMeans' must have %d values (one per feature) but has %d", model.featureCount(),
        backgroundMeans.length);
    double[] w = model.coefficients();
    double base = model.intercept();
    for (int j = 0; j < w.length; j++) {
      Checks.finite(backgroundMeans[j], "backgroundMeans[" + j + "]");
      base += w[j] * backgroundMeans[j];
    }
    return new Shap(model, backgroundMeans.clone(), base);
  }

  /** The SHAP value of each feature for row {@code x}, in {@link #outputSpace()}. */
  public double[] shap(double[] x) {
    if (backgroundMeans == null) {
      return ((TreeEnsemblePredictor) model).treeShap(x);
    }
    Checks.notNull(x, "x");
    Checks.isTrue(x.length == backgroundMeans.length, "Argument 'x' must have %d features but had %d",
        backgroundMeans.length, x.length);
    double[] w = ((LinearPredictor) model).coefficients();
    double[] phi = new double[w.length];
    for (int j = 0; j < w.length; j++) {
      phi[j] = w[j] * (x[j] - backgroundMeans[j]);
    }
    return phi;
  }

  /** The expected margin the SHAP values are measured from. */
  public double baseValue() {
    return baseValue;
  }

  /** The model's margin for {@code x}: {@code baseValue() + sum(shap(x))} up to rounding. */
  public double margin(double[] x) {
    return model.margin(x);
  }

  /** The space of the margin and the SHAP values. */
  public OutputSpace outputSpace() {
    return model.outputSpace();
  }

  /**
   * The mean absolute SHAP value of each feature over {@code sample} (its global importance), most important
   * first (ties by column); {@code std} is the sample standard deviation of the absolute values.
   *
   * @param sample rows to explain, at least 2
   * @param features the feature names in column order
   */
  public List<FeatureImportance> meanAbsolute(double[][] sample, List<String> features) {
    Checks.notNull(sample, "sample");
    Checks.notNull(features, "features");
    Checks.isTrue(sample.length > 1, "Argument 'sample' must have at least 2 rows but has %d", sample.length);
    int p = features.size();
    Checks.isTrue(p == model.featureCount(), "Argument 'features' must name the model's %d features but has %d",
        model.featureCount(), p);
    double[][] abs = new double[p][sample.length];
    for (int i = 0; i < sample.length; i++) {
      double[] phi = shap(sample[i]);
      for (int j = 0; j < p; j++) {
        abs[j][i] = Math.abs(phi[j]);
      }
    }
    List<FeatureImportance> result = new ArrayList<>(p);
    for (int j = 0; j < p; j++) {
      result.add(new FeatureImportance(features.get(j), j, PermutationImportance.mean(abs[j]),
          PermutationImportance.std(abs[j])));
    }
    result.sort(Comparator.comparingDouble(FeatureImportance::mean).reversed()
        .thenComparingInt(FeatureImportance::index));
    return List.copyOf(result);
  }
}
