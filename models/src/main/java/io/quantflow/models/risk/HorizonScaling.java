package io.quantflow.models.risk;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the historical and Monte Carlo methods turn daily returns into an {@code h}-day VaR. The parametric and
 * Cornish-Fisher methods always scale the moments instead (mean by {@code h}, standard deviation by
 * {@code sqrt(h)}) and accept only {@link #SQRT_TIME}.
 */
public enum HorizonScaling {
  /**
   * The square-root-of-time rule, the default: {@code VaR_h = sqrt(h) VaR_1} and {@code CVaR_h = sqrt(h) CVaR_1}
   * from the one-day figures. Exact for independent zero-mean normal returns; it keeps every observation or path
   * but scales the mean by {@code sqrt(h)} rather than {@code h}. CLI name {@code sqrt-time}.
   */
  SQRT_TIME("sqrt-time"),
  /**
   * Compounded {@code h}-day returns {@code (1 + r_t) ... (1 + r_{t+h-1}) - 1} of the constant-weight (daily
   * rebalanced) portfolio: overlapping windows of the observed returns for the historical method ({@code n - h + 1}
   * strongly dependent samples), {@code h} independent simulated days per path for Monte Carlo. CLI name
   * {@code compounded}.
   */
  COMPOUNDED("compounded");

  private final String cliName;

  HorizonScaling(String cliName) {
    this.cliName = cliName;
  }

  /** The lower-case name used on the command line. */
  public String cliName() {
    return cliName;
  }

  /**
   * The scaling whose {@link #cliName()} is {@code name} (case and surrounding blanks ignored).
   *
   * @throws IllegalArgumentException naming the valid choices if none matches
   */
  public static HorizonScaling fromCliName(String name) {
    for (HorizonScaling s : values()) {
      if (name != null && s.cliName.equals(name.strip().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException("Unknown horizon scaling '" + name + "': use one of "
        + Arrays.stream(values()).map(HorizonScaling::cliName).collect(Collectors.joining(", ")));
  }
}
