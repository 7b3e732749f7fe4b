package io.quantflow.models.risk;

/** The distribution of the simulated daily returns in the Monte Carlo method. */
public enum ReturnDistribution {
  /** Multivariate normal with the estimated mean and covariance. */
  NORMAL,
  /**
   * Multivariate Student-t with {@code nu} degrees of freedom, scaled to the estimated covariance: one chi-square
   * draw per path and day is shared by all assets, so the assets also share their fat-tailed days.
   */
  STUDENT_T
}
