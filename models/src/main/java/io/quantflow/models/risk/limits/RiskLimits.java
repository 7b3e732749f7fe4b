package io.quantflow.models.risk.limits;

import io.quantflow.domain.Checks;

/**
 * Typed risk limits of a book. Weights are fractions of equity {@code E} (0.10 = 10 percent) with market values
 * {@code v_i} in USD, negative for shorts. A null or NaN limit means no limit (NaN is stored as null). Immutable.
 *
 * <p>Concentration is the Herfindahl index of the equity weights, {@code H = sum_i (v_i / E)^2}. For a fully
 * invested long book ({@code sum |v_i| = E}) it is the classic Herfindahl index and {@code 1 / H} is the effective
 * number of positions (10 equal positions: {@code H = 0.1}). Unlike a Herfindahl index normalised by gross exposure
 * or a top-N share, it grows with every position, so a book's first small order does not count as 100 percent
 * concentrated and a larger order is always at least as concentrated.
 *
 * @param maxPositionWeight largest {@code |v_i| / E} of one symbol, positive
 * @param maxSectorWeight largest {@code sum |v_i| / E} of one sector, positive; needs a symbol-to-sector map
 * @param maxGrossExposure largest {@code sum |v_i| / E}, positive (1.0 = unlevered)
 * @param maxNetExposure largest {@code |sum v_i| / E}, positive
 * @param maxConcentration largest {@code sum (v_i / E)^2}, positive
 * @param maxDrawdown kill switch: below {@code (1 - maxDrawdown) x peak equity} only risk-reducing orders pass and
 *     the book should be flattened; in (0, 1)
 */
public record RiskLimits(Double maxPositionWeight, Double maxSectorWeight, Double maxGrossExposure,
    Double maxNetExposure, Double maxConcentration, Double maxDrawdown) implements java.io.Serializable {

  /** Checks the limits and stores NaN as null (no limit). */
  public RiskLimits {
    maxPositionWeight = limit(maxPositionWeight, "maxPositionWeight");
    maxSectorWeight = limit(maxSectorWeight, "maxSectorWeight");
    maxGrossExposure = limit(maxGrossExposure, "maxGrossExposure");
    maxNetExposure = limit(maxNetExposure, "maxNetExposure");
    maxConcentration = limit(maxConcentration, "maxConcentration");
    maxDrawdown = limit(maxDrawdown, "maxDrawdown");
    Checks.isTrue(maxDrawdown == null || maxDrawdown < 1, "Argument 'maxDrawdown' must be below 1 but was %s",
        maxDrawdown);
  }

  /** No limits at all. */
  public static RiskLimits none() {
    return new RiskLimits(null, null, null, null, null, null);
  }

  /** A copy with {@code maxPositionWeight} set (NaN removes it). */
  public RiskLimits withMaxPositionWeight(double limit) {
    return new RiskLimits(limit, maxSectorWeight, maxGrossExposure, maxNetExposure, maxConcentration, maxDrawdown);
  }

  /** A copy with {@code maxSectorWeight} set (NaN removes it). */
  public RiskLimits withMaxSectorWeight(double limit) {
    return new RiskLimits(maxPositionWeight, limit, maxGrossExposure, maxNetExposure, maxConcentration,
        maxDrawdown);
  }

  /** A copy with {@code maxGrossExposure} set (NaN removes it). */
  public RiskLimits withMaxGrossExposure(double limit) {
    return new RiskLimits(maxPositionWeight, maxSectorWeight, limit, maxNetExposure, maxConcentration, maxDrawdown);
  }

  /** A copy with {@code maxNetExposure} set (NaN removes it). */
  public RiskLimits withMaxNetExposure(double limit) {
    return new RiskLimits(maxPositionWeight, maxSectorWeight, maxGrossExposure, limit, maxConcentration,
        maxDrawdown);
  }

  /** A copy with {@code maxConcentration} set (NaN removes it). */
  public RiskLimits withMaxConcentration(double limit) {
    return new RiskLimits(maxPositionWeight, maxSectorWeight, maxGrossExposure, maxNetExposure, limit, maxDrawdown);
  }

  /** A copy with {@code maxDrawdown} set (NaN removes it). */
  public RiskLimits withMaxDrawdown(double limit) {
    return new RiskLimits(maxPositionWeight, maxSectorWeight, maxGrossExposure, maxNetExposure, maxConcentration,
        limit);
  }

  private static Double limit(Double value, String name) {
    if (value == null || value.isNaN()) {
      return null;
    }
    return Checks.positive(value, name);
  }
}
