package io.quantflow.models.execution;

import io.quantflow.domain.Checks;
import java.io.Serializable;

/**
 * Market impact by the square-root law (Almgren, Thum, Hauptmann and Li 2005; Tóth et al. 2011): the price moves
 * against the trade by {@code coefficient * dailyVolatility * sqrt(shares / averageDailyVolume)}, a decimal
 * fraction of the price. The fill model applies it to each fill separately, so impact is assumed to decay fully
 * between fills. Published prefactors are of order one; the default 1.0 is meant to sit at the expensive end.
 * This class is immutable and thread-safe.
 *
 * @param coefficient dimensionless prefactor, not negative
 */
public record SquareRootImpact(double coefficient) implements Serializable {
  /** No impact. */
  public static final SquareRootImpact NONE = new SquareRootImpact(0);

  /** Checks the coefficient. */
  public SquareRootImpact {
    Checks.notNegative(coefficient, "coefficient");
  }

  /** Coefficient 1.0. */
  public static SquareRootImpact defaults() {
    return new SquareRootImpact(1.0);
  }

  /**
   * The impact of trading {@code shares} (either sign), decimal fraction of the price.
   *
   * @param shares shares of this fill
   * @param market daily volatility and average daily volume of the symbol
   */
  public double fraction(double shares, MarketContext market) {
    Checks.notNull(market, "market");
    return coefficient * market.dailyVolatility() * Math.sqrt(Math.abs(shares) / market.averageDailyVolume());
  }
}
