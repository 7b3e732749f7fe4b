package io.quantflow.models.portfolio;

import io.quantflow.domain.Checks;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The input of every {@link PortfolioOptimizer}: the assets, their per-period covariance, optionally their expected
 * per-period simple returns (in the same period as the covariance; null when the method does not use them), and
 * the {@link Constraints}. Immutable and thread-safe.
 *
 * @param assets asset names, unique, in the order of the covariance's rows
 * @param covariance the per-period covariance of the assets' simple returns
 * @param expectedReturns expected per-period simple returns {@code mu_i}, or null; copied in and out
 * @param constraints the constraints; {@link Constraints#defaults()} is long-only, fully invested
 */
public record PortfolioProblem(List<String> assets, Covariance covariance, double[] expectedReturns,
    Constraints constraints) {

  /** Checks names and dimensions. */
  public PortfolioProblem {
    assets = List.copyOf(Checks.notNull(assets, "assets"));
    Checks.notNull(covariance, "covariance");
    Checks.notNull(constraints, "constraints");
    Checks.isTrue(!assets.isEmpty(), "Argument 'assets' must name at least one asset");
    Checks.isTrue(new HashSet<>(assets).size() == assets.size(), "Argument 'assets' must be unique but was %s",
        assets);
    for (String a : assets) {
      Checks.notBlank(a, "assets[]");
    }
    Checks.isTrue(covariance.size() == assets.size(),
        "The covariance is %d x %d but there are %d assets: estimate it on the same assets in the same order",
        covariance.size(), covariance.size(), assets.size());
    if (expectedReturns != null) {
      Checks.isTrue(expectedReturns.length == assets.size(),
          "Argument 'expectedReturns' must have %d entries (one per asset) but has %d", assets.size(),
          expectedReturns.length);
      for (int i = 0; i < expectedReturns.length; i++) {
        Checks.finite(expectedReturns[i], "expectedReturns[" + assets.get(i) + "]");
      }
      expectedReturns = expectedReturns.clone();
    }
  }

  /** A problem without expected returns under {@link Constraints#defaults()}. */
  public static PortfolioProblem of(List<String> assets, Covariance covariance) {
    return new PortfolioProblem(assets, covariance, null, Constraints.defaults());
  }

  /** A copy with expected returns {@code mu} (per period). */
  public PortfolioProblem withExpectedReturns(double[] mu) {
    return new PortfolioProblem(assets, covariance, mu, constraints);
  }

  /** A copy with other constraints. */
  public PortfolioProblem withConstraints(Constraints value) {
    return new PortfolioProblem(assets, covariance, expectedReturns, value);
  }

  /** A copy with another covariance (same assets). */
  public PortfolioProblem withCovariance(Covariance value) {
    return new PortfolioProblem(assets, value, expectedReturns, constraints);
  }

  /** The number of assets. */
  public int size() {
    return assets.size();
  }

  /** A copy of the expected returns, or null. */
  @Override
  public double[] expectedReturns() {
    return expectedReturns == null ? null : expectedReturns.clone();
  }

  /** The expected returns, failing with a message that names {@code method} when there are none. */
  double[] requireExpectedReturns(String method) {
    Checks.isTrue(expectedReturns != null,
        "%s needs expected returns: pass them with withExpectedReturns (e.g. ExpectedReturns.historicalMean or"
            + " ExpectedReturns.fromSignals)", method);
    return expectedReturns.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PortfolioProblem p && assets.equals(p.assets) && covariance.equals(p.covariance)
        && Arrays.equals(expectedReturns, p.expectedReturns) && constraints.equals(p.constraints);
  }

  @Override
  public int hashCode() {
    return Objects.hash(assets, covariance, Arrays.hashCode(expectedReturns), constraints);
  }

  @Override
  public String toString() {
    return "PortfolioProblem[assets=" + assets + ", expectedReturns=" + Arrays.toString(expectedReturns)
        + ", constraints=" + constraints.describe() + "]";
  }
}
