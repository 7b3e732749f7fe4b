package io.quantflow.models.portfolio;

import io.quantflow.domain.Checks;
import io.quantflow.models.linalg.Linalg;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A factor-model covariance {@code S = B F B' + D} of simple per-period returns: {@code B} the {@code n x K}
 * loadings, {@code F} the {@code K x K} factor covariance, {@code D} the diagonal of specific (residual) variances.
 * Everything is per period (not annualised).
 *
 * <p>{@link #estimate} uses a market factor plus one factor per sector. The market return {@code m_t} is given or,
 * by default, the equal-weighted mean of all assets; sector {@code k}'s factor is its sector-excess return
 * {@code s_kt = mean_{i in k} r_it - m_t}. Each asset {@code i} of sector {@code k} is regressed by OLS with an
 * intercept on {@code m} and {@code s_k} only, so row {@code i} of {@code B} has its market beta and its sector beta
 * and zeros elsewhere. When {@code m} and {@code s_k} are collinear (a single sector with the default market) the
 * sector factor is dropped for that asset. {@code F} is the sample covariance (divisor T - 1) of the factor returns
 * and {@code D_ii = sum_t e_it^2 / (T - 1)} of the OLS residuals, so that the model reproduces every sample variance
 * exactly ({@code S_ii = b_i' F b_i + D_ii}) while the covariances come from the factors alone.
 */
public final class FactorCovariance {
  /** The name of the market factor, first in {@link Model#factors()}. */
  public static final String MARKET = "market";

  private FactorCovariance() {}

  /**
   * A fitted factor model. Immutable and thread-safe (arrays are copied in and out).
   *
   * @param factors the factor names, {@link #MARKET} first, then the sectors in order of first appearance
   * @param loadings {@code B}, {@code n x K}
   * @param factorCovariance {@code F}, {@code K x K}, per period
   * @param specificVariances {@code D_ii}, per period
   * @param covariance {@code S = B F B' + D}, per period
   */
  public record Model(List<String> factors, double[][] loadings, Covariance factorCovariance,
      double[] specificVariances, Covariance covariance) {
    /** Checks dimensions and copies. */
    public Model {
      factors = List.copyOf(Checks.notNull(factors, "factors"));
      Checks.notNull(loadings, "loadings");
      Checks.notNull(factorCovariance, "factorCovariance");
      Checks.notNull(specificVariances, "specificVariances");
      Checks.notNull(covariance, "covariance");
      Checks.isTrue(factorCovariance.size() == factors.size() && loadings.length == specificVariances.length
          && covariance.size() == loadings.length, "Model dimensions do not match");
      loadings = Linalg.copy(loadings);
      specificVariances = specificVariances.clone();
    }

    /** A copy of {@code B}. */
    @Override
    public double[][] loadings() {
      return Linalg.copy(loadings);
    }

    /** A copy of {@code D_ii}. */
    @Override
    public double[] specificVariances() {
      return specificVariances.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Model m && factors.equals(m.factors) && Arrays.deepEquals(loadings, m.loadings)
          && factorCovariance.equals(m.factorCovariance) && Arrays.equals(specificVariances, m.specificVariances);
    }

    @Override
    public int hashCode() {
      return factors.hashCode() * 31 + Arrays.deepHashCode(loadings);
    }

    @Override
    public String toString() {
      return "FactorCovariance.Model[factors=" + factors + ", loadings=" + Arrays.deepToString(loadings)
          + ", specificVariances=" + Arrays.toString(specificVariances) + "]";
    }
  }

  /**
   * The covariance {@code B F B' + D} of given parts.
   *
   * @param factors {@code K} factor names
   * @param loadings {@code B}, {@code n x K}
   * @param factorCovariance {@code F}, {@code K x K}, positive semi-definite
   * @param specificVariances {@code D_ii >= 0}, {@code n}
   */
  public static Model of(List<String> factors, double[][] loadings, double[][] factorCovariance,
      double[] specificVariances) {
    Checks.notNull(factors, "factors");
    Checks.notNull(loadings, "loadings");
    Checks.notNull(specificVariances, "specificVariances");
    Covariance f = new Covariance(factorCovariance);
    int k = factors.size();
    int n = loadings.length;
    Checks.isTrue(f.size() == k, "Argument 'factorCovariance' must be %d x %d (one row per factor) but is %d x %d",
        k, k, f.size(), f.size());
    Checks.isTrue(specificVariances.length == n,
        "Argument 'specificVariances' must have %d entries (one per row of loadings) but has %d", n,
        specificVariances.length);
    for (int i = 0; i < n; i++) {
      Checks.isTrue(loadings[i] != null && loadings[i].length == k,
          "Argument 'loadings' row %d must have %d entries (one per factor)", i, k);
      for (int j = 0; j < k; j++) {
        Checks.finite(loadings[i][j], "loadings[" + i + "][" + j + "]");
      }
      Checks.notNegative(specificVariances[i], "specificVariances[" + i + "]");
    }
    double[][] fm = f.matrix();
    double[][] s = Linalg.multiply(Linalg.multiply(loadings, fm), Linalg.transpose(loadings));
    for (int i = 0; i < n; i++) {
      s[i][i] += specificVariances[i];
    }
    return new Model(factors, loadings, f, specificVariances, new Covariance(s));
  }

  /**
   * Estimates the market-plus-sectors model with the equal-weighted mean of all assets as the market.
   *
   * @param returns {@code double[asset][time]} simple per-period returns, at least 4 periods, all finite
   * @param sectors the sector of each asset, in asset order
   */
  public static Model estimate(double[][] returns, List<String> sectors) {
    int t = Returns.check(returns, 4);
    double[] market = new double[t];
    for (double[] r : returns) {
      for (int k = 0; k < t; k++) {
        market[k] += r[k] / returns.length;
      }
    }
    return estimate(returns, sectors, market);
  }

  /**
   * Estimates the market-plus-sectors model with a given market return series (e.g. an index ETF's simple returns
   * over the same periods).
   *
   * @param returns {@code double[asset][time]} simple per-period returns, at least 4 periods, all finite
   * @param sectors the sector of each asset, in asset order
   * @param market the market's simple returns, one per period
   */
  public static Model estimate(double[][] returns, List<String> sectors, double[] market) {
    int t = Returns.check(returns, 4);
    int n = returns.length;
    Checks.notNull(sectors, "sectors");
    Checks.notNull(market, "market");
    Checks.isTrue(sectors.size() == n, "Argument 'sectors' must name the sector of each of the %d assets but has %d",
        n, sectors.size());
    Checks.isTrue(market.length == t, "Argument 'market' must have %d periods (as the returns) but has %d", t,
        market.length);
    for (int k = 0; k < t; k++) {
      Checks.finite(market[k], "market[" + k + "]");
    }
    Map<String, List<Integer>> members = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      members.computeIfAbsent(Checks.notBlank(sectors.get(i), "sectors[" + i + "]"), s -> new ArrayList<>()).add(i);
    }
    List<String> names = new ArrayList<>();
    names.add(MARKET);
    Checks.isTrue(!members.containsKey(MARKET), "A sector must not be named '%s': rename it", MARKET);
    names.addAll(members.keySet());
    int kf = names.size();
    double[][] g = new double[kf][];
    g[0] = market.clone();
    int col = 1;
    for (List<Integer> idx : members.values()) {
      double[] f = new double[t];
      for (int k = 0; k < t; k++) {
        double sum = 0;
        for (int i : idx) {
          sum += returns[i][k];
        }
        f[k] = sum / idx.size() - market[k];
      }
      g[col++] = f;
    }
    double[][] gc = Returns.demeaned(g);
    double[][] fCov = Returns.crossProduct(gc, t - 1);
    double[][] b = new double[n][kf];
    double[] d = new double[n];
    double[][] x = Returns.demeaned(returns);
    List<String> sectorOrder = new ArrayList<>(members.keySet());
    for (int i = 0; i < n; i++) {
      int sk = 1 + sectorOrder.indexOf(sectors.get(i));
      double[] beta = ols(x[i], gc[0], gc[sk]);
      b[i][0] = beta[0];
      b[i][sk] = beta[1];
      double ssr = 0;
      for (int k = 0; k < t; k++) {
        double e = x[i][k] - beta[0] * gc[0][k] - beta[1] * gc[sk][k];
        ssr += e * e;
      }
      d[i] = ssr / (t - 1);
    }
    return of(names, b, fCov, d);
  }

  /** OLS of the demeaned {@code y} on demeaned {@code u} and {@code v}; drops {@code v}, then {@code u}, if singular. */
  private static double[] ols(double[] y, double[] u, double[] v) {
    double uu = Linalg.dot(u, u);
    double vv = Linalg.dot(v, v);
    double uv = Linalg.dot(u, v);
    double uy = Linalg.dot(u, y);
    double vy = Linalg.dot(v, y);
    double det = uu * vv - uv * uv;
    if (det > 1e-12 * uu * vv && det > 0) {
      return new double[] {(vv * uy - uv * vy) / det, (uu * vy - uv * uy) / det};
    }
    return new double[] {uu > 0 ? uy / uu : 0, 0};
  }
}
