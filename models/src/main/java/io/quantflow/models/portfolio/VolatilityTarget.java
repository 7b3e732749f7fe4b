package io.quantflow.models.portfolio;

import io.quantflow.domain.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Volatility targeting: scales a raw weight vector {@code r} by {@code k} so that the ex-ante annual volatility
 * {@code k sqrt(r' S r) sqrt(periodsPerYear)} equals {@code targetVolatility}, with
 * {@code k = min(targetVolatility / (sqrt(r'Sr) sqrt(periodsPerYear)), maxLeverage / sum |r_i|)} so that the gross
 * exposure never exceeds {@code maxLeverage} (nor the problem's {@code maxGrossLeverage}, when set). The raw vector
 * is, in order of precedence: {@code rawWeights}; or {@code signals} times inverse volatility,
 * {@code r_i = s_i / sigma_i}; or, when both are empty, inverse volatility {@code r_i = 1 / sigma_i}. Assets missing
 * from the maps get 0. {@code S} is the problem's per-period covariance. The other constraints do not apply: the
 * scale, not a budget, sets the exposure. Details: {@code scale} ({@code k}), {@code annualVolatility} (ex-ante,
 * after scaling), {@code leverageCapped} (1 when the cap bound). Immutable and thread-safe.
 *
 * @param targetVolatility the target annual volatility, e.g. 0.10 for 10%
 * @param periodsPerYear periods per year of the covariance, e.g. 252 for daily
 * @param maxLeverage the largest gross exposure {@code sum |w_i|}, e.g. 2
 * @param rawWeights asset to raw weight, or empty
 * @param signals asset to signal (sign = direction, size = conviction), or empty
 */
public record VolatilityTarget(double targetVolatility, double periodsPerYear, double maxLeverage,
    Map<String, Double> rawWeights, Map<String, Double> signals) implements PortfolioOptimizer {
  /** The default target: 10% a year. */
  public static final double DEFAULT_TARGET = 0.10;
  /** The default periods per year: 252 trading days. */
  public static final double DEFAULT_PERIODS_PER_YEAR = 252;
  /** The default gross leverage cap. */
  public static final double DEFAULT_MAX_LEVERAGE = 2.0;

  /** Checks and copies. */
  public VolatilityTarget {
    Checks.positive(targetVolatility, "targetVolatility");
    Checks.positive(periodsPerYear, "periodsPerYear");
    Checks.positive(maxLeverage, "maxLeverage");
    rawWeights = copy(Checks.notNull(rawWeights, "rawWeights"), "rawWeights");
    signals = copy(Checks.notNull(signals, "signals"), "signals");
    Checks.isTrue(rawWeights.isEmpty() || signals.isEmpty(),
        "Give either rawWeights or signals to volatility-target, not both");
  }

  /** Inverse-volatility weights scaled to {@code targetVolatility} (annual) on daily data, leverage cap 2. */
  public static VolatilityTarget inverseVolatility(double targetVolatility) {
    return new VolatilityTarget(targetVolatility, DEFAULT_PERIODS_PER_YEAR, DEFAULT_MAX_LEVERAGE, Map.of(),
        Map.of());
  }

  /** A copy scaling {@code weights}. */
  public VolatilityTarget withRawWeights(Map<String, Double> weights) {
    return new VolatilityTarget(targetVolatility, periodsPerYear, maxLeverage, weights, Map.of());
  }

  /** A copy scaling {@code signal_i / sigma_i}. */
  public VolatilityTarget withSignals(Map<String, Double> values) {
    return new VolatilityTarget(targetVolatility, periodsPerYear, maxLeverage, Map.of(), values);
  }

  @Override
  public String name() {
    return OptimizationMethod.VOLATILITY_TARGET.cliName();
  }

  @Override
  public PortfolioResult optimize(PortfolioProblem problem) {
    List<String> assets = problem.assets();
    double[] raw;
    if (!rawWeights.isEmpty()) {
      raw = vector(rawWeights, assets, "rawWeights");
    } else {
      raw = InverseVolatility.inverseVolatility(problem, name());
      if (!signals.isEmpty()) {
        double[] s = vector(signals, assets, "signals");
        for (int i = 0; i < raw.length; i++) {
          raw[i] *= s[i];
        }
      }
    }
    double annual = problem.covariance().volatility(raw) * Math.sqrt(periodsPerYear);
    Checks.isTrue(annual > 0, "%s: the raw weights have zero ex-ante volatility (all zero or riskless): check the "
        + "signals or weights", name());
    double gross = 0;
    for (double r : raw) {
      gross += Math.abs(r);
    }
    double cap = Math.min(maxLeverage, problem.constraints().maxGrossLeverage());
    double scale = targetVolatility / annual;
    boolean capped = scale * gross > cap;
    if (capped) {
      scale = cap / gross;
    }
    double[] w = new double[raw.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = scale * raw[i];
    }
    Map<String, Double> details = new LinkedHashMap<>();
    details.put("scale", scale);
    details.put("annualVolatility", scale * annual);
    details.put("leverageCapped", capped ? 1.0 : 0.0);
    return PortfolioResult.of(name(), problem, w, details);
  }

  private static double[] vector(Map<String, Double> values, List<String> assets, String name) {
    for (String a : values.keySet()) {
      Checks.isTrue(assets.contains(a), "Argument '%s' names asset '%s', which is not among the problem's assets %s",
          name, a, assets);
    }
    double[] v = new double[assets.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = values.getOrDefault(assets.get(i), 0.0);
    }
    return v;
  }

  private static Map<String, Double> copy(Map<String, Double> map, String name) {
    Map<String, Double> c = new LinkedHashMap<>();
    map.forEach((k, v) -> c.put(Checks.notBlank(k, name + " key"),
        Checks.finite(Checks.notNull(v, name + "[" + k + "]"), name + "[" + k + "]")));
    return Collections.unmodifiableMap(c);
  }
}
