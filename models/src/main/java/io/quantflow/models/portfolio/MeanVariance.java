package io.quantflow.models.portfolio;

import io.quantflow.domain.Checks;
import java.util.List;
import java.util.Map;

/**
 * Markowitz mean-variance: maximise {@code mu'w - (gamma / 2) w' S w} subject to all {@link Constraints} (bounds,
 * long-only, budget, sector caps, turnover, gross leverage), solved as a convex QP by ojAlgo. {@code mu} and
 * {@code S} are per period; since both scale with the period, {@code gamma} means the same for daily and annual
 * inputs. With only the budget {@code 1'w = b} the optimum is {@code w = (1 / gamma) S^-1 (mu - eta 1)} with
 * {@code eta = (1' S^-1 mu - gamma b) / (1' S^-1 1)}. Details: {@code riskAversion}. Immutable and thread-safe.
 *
 * @param riskAversion {@code gamma > 0}; default {@value #DEFAULT_RISK_AVERSION}
 */
public record MeanVariance(double riskAversion) implements PortfolioOptimizer {
  /** The default risk aversion, He and Litterman's market {@code delta}. */
  public static final double DEFAULT_RISK_AVERSION = 2.5;

  /** Checks the risk aversion. */
  public MeanVariance {
    Checks.positive(riskAversion, "riskAversion");
  }

  /** Mean-variance with {@link #DEFAULT_RISK_AVERSION}. */
  public static MeanVariance withDefaults() {
    return new MeanVariance(DEFAULT_RISK_AVERSION);
  }

  @Override
  public String name() {
    return OptimizationMethod.MEAN_VARIANCE.cliName();
  }

  /** The weights maximising {@code mu'w - (gamma / 2) w'Sw}; needs expected returns. */
  @Override
  public PortfolioResult optimize(PortfolioProblem problem) {
    double[] mu = problem.requireExpectedReturns(name());
    double[][] q = problem.covariance().matrix();
    for (double[] row : q) {
      for (int j = 0; j < row.length; j++) {
        row[j] *= riskAversion;
      }
    }
    double[] c = new double[mu.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = -mu[i];
    }
    double[] w = PortfolioQp.minimise(name(), problem, q, c, List.of());
    return PortfolioResult.of(name(), problem, w, Map.of("riskAversion", riskAversion));
  }

  /**
   * The efficient portfolio for a target return: minimise {@code w'Sw} subject to {@code mu'w = targetReturn} and
   * all constraints. Details: {@code targetReturn}.
   *
   * @param targetReturn the expected per-period return, as {@code mu}
   * @throws IllegalArgumentException if the target cannot be reached under the constraints
   */
  public PortfolioResult efficientReturn(PortfolioProblem problem, double targetReturn) {
    Checks.finite(targetReturn, "targetReturn");
    double[] mu = problem.requireExpectedReturns(name());
    PortfolioQp.Row target = new PortfolioQp.Row("target return " + targetReturn, mu, targetReturn, targetReturn);
    double[] w = PortfolioQp.minimise(name(), problem, problem.covariance().matrix(), null, List.of(target));
    return PortfolioResult.of(name(), problem, w, Map.of("targetReturn", targetReturn));
  }
}
