package io.quantflow.operators.portfolio;

import io.quantflow.domain.Checks;
import io.quantflow.models.portfolio.Covariance;
import io.quantflow.models.portfolio.FactorCovariance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code covariance: factor} of the portfolio construction: the market-plus-sectors {@link FactorCovariance} of the
 * candidates' daily simple returns, with the market factor the equal-weighted mean of the candidates' raw returns
 * (not of the signal-space ones, so a short candidate still moves with the market) and the sectors of
 * {@code portfolio.sectors}; a candidate without a sector joins the sector {@value #UNASSIGNED}. The estimate is
 * then carried to signal space: {@code S_signal = D S D} with {@code D = diag(d_i)}, {@code d_i} the signal
 * directions (+1 or -1). Stateless.
 */
final class FactorEstimate {
  /** The sector of a candidate that {@code portfolio.sectors} does not name. */
  static final String UNASSIGNED = "unassigned";

  private FactorEstimate() {}

  /**
   * The signal-space factor covariance.
   *
   * @param signalReturns {@code double[candidate][day]} daily simple returns times the direction, at least 4 days
   * @param assets the candidates' symbols, in the order of the rows
   * @param direction each candidate's signal direction, +1 or -1
   * @param sectors sector per symbol (may omit symbols)
   * @throws IllegalArgumentException with fewer than 4 days or a sector named {@code market}
   */
  static Covariance signalSpace(double[][] signalReturns, List<String> assets, int[] direction,
      Map<String, String> sectors) {
    Checks.notNull(signalReturns, "signalReturns");
    int n = signalReturns.length;
    double[][] raw = new double[n][];
    List<String> sector = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      raw[i] = signalReturns[i].clone();
      for (int t = 0; t < raw[i].length; t++) {
        raw[i][t] *= direction[i];
      }
      sector.add(sectors.getOrDefault(assets.get(i), UNASSIGNED));
    }
    double[][] s = FactorCovariance.estimate(raw, sector).covariance().matrix();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        s[i][j] *= direction[i] * direction[j];
      }
    }
    return new Covariance(s);
  }
}
