package io.quantflow.operators.risk;

import io.quantflow.domain.Checks;

/**
 * A risk limit or VaR limit crossed by the book, raised once when crossed (and again only after the measure has
 * come back below 90 percent of its limit).
 *
 * @param timestampMicros the valuation instant, UTC epoch micros
 * @param limit the setting crossed, e.g. {@code portfolio.limits.maxGrossExposure} or {@code risk.maxVar}
 * @param subject the symbol, sector or {@code book}
 * @param value the measure, in the limit's unit
 * @param threshold the limit
 * @param message what crossed what, and what to do
 */
public record RiskAlert(long timestampMicros, String limit, String subject, double value, double threshold,
    String message) {
  /** Checks the fields. */
  public RiskAlert {
    Checks.notBlank(limit, "limit");
    Checks.notBlank(subject, "subject");
    Checks.notBlank(message, "message");
  }
}
