/**
 * Model explanation: permutation importance on held-out data, and SHAP values (TreeSHAP for tree ensembles, exact
 * linear SHAP for linear models) per prediction and as mean absolute SHAP per feature.
 */
package io.quantflow.models.ml.explain;
