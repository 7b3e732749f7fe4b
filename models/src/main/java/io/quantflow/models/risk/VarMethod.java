package io.quantflow.models.risk;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How {@link ValueAtRisk} estimates value at risk and expected shortfall; each has a lower-case CLI name. */
public enum VarMethod {
  /** Normal distribution with the sample mean and standard deviation; CLI name {@code parametric}. */
  PARAMETRIC("parametric"),
  /** Normal quantile corrected for sample skewness and excess kurtosis; CLI name {@code cornish-fisher}. */
  CORNISH_FISHER("cornish-fisher"),
  /** Empirical quantile of the observed returns, as {@code TailRisk}; CLI name {@code historical}. */
  HISTORICAL("historical"),
  /** Empirical quantile of simulated normal or Student-t returns; CLI name {@code monte-carlo}. */
  MONTE_CARLO("monte-carlo");

  private final String cliName;

  VarMethod(String cliName) {
    this.cliName = cliName;
  }

  /** The lower-case name used on the command line, e.g. {@code cornish-fisher}. */
  public String cliName() {
    return cliName;
  }

  /**
   * The method whose {@link #cliName()} is {@code name} (case and surrounding blanks ignored).
   *
   * @throws IllegalArgumentException naming the valid choices if none matches
   */
  public static VarMethod fromCliName(String name) {
    for (VarMethod m : values()) {
      if (name != null && m.cliName.equals(name.strip().toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException("Unknown VaR method '" + name + "': use one of "
        + Arrays.stream(values()).map(VarMethod::cliName).collect(Collectors.joining(", ")));
  }
}
