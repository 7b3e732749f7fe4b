package io.quantflow.models.risk.stress;

import io.quantflow.domain.Checks;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one stress scenario or shock on a book. P&amp;L is in USD, positive = gain, negative = loss, and
 * as a signed fraction of equity. Immutable.
 *
 * @param name the scenario's or shock's name
 * @param description what was applied
 * @param pnlBySymbol P&amp;L per position, USD; empty for a pure covariance shock; copied, sorted by symbol
 * @param pnl total P&amp;L, USD; NaN for a pure covariance shock (no P&amp;L)
 * @param pnlFraction {@code pnl / equity}; NaN with {@code pnl}
 * @param proxied positions of a historical scenario whose P&amp;L came from a beta proxy (empty otherwise)
 * @param var the base and stressed parametric VaR for covariance shocks; null otherwise
 */
public record StressResult(String name, String description, Map<String, Double> pnlBySymbol, double pnl,
    double pnlFraction, List<ProxiedPosition> proxied, VarComparison var) {

  /** Checks the fields and copies the collections. */
  public StressResult {
    Checks.notBlank(name, "name");
    Checks.notNull(description, "description");
    pnlBySymbol = Maps.finiteBySymbol(pnlBySymbol, "pnlBySymbol");
    proxied = List.copyOf(Checks.notNull(proxied, "proxied"));
    Checks.isTrue(Double.isNaN(pnl) == Double.isNaN(pnlFraction), "pnl (%s) and pnlFraction (%s) must both be NaN "
        + "or both finite", pnl, pnlFraction);
    Checks.isTrue(!Double.isInfinite(pnl) && !Double.isInfinite(pnlFraction), "pnl must not be infinite");
    Checks.isTrue(!Double.isNaN(pnl) || var != null, "Result %s has neither a P&L nor a VaR", name);
  }

  /**
   * The loss that ranks this result in a {@link StressReport}, USD, positive = loss: the larger of {@code -pnl} and
   * the stressed VaR in USD, of those present.
   */
  public double lossUsd() {
    double loss = Double.isNaN(pnl) ? Double.NEGATIVE_INFINITY : -pnl;
    return var == null ? loss : Math.max(loss, var.stressedVarUsd());
  }
}
