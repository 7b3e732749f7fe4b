package io.quantflow.models.portfolio;

import io.quantflow.domain.Checks;
import io.quantflow.models.linalg.Linalg;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Black-Litterman as in He and Litterman (1999), "The intuition behind Black-Litterman model portfolios":
 *
 * <ol>
 *   <li>equilibrium returns by reverse optimisation {@code Pi = delta S w_mkt};
 *   <li>views {@code P mu = Q + e}, {@code e ~ N(0, Omega)}, with {@code P} the {@code k x n} pick matrix of the
 *       {@link View}s and {@code Omega} diagonal: He and Litterman's {@code omega_k = p_k tau S p_k'} for a view
 *       without confidence, else Idzorek's (2005) confidence {@code c} in the closed form of PyPortfolioOpt's
 *       {@code idzorek_method}: {@code omega_k = alpha tau p_k S p_k'}, {@code alpha = (1 - c) / c} (so the default
 *       is {@code c = 0.5}, {@code c = 1} imposes the view exactly, and a view with {@code c = 0} is dropped, the
 *       limit PyPortfolioOpt approximates with {@code omega = 1e6});
 *   <li>the posterior mean {@code mu_BL = [(tau S)^-1 + P'Omega^-1 P]^-1 [(tau S)^-1 Pi + P'Omega^-1 Q]} and
 *       covariance {@code S_BL = S + M}, {@code M = [(tau S)^-1 + P'Omega^-1 P]^-1}, computed in the equivalent
 *       form {@code mu_BL = Pi + tau S P'(P tau S P' + Omega)^-1 (Q - P Pi)},
 *       {@code M = tau S - tau S P'(P tau S P' + Omega)^-1 P tau S}, which also holds for {@code omega_k = 0};
 *   <li>weights: under {@link Constraints#none()} He and Litterman's unconstrained optimum
 *       {@code w = (delta S_BL)^-1 mu_BL}, which need not sum to 1 (with no views it is {@code w_mkt / (1 + tau)});
 *       under any other constraints {@link MeanVariance} with {@code gamma = delta} on {@code mu_BL} and
 *       {@code S_BL}.
 * </ol>
 *
 * All returns are per period, as the problem's covariance. The problem's expected returns are not used. The
 * result's expected return and volatility are under the posterior ({@code mu_BL}, {@code S_BL}). Details:
 * {@code riskAversion}, {@code tau}, {@code equilibrium:ASSET} ({@code Pi}) and {@code posterior:ASSET}
 * ({@code mu_BL}). Immutable and thread-safe.
 *
 * @param marketWeights asset to market-capitalisation weight; empty for equal weights
 * @param riskAversion {@code delta > 0}, default {@value #DEFAULT_RISK_AVERSION}
 * @param tau the prior's uncertainty scale {@code tau > 0}, default {@value #DEFAULT_TAU}
 * @param views the views, possibly none
 */
public record BlackLitterman(Map<String, Double> marketWeights, double riskAversion, double tau, List<View> views)
    implements PortfolioOptimizer {
  /** He and Litterman's {@code delta}. */
  public static final double DEFAULT_RISK_AVERSION = 2.5;
  /** He and Litterman's {@code tau}. */
  public static final double DEFAULT_TAU = 0.05;

  /** Checks and copies. */
  public BlackLitterman {
    Checks.notNull(marketWeights, "marketWeights");
    Map<String, Double> copy = new LinkedHashMap<>();
    marketWeights.forEach((a, w) -> copy.put(Checks.notBlank(a, "marketWeights key"),
        Checks.finite(Checks.notNull(w, "marketWeights[" + a + "]"), "marketWeights[" + a + "]")));
    marketWeights = Collections.unmodifiableMap(copy);
    Checks.positive(riskAversion, "riskAversion");
    Checks.positive(tau, "tau");
    views = List.copyOf(Checks.notNull(views, "views"));
  }

  /** Default {@code delta} and {@code tau}, the given market weights and views. */
  public static BlackLitterman of(Map<String, Double> marketWeights, List<View> views) {
    return new BlackLitterman(marketWeights, DEFAULT_RISK_AVERSION, DEFAULT_TAU, views);
  }

  /**
   * The prior and posterior. Immutable and thread-safe (arrays are copied out).
   *
   * @param equilibrium {@code Pi}, per period
   * @param returns {@code mu_BL}, per period
   * @param covariance {@code S_BL = S + M}
   * @param viewVariances {@code omega_k} of the views used (views with confidence 0 are dropped)
   */
  public record Posterior(double[] equilibrium, double[] returns, Covariance covariance, double[] viewVariances) {
    /** Copies the arrays. */
    public Posterior {
      equilibrium = equilibrium.clone();
      returns = returns.clone();
      viewVariances = viewVariances.clone();
    }

    @Override
    public double[] equilibrium() {
      return equilibrium.clone();
    }

    @Override
    public double[] returns() {
      return returns.clone();
    }

    @Override
    public double[] viewVariances() {
      return viewVariances.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Posterior p && Arrays.equals(equilibrium, p.equilibrium)
          && Arrays.equals(returns, p.returns) && covariance.equals(p.covariance)
          && Arrays.equals(viewVariances, p.viewVariances);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(returns) * 31 + covariance.hashCode();
    }

    @Override
    public String toString() {
      return "Posterior[equilibrium=" + Arrays.toString(equilibrium) + ", returns=" + Arrays.toString(returns)
          + ", viewVariances=" + Arrays.toString(viewVariances) + "]";
    }
  }

  @Override
  public String name() {
    return OptimizationMethod.BLACK_LITTERMAN.cliName();
  }

  /** The market weights in the problem's asset order (equal weights when none were given). */
  public double[] marketWeightArray(List<String> assets) {
    double[] w = new double[assets.size()];
    if (marketWeights.isEmpty()) {
      Arrays.fill(w, 1.0 / w.length);
      return w;
    }
    for (String a : marketWeights.keySet()) {
      Checks.isTrue(assets.contains(a), "Market weight for '%s', which is not among the problem's assets %s", a,
          assets);
    }
    for (int i = 0; i < w.length; i++) {
      w[i] = marketWeights.getOrDefault(assets.get(i), 0.0);
    }
    return w;
  }

  /**
   * The equilibrium and posterior for {@code problem}'s assets and covariance (see the class comment).
   *
   * @throws IllegalArgumentException if a view names an unknown asset, or views at full confidence conflict
   */
  public Posterior posterior(PortfolioProblem problem) {
    List<String> assets = problem.assets();
    int n = assets.size();
    double[][] s = problem.covariance().matrix();
    double[] pi = ExpectedReturns.equilibrium(problem.covariance(), marketWeightArray(assets), riskAversion);
    List<double[]> rows = new ArrayList<>();
    List<Double> q = new ArrayList<>();
    List<Double> omega = new ArrayList<>();
    for (View v : views) {
      if (v.confidence() != null && v.confidence() == 0) {
        continue;
      }
      double[] p = new double[n];
      for (Map.Entry<String, Double> e : v.weights().entrySet()) {
        int i = assets.indexOf(e.getKey());
        Checks.isTrue(i >= 0, "View %s names asset '%s', which is not among the problem's assets %s", v.weights(),
            e.getKey(), assets);
        p[i] = e.getValue();
      }
      double viewVar = tau * Linalg.quadratic(s, p);
      double alpha = v.confidence() == null ? 1 : (1 - v.confidence()) / v.confidence();
      rows.add(p);
      q.add(v.expectedReturn());
      omega.add(alpha * viewVar);
    }
    int k = rows.size();
    double[] omegaArray = omega.stream().mapToDouble(Double::doubleValue).toArray();
    double[][] tauS = Linalg.copy(s);
    for (double[] row : tauS) {
      for (int j = 0; j < n; j++) {
        row[j] *= tau;
      }
    }
    if (k == 0) {
      double[][] post = Linalg.copy(s);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          post[i][j] += tauS[i][j];
        }
      }
      return new Posterior(pi, pi, new Covariance(post), omegaArray);
    }
    double[][] p = rows.toArray(new double[0][]);
    double[][] tauSpT = Linalg.multiply(tauS, Linalg.transpose(p)); // n x k
    double[][] a = Linalg.multiply(p, tauSpT); // k x k
    double[] gap = new double[k];
    for (int j = 0; j < k; j++) {
      a[j][j] += omegaArray[j];
      gap[j] = q.get(j) - Linalg.dot(p[j], pi);
    }
    double[][] aInvPtauS = Linalg.solveColumns(a, tauSpT);
    Checks.isTrue(aInvPtauS != null && isFinite(aInvPtauS),
        "The views' matrix P tau S P' + Omega is singular: views at 100%% confidence are redundant or conflicting,"
            + " or a view portfolio has zero variance; lower a confidence or drop a view");
    // aInvPtauS[j] = A^-1 (column j of P tau S), which is column j of A^-1 P tau S
    double[] solved = Linalg.solve(a, gap);
    double[] mu = pi.clone();
    double[] shift = Linalg.multiply(tauSpT, solved);
    for (int i = 0; i < n; i++) {
      mu[i] += shift[i];
    }
    double[][] post = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double m = tauS[i][j];
        for (int c = 0; c < k; c++) {
          m -= tauSpT[i][c] * aInvPtauS[j][c];
        }
        post[i][j] = s[i][j] + m;
      }
    }
    return new Posterior(pi, mu, new Covariance(post), omegaArray);
  }

  @Override
  public PortfolioResult optimize(PortfolioProblem problem) {
    Posterior post = posterior(problem);
    Constraints k = problem.constraints();
    PortfolioProblem posteriorProblem = problem.withCovariance(post.covariance())
        .withExpectedReturns(post.returns());
    Map<String, Double> details = new LinkedHashMap<>();
    details.put("riskAversion", riskAversion);
    details.put("tau", tau);
    List<String> assets = problem.assets();
    double[] pi = post.equilibrium();
    double[] mu = post.returns();
    for (int i = 0; i < assets.size(); i++) {
      details.put("equilibrium:" + assets.get(i), pi[i]);
    }
    for (int i = 0; i < assets.size(); i++) {
      details.put("posterior:" + assets.get(i), mu[i]);
    }
    double[] w;
    if (k.isBudgetOnly() && !k.hasBudget()) {
      w = Linalg.solve(post.covariance().matrix(), mu);
      Checks.isTrue(w != null && post.covariance().isPositiveDefinite(),
          "%s: the posterior covariance is singular, so the unconstrained optimum is not unique: use LedoitWolf "
              + "shrinkage or give constraints", name());
      for (int i = 0; i < w.length; i++) {
        w[i] /= riskAversion;
      }
    } else {
      w = new MeanVariance(riskAversion).optimize(posteriorProblem).weightArray();
    }
    return PortfolioResult.of(name(), posteriorProblem, w, details);
  }

  private static boolean isFinite(double[][] m) {
    for (double[] row : m) {
      for (double v : row) {
        if (!Double.isFinite(v)) {
          return false;
        }
      }
    }
    return true;
  }
}
