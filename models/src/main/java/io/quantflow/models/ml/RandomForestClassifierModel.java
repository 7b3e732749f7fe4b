package io.quantflow.models.ml;

import io.quantflow.domain.Checks;
import smile.base.cart.DecisionNode;
import smile.classification.RandomForest;
import smile.data.Tuple;

/**
 * A binary random forest classifier (Smile's {@link RandomForest}). Smile averages the trees' leaf class frequencies
 * ({@code (count + 1) / (n + 2)}), each tree weighted by its out-of-bag accuracy, so the margin is the probability
 * itself and the TreeSHAP values are in probability. Immutable and thread-safe.
 */
public final class RandomForestClassifierModel implements TreeEnsemblePredictor {
  private static final long serialVersionUID = 1L;

  private final RandomForest model;
  private final int featureCount;
  private final double totalWeight;
  private final double expectedMargin;

  /**
   * Wraps a trained model.
   *
   * @param model the Smile model, trained on the columns x0..x(p-1) with labels 0/1
   * @param featureCount p
   */
  RandomForestClassifierModel(RandomForest model, int featureCount) {
    this.model = Checks.notNull(model, "model");
    this.featureCount = Checks.positive(featureCount, "featureCount");
    double w = 0;
    double e = 0;
    for (RandomForest.Model m : model.models()) {
      w += m.weight;
      e += m.weight * SmileData.expectation(m.tree.root(),
          leaf -> ((DecisionNode) leaf).posteriori(new double[2])[1]);
    }
    this.totalWeight = w;
    this.expectedMargin = e / w;
  }

  /** The probability of the positive class (label 1), Smile's weighted vote. */
  @Override
  public double predict(double[] x) {
    SmileData.checkRow(x, featureCount);
    double[] posteriori = new double[2];
    model.predict(SmileData.tuple(x, model.schema()), posteriori);
    return posteriori[1];
  }

  @Override
  public OutputSpace outputSpace() {
    return OutputSpace.PROBABILITY;
  }

  /** The probability itself. */
  @Override
  public double margin(double[] x) {
    return predict(x);
  }

  /** TreeSHAP values of the positive-class probability: the trees' values weighted as in the vote. */
  @Override
  public double[] treeShap(double[] x) {
    SmileData.checkRow(x, featureCount);
    Tuple t = SmileData.tuple(x, model.schema());
    double[] phi = new double[featureCount];
    for (RandomForest.Model m : model.models()) {
      double[] treePhi = m.tree.shap(t); // feature-major, two classes: [j * 2 + class]
      for (int j = 0; j < featureCount; j++) {
        phi[j] += m.weight * treePhi[2 * j + 1];
      }
    }
    for (int j = 0; j < featureCount; j++) {
      phi[j] /= totalWeight;
    }
    return phi;
  }

  @Override
  public double expectedMargin() {
    return expectedMargin;
  }

  @Override
  public int featureCount() {
    return featureCount;
  }

  /** The wrapped Smile model (for inspection; do not mutate). */
  public RandomForest smileModel() {
    return model;
  }
}
