package io.quantflow.models.risk.limits;

/** The limits of {@link RiskLimits}; each value is a fraction of equity unless stated otherwise. */
public enum LimitType {
  /** {@code |v_i| / E} of one symbol. */
  POSITION_WEIGHT,
  /** {@code sum |v_i| / E} over the symbols of one sector. */
  SECTOR_WEIGHT,
  /** {@code sum |v_i| / E} over the book. */
  GROSS_EXPOSURE,
  /** {@code |sum v_i| / E} over the book. */
  NET_EXPOSURE,
  /** {@code sum (v_i / E)^2} over the book (a Herfindahl index of equity weights; dimensionless). */
  CONCENTRATION,
  /** {@code 1 - E / peak E}, the drawdown from peak equity. */
  DRAWDOWN;

  /** The {@link RiskLimits} component that sets this limit, e.g. {@code maxPositionWeight}. */
  public String setting() {
    return switch (this) {
      case POSITION_WEIGHT -> "maxPositionWeight";
      case SECTOR_WEIGHT -> "maxSectorWeight";
      case GROSS_EXPOSURE -> "maxGrossExposure";
      case NET_EXPOSURE -> "maxNetExposure";
      case CONCENTRATION -> "maxConcentration";
      case DRAWDOWN -> "maxDrawdown";
    };
  }
}
