package io.quantflow.models.risk.stress;

import io.quantflow.domain.Checks;

/**
 * A parametric (normal, zero-mean) VaR of the book before and after a covariance shock:
 * {@code VaR = z_c sqrt(w' Sigma w)} with {@code z_c = Phi^-1(c)} and weights {@code w_i = v_i / E}. Both VaRs are
 * positive loss fractions of equity over the covariance's period (one day for a daily covariance). Immutable.
 *
 * @param confidence {@code c}, in [0.5, 1), e.g. 0.99
 * @param baseVar VaR with the covariance as estimated, a fraction of equity, not negative
 * @param stressedVar VaR with the shocked covariance, a fraction of equity, not negative
 * @param equity {@code E}, USD, positive
 */
public record VarComparison(double confidence, double baseVar, double stressedVar, double equity) {
  /** Checks the fields. */
  public VarComparison {
    Checks.isTrue(confidence >= 0.5 && confidence < 1, "Argument 'confidence' must be in [0.5, 1) but was %s",
        confidence);
    Checks.notNegative(baseVar, "baseVar");
    Checks.notNegative(stressedVar, "stressedVar");
    Checks.positive(equity, "equity");
  }

  /** The base VaR in USD. */
  public double baseVarUsd() {
    return baseVar * equity;
  }

  /** The stressed VaR in USD. */
  public double stressedVarUsd() {
    return stressedVar * equity;
  }

  /** {@code stressedVar / baseVar}; NaN when the base VaR is zero. */
  public double ratio() {
    return baseVar > 0 ? stressedVar / baseVar : Double.NaN;
  }
}
