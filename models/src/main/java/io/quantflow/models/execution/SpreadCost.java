package io.quantflow.models.execution;

import io.quantflow.domain.BarView;
import io.quantflow.domain.Checks;
import java.io.Serializable;

/**
 * The half-spread a marketable order pays, as a decimal fraction of the price (0.0001 = 1 basis point), adverse to
 * the side: a buy pays {@code price * (1 + h)}, a sell receives {@code price * (1 - h)}.
 *
 * <p>The full spread is the bar's quoted spread {@link BarView#spreadBps()} when known; otherwise it is estimated
 * from the bar as {@code max(floorBps / 10_000, rangeFactor * (high - low) / close)}. That estimate is a documented
 * heuristic, not an estimator from the literature: one bar carries no information that separates the spread from
 * volatility (Corwin and Schultz, 2012, need two consecutive bars and a stable variance). With the defaults
 * ({@link #defaults()}: floor 2 bps, factor 0.1) a calm one-minute bar of a large cap costs the 2 bp floor, several
 * times SPY's quoted spread, and a daily bar with a 2 percent range costs 20 bps; both err on the expensive side.
 * This class is immutable and thread-safe.
 *
 * @param floorBps smallest estimated full spread, basis points, not negative
 * @param rangeFactor share of the bar's relative range taken as the full spread, not negative
 */
public record SpreadCost(double floorBps, double rangeFactor) implements Serializable {
  /** No spread cost when the bar has no quoted spread (for tests and frictionless runs). */
  public static final SpreadCost NONE = new SpreadCost(0, 0);

  /** Checks both parameters. */
  public SpreadCost {
    Checks.notNegative(floorBps, "floorBps");
    Checks.notNegative(rangeFactor, "rangeFactor");
  }

  /** Floor 2 bps, range factor 0.1. */
  public static SpreadCost defaults() {
    return new SpreadCost(2.0, 0.1);
  }

  /** Half the bar's full spread, decimal fraction of the price. */
  public double halfSpreadFraction(BarView bar) {
    double quoted = bar.spreadBps();
    if (Double.isFinite(quoted) && quoted >= 0) {
      return quoted / 10_000.0 / 2;
    }
    double estimate = rangeFactor * (bar.high() - bar.low()) / bar.close();
    return Math.max(floorBps / 10_000.0, estimate) / 2;
  }
}
