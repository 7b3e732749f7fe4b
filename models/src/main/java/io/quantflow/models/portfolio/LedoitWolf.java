package io.quantflow.models.portfolio;

import io.quantflow.domain.Checks;
import io.quantflow.models.linalg.Linalg;

/**
 * Ledoit-Wolf shrinkage of the sample covariance of simple per-period returns {@code double[asset][time]} towards a
 * structured target, {@code S* = delta F + (1 - delta) S}, with the intensity {@code delta} in [0, 1] estimated to
 * minimise the expected Frobenius loss. The result is per period (not annualised) and positive semi-definite; with
 * {@code delta > 0} and a positive definite target it is positive definite even when there are fewer periods than
 * assets.
 *
 * <ul>
 *   <li>{@link #identity}: target {@code mu I}, {@code mu = tr(S) / n} (Ledoit and Wolf 2004, "A well-conditioned
 *       estimator for large-dimensional covariance matrices"), computed as {@code sklearn.covariance.ledoit_wolf}
 *       does: {@code S = X'X / T} of the demeaned returns (divisor T), {@code d^2 = ||S - mu I||^2},
 *       {@code b^2 = min(d^2, sum_t ||x_t x_t' - S||^2 / T^2)}, {@code delta = b^2 / d^2}, where
 *       {@code ||A||^2 = tr(A A') / n}.
 *   <li>{@link #constantCorrelation}: target {@code F_ii = S_ii}, {@code F_ij = rbar sqrt(S_ii S_jj)} with
 *       {@code rbar} the mean sample correlation (Ledoit and Wolf 2004, "Honey, I shrunk the sample covariance
 *       matrix"), computed as PyPortfolioOpt's {@code CovarianceShrinkage.ledoit_wolf("constant_correlation")}:
 *       {@code S} the unbiased sample covariance (divisor T - 1), {@code pi = sum_ij mean_t (x_it x_jt - S_ij)^2},
 *       {@code rho = sum_i pi_ii + rbar sum_{i != j} sqrt(S_jj / S_ii) theta_ij} with
 *       {@code theta_ij = mean_t (x_it^2 - S_ii)(x_it x_jt - S_ij)}, {@code gamma = ||S - F||_F^2},
 *       {@code delta = max(0, min(1, (pi - rho) / gamma / T))}.
 * </ul>
 *
 * When the sample already equals the target ({@code d^2 = 0} or {@code gamma = 0}) the intensity is 0.
 */
public final class LedoitWolf {
  private LedoitWolf() {}

  /** The shrinkage target. */
  public enum Target {
    /** {@code mu I}: the mean variance on the diagonal, zero covariances. */
    SCALED_IDENTITY,
    /** Sample variances and one common correlation {@code rbar}. */
    CONSTANT_CORRELATION
  }

  /**
   * A shrunk covariance. Immutable and thread-safe.
   *
   * @param covariance {@code S*}, per period
   * @param shrinkage the intensity {@code delta} in [0, 1]: 0 keeps the sample, 1 gives the target
   * @param target the target shrunk towards
   */
  public record Estimate(Covariance covariance, double shrinkage, Target target) {
    /** Checks the fields. */
    public Estimate {
      Checks.notNull(covariance, "covariance");
      Checks.inRange(shrinkage, 0, 1, "shrinkage");
      Checks.notNull(target, "target");
    }
  }

  /**
   * Shrinks towards the scaled identity, as {@code sklearn.covariance.ledoit_wolf} (see the class comment).
   *
   * @param returns {@code double[asset][time]} simple per-period returns, at least 2 periods, all finite
   */
  public static Estimate identity(double[][] returns) {
    int t = Returns.check(returns, 2);
    int n = returns.length;
    double[][] x = Returns.demeaned(returns);
    double[][] s = Returns.crossProduct(x, t);
    double trace = 0;
    for (int i = 0; i < n; i++) {
      trace += s[i][i];
    }
    double mu = trace / n;
    // sum_t ||x_t||^4 and ||S||_F^2, the two moments sklearn accumulates
    double fourth = 0;
    for (int k = 0; k < t; k++) {
      double sq = 0;
      for (int i = 0; i < n; i++) {
        sq += x[i][k] * x[i][k];
      }
      fourth += sq * sq;
    }
    double frob = 0;
    for (double[] row : s) {
      frob += Linalg.dot(row, row);
    }
    double beta = (fourth / t - frob) / ((double) n * t);
    double delta = (frob - 2 * mu * trace + n * mu * mu) / n;
    beta = Math.min(beta, delta);
    double shrinkage = beta <= 0 || delta <= 0 ? 0 : Math.min(1, beta / delta);
    double[][] shrunk = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        shrunk[i][j] = (1 - shrinkage) * s[i][j] + (i == j ? shrinkage * mu : 0);
      }
    }
    return new Estimate(new Covariance(shrunk), shrinkage, Target.SCALED_IDENTITY);
  }

  /**
   * Shrinks towards the constant-correlation target, as PyPortfolioOpt (see the class comment). Needs at least 2
   * assets, each with a positive sample variance.
   *
   * @param returns {@code double[asset][time]} simple per-period returns, at least 2 periods, all finite
   */
  public static Estimate constantCorrelation(double[][] returns) {
    int t = Returns.check(returns, 2);
    int n = returns.length;
    Checks.isTrue(n >= 2, "constant-correlation shrinkage needs at least 2 assets but got %d: use identity()", n);
    double[][] x = Returns.demeaned(returns);
    double[][] s = Returns.crossProduct(x, t - 1);
    double[][] b = Returns.crossProduct(x, t);
    double[] sd = new double[n];
    for (int i = 0; i < n; i++) {
      Checks.isTrue(s[i][i] > 0, "asset %d has zero sample variance: drop constant series before shrinking", i);
      sd[i] = Math.sqrt(s[i][i]);
    }
    double corrSum = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          corrSum += s[i][j] / (sd[i] * sd[j]);
        }
      }
    }
    double rbar = corrSum / ((double) n * (n - 1));
    double[][] f = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        f[i][j] = i == j ? s[i][i] : rbar * sd[i] * sd[j];
      }
    }
    double pi = 0;
    double piDiag = 0;
    double thetaSum = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double yy = 0;
        double cube = 0;
        for (int k = 0; k < t; k++) {
          double xi = x[i][k];
          double xj = x[j][k];
          yy += xi * xi * xj * xj;
          cube += xi * xi * xi * xj;
        }
        // PyPortfolioOpt's expanded forms: y'y/T - 2 (X'X/T) * S + S^2 and term1 - term2 - term3 + term4
        double piIj = yy / t - 2 * b[i][j] * s[i][j] + s[i][j] * s[i][j];
        pi += piIj;
        if (i == j) {
          piDiag += piIj;
        } else {
          double theta = cube / t - b[i][i] * s[i][j] - b[i][j] * s[i][i] + s[i][i] * s[i][j];
          thetaSum += sd[j] / sd[i] * theta;
        }
      }
    }
    double rho = piDiag + rbar * thetaSum;
    double gamma = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        gamma += (s[i][j] - f[i][j]) * (s[i][j] - f[i][j]);
      }
    }
    double shrinkage = gamma > 0 ? Math.max(0, Math.min(1, (pi - rho) / gamma / t)) : 0;
    double[][] shrunk = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        shrunk[i][j] = shrinkage * f[i][j] + (1 - shrinkage) * s[i][j];
      }
    }
    return new Estimate(new Covariance(shrunk), shrinkage, Target.CONSTANT_CORRELATION);
  }
}
