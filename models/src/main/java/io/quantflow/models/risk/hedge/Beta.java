package io.quantflow.models.risk.hedge;

import io.quantflow.domain.Checks;

/**
 * The OLS beta of an asset to an index, {@code beta = cov(r_a, r_m) / var(r_m)}, from simple period returns of the
 * same periods (the sample divisor {@code n - 1} cancels). Stateless and thread-safe.
 */
public final class Beta {
  private Beta() {}

  /**
   * Estimates {@code beta = sum((r_a - mean r_a)(r_m - mean r_m)) / sum((r_m - mean r_m)^2)}.
   *
   * @param assetReturns {@code r_a}, simple period returns (decimals), finite
   * @param indexReturns {@code r_m} of the same periods, same length, at least 2, not all equal
   * @throws IllegalArgumentException if the lengths differ, fewer than 2 returns, a return is not finite, or the
   *     index returns have zero variance (the beta is undefined)
   */
  public static double estimate(double[] assetReturns, double[] indexReturns) {
    Checks.notNull(assetReturns, "assetReturns");
    Checks.notNull(indexReturns, "indexReturns");
    Checks.isTrue(assetReturns.length == indexReturns.length,
        "Arguments 'assetReturns' and 'indexReturns' must have the same length but have %d and %d",
        assetReturns.length, indexReturns.length);
    int n = assetReturns.length;
    Checks.isTrue(n >= 2, "A beta needs at least 2 returns but got %d", n);
    double meanA = 0;
    double meanM = 0;
    for (int i = 0; i < n; i++) {
      meanA += Checks.finite(assetReturns[i], "assetReturns[" + i + "]");
      meanM += Checks.finite(indexReturns[i], "indexReturns[" + i + "]");
    }
    meanA /= n;
    meanM /= n;
    double sam = 0;
    double smm = 0;
    for (int i = 0; i < n; i++) {
      double dm = indexReturns[i] - meanM;
      sam += (assetReturns[i] - meanA) * dm;
      smm += dm * dm;
    }
    Checks.isTrue(smm > 0, "The index returns have zero variance over %d periods, so the beta is undefined; use a "
        + "longer or different estimation window", n);
    return sam / smm;
  }
}
