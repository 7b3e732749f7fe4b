package io.quantflow.models.ml;

/**
 * A tree ensemble that explains its margin by TreeSHAP (Lundberg et al. 2018, "Consistent individualized feature
 * attribution for tree ensembles", algorithm 2, as implemented by Smile's {@code CART.shap}). The attributions are
 * exact Shapley values of the margin under the trees' own training distribution (each split weighted by the share of
 * training samples that took it), so {@code sum(treeShap(x)) + expectedMargin() == margin(x)} up to rounding.
 */
public interface TreeEnsemblePredictor extends MarginPredictor {
  /** The SHAP value of each feature for row {@code x}, in {@link #outputSpace()}. */
  double[] treeShap(double[] x);

  /** The margin's expectation over the training samples' paths through the trees: the SHAP base value. */
  double expectedMargin();
}
