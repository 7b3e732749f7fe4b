package io.quantflow.operators.risk;

import io.quantflow.domain.Checks;
import java.io.Serializable;
import java.util.Locale;

/**
 * How the risk monitor measures the book ({@code risk:} in a job configuration; every field optional).
 *
 * @param enabled false to skip the monitor (default true)
 * @param windowBars base-bar returns per symbol behind the VaR (default 390, one session of 1-minute bars)
 * @param horizonBars the VaR horizon in base bars, scaled from one bar by the square root of time (default 390:
 *     one session of 1-minute bars, so the figure is a one-day VaR)
 * @param confidence the VaR confidence (default 0.99)
 * @param method {@code historical} (default: the book's current weights applied to the window's returns) or
 *     {@code parametric} (normal, from the window's covariance)
 * @param maxVar the largest one-horizon VaR as a fraction of equity before an alert (default none)
 * @param minBars returns needed before a VaR is reported (default 30); NaN before that
 */
public record RiskConfig(Boolean enabled, Integer windowBars, Integer horizonBars, Double confidence, String method,
    Double maxVar, Integer minBars) implements Serializable {

  /** All defaults. */
  public static final RiskConfig DEFAULT = new RiskConfig(null, null, null, null, null, null, null);

  /** Fills defaults and checks ranges. */
  public RiskConfig {
    enabled = enabled == null || enabled;
    windowBars = Checks.positive(windowBars == null ? 390 : windowBars, "risk.windowBars");
    horizonBars = Checks.positive(horizonBars == null ? 390 : horizonBars, "risk.horizonBars");
    confidence = confidence == null ? 0.99 : confidence;
    Checks.isTrue(confidence > 0.5 && confidence < 1, "Setting 'risk.confidence' must be in (0.5, 1) but was %s",
        confidence);
    method = method == null ? "historical" : method.strip().toLowerCase(Locale.ROOT);
    Checks.isTrue(method.equals("historical") || method.equals("parametric"),
        "Setting 'risk.method' must be historical or parametric but was '%s'", method);
    Checks.isTrue(maxVar == null || (maxVar > 0 && maxVar < 1), "Setting 'risk.maxVar' must be in (0, 1) but was %s",
        maxVar);
    minBars = Checks.positive(minBars == null ? 30 : minBars, "risk.minBars");
    Checks.isTrue(minBars <= windowBars, "Setting 'risk.minBars' (%s) must not exceed 'risk.windowBars' (%s)",
        minBars, windowBars);
  }
}
