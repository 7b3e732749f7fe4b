package io.quantflow.models.portfolio;

import io.quantflow.domain.Checks;
import io.quantflow.models.linalg.Linalg;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The output of every {@link PortfolioOptimizer}. Immutable and thread-safe.
 *
 * @param method the method's CLI name (see {@link OptimizationMethod})
 * @param weights asset to weight (fraction of equity, negative = short), in the problem's asset order
 * @param expectedReturn {@code mu' w} per period, NaN when the problem has no expected returns
 * @param volatility {@code sqrt(w' S w)} per period (multiply by {@code sqrt(periodsPerYear)} to annualise)
 * @param riskContributions asset to {@code w_i (S w)_i / sigma_p}, per period; they sum to {@code volatility}
 * @param details method-specific numbers, e.g. {@code diversificationRatio} or {@code scale}; documented by each
 *     method
 */
public record PortfolioResult(String method, Map<String, Double> weights, double expectedReturn, double volatility,
    Map<String, Double> riskContributions, Map<String, Double> details) {

  /** Checks and copies. */
  public PortfolioResult {
    Checks.notBlank(method, "method");
    weights = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.notNull(weights, "weights")));
    riskContributions = Collections.unmodifiableMap(
        new LinkedHashMap<>(Checks.notNull(riskContributions, "riskContributions")));
    details = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.notNull(details, "details")));
    Checks.notNegative(volatility, "volatility");
  }

  /** The result for weights {@code w} (in the problem's asset order), computing return, volatility and RCs. */
  static PortfolioResult of(String method, PortfolioProblem problem, double[] w, Map<String, Double> details) {
    List<String> assets = problem.assets();
    Covariance s = problem.covariance();
    double[] rc = s.riskContributions(w);
    Map<String, Double> weights = new LinkedHashMap<>();
    Map<String, Double> contributions = new LinkedHashMap<>();
    for (int i = 0; i < w.length; i++) {
      weights.put(assets.get(i), w[i]);
      contributions.put(assets.get(i), rc[i]);
    }
    double[] mu = problem.expectedReturns();
    double ret = mu == null ? Double.NaN : Linalg.dot(mu, w);
    return new PortfolioResult(method, weights, ret, s.volatility(w), contributions, details);
  }

  /** The weights as an array in asset order. */
  public double[] weightArray() {
    return weights.values().stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The weight of {@code asset}. */
  public double weight(String asset) {
    Double w = weights.get(asset);
    Checks.isTrue(w != null, "Unknown asset '%s': the assets are %s", asset, weights.keySet());
    return w;
  }

  /** The method-specific detail {@code name}. */
  public double detail(String name) {
    Double d = details.get(name);
    Checks.isTrue(d != null, "Method %s has no detail '%s': it has %s", method, name, details.keySet());
    return d;
  }

  /** {@code sum w_i}. */
  public double netExposure() {
    return Linalg.sum(weightArray());
  }

  /** {@code sum |w_i|}. */
  public double grossExposure() {
    double g = 0;
    for (double w : weights.values()) {
      g += Math.abs(w);
    }
    return g;
  }
}
