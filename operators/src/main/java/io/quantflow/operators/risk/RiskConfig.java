package io.quantflow.operators.risk;

import io.quantflow.domain.Checks;
import io.quantflow.models.risk.VarMethod;
import java.io.Serializable;
import java.util.Locale;

/**
 * How the risk monitor measures the book ({@code risk:} in a job configuration; every field optional).
 *
 * @param enabled false to skip the monitor (default true)
 * @param windowBars {@code returns: bars}: base-bar returns per symbol behind the VaR (default 390, one session of
 *     1-minute bars)
 * @param horizonBars {@code returns: bars}: the VaR horizon in base bars, scaled from one bar by the square root of
 *     time (default 390: one session of 1-minute bars, so the figure is a one-day VaR)
 * @param confidence the VaR confidence (default 0.99)
 * @param method {@code historical} (default: the book's current weights applied to the window's returns),
 *     {@code parametric} (normal, from the window's mean and covariance), {@code cornish-fisher} (the normal
 *     quantile corrected for the window's skewness and excess kurtosis) or {@code monte-carlo} (simulated from the
 *     window's mean and covariance, normal or Student-t); the kernels of
 *     {@link io.quantflow.models.risk.ValueAtRisk}
 * @param maxVar the largest one-horizon VaR as a fraction of equity before an alert (default none)
 * @param minBars {@code returns: bars}: returns needed before a VaR is reported (default 30); NaN before that
 * @param returns {@code bars} (default: the returns between consecutive valuations) or {@code daily} (close-to-close
 *     returns of completed New York sessions)
 * @param windowDays {@code returns: daily}: session returns per symbol behind the VaR (default 250)
 * @param horizonDays {@code returns: daily}: the VaR horizon in sessions, square root of time from one (default 1)
 * @param minDays {@code returns: daily}: session returns needed before a VaR is reported (default 20)
 * @param simulations {@code monte-carlo}: simulated portfolio returns per valuation (default 10,000)
 * @param seed {@code monte-carlo}: the seed, the same at every valuation so that a figure is reproducible (default 42)
 * @param studentTDof {@code monte-carlo}: Student-t returns with this many degrees of freedom (at least 3), scaled
 *     to the window's covariance; default none (normal)
 */
public record RiskConfig(Boolean enabled, Integer windowBars, Integer horizonBars, Double confidence, String method,
    Double maxVar, Integer minBars, String returns, Integer windowDays, Integer horizonDays, Integer minDays,
    Integer simulations, Long seed, Integer studentTDof) implements Serializable {

  /** All defaults. */
  public static final RiskConfig DEFAULT =
      new RiskConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null);

  /** Fills defaults and checks ranges. */
  public RiskConfig {
    enabled = enabled == null || enabled;
    windowBars = Checks.positive(windowBars == null ? 390 : windowBars, "risk.windowBars");
    horizonBars = Checks.positive(horizonBars == null ? 390 : horizonBars, "risk.horizonBars");
    confidence = confidence == null ? 0.99 : confidence;
    Checks.isTrue(confidence > 0.5 && confidence < 1, "Setting 'risk.confidence' must be in (0.5, 1) but was %s",
        confidence);
    method = method == null ? "historical" : method.strip().toLowerCase(Locale.ROOT);
    Checks.isTrue(method.equals("historical") || method.equals("parametric") || method.equals("cornish-fisher")
        || method.equals("monte-carlo"),
        "Setting 'risk.method' must be historical, parametric, cornish-fisher or monte-carlo but was '%s'", method);
    Checks.isTrue(maxVar == null || (maxVar > 0 && maxVar < 1), "Setting 'risk.maxVar' must be in (0, 1) but was %s",
        maxVar);
    minBars = Checks.positive(minBars == null ? 30 : minBars, "risk.minBars");
    Checks.isTrue(minBars <= windowBars, "Setting 'risk.minBars' (%s) must not exceed 'risk.windowBars' (%s)",
        minBars, windowBars);
    returns = returns == null ? "bars" : returns.strip().toLowerCase(Locale.ROOT);
    Checks.isTrue(returns.equals("bars") || returns.equals("daily"),
        "Setting 'risk.returns' must be bars or daily but was '%s'", returns);
    windowDays = Checks.positive(windowDays == null ? 250 : windowDays, "risk.windowDays");
    horizonDays = Checks.positive(horizonDays == null ? 1 : horizonDays, "risk.horizonDays");
    minDays = Checks.positive(minDays == null ? 20 : minDays, "risk.minDays");
    Checks.isTrue(minDays <= windowDays, "Setting 'risk.minDays' (%s) must not exceed 'risk.windowDays' (%s)",
        minDays, windowDays);
    // the kernels' own minimum sample: 4 for the third and fourth moments, 2 for a (co)variance
    int least = switch (method) {
      case "cornish-fisher" -> 4;
      case "parametric", "monte-carlo" -> 2;
      default -> 1;
    };
    String minName = returns.equals("daily") ? "risk.minDays" : "risk.minBars";
    int min = returns.equals("daily") ? minDays : minBars;
    Checks.isTrue(min >= least, "Setting '%s' must be at least %s for method %s but was %s", minName, least, method,
        min);
    simulations = Checks.positive(simulations == null ? 10_000 : simulations, "risk.simulations");
    seed = seed == null ? 42L : seed;
    Checks.isTrue(studentTDof == null || studentTDof >= 3,
        "Setting 'risk.studentTDof' must be at least 3 (a finite variance) but was %s", studentTDof);
    Checks.isTrue(studentTDof == null || method.equals("monte-carlo"),
        "Setting 'risk.studentTDof' applies to method monte-carlo only, not %s: drop it or set risk.method: "
            + "monte-carlo", method);
  }

  /** Whether the VaR is of daily session returns ({@code returns: daily}) rather than base-bar returns. */
  public boolean daily() {
    return returns.equals("daily");
  }

  /** The VaR horizon in the unit of the returns: {@link #horizonDays()} sessions or {@link #horizonBars()} bars. */
  public int horizon() {
    return daily() ? horizonDays : horizonBars;
  }

  /** The kernel of {@link #method()}. */
  public VarMethod varMethod() {
    return VarMethod.fromCliName(method);
  }
}
