package io.quantflow.models.risk.limits;

import io.quantflow.domain.Checks;

/**
 * A limit exceeded, by the book or by the book after a proposed order. Immutable.
 *
 * @param limit which limit
 * @param subject what breaches it: a symbol (position), a sector, or {@code "book"}
 * @param value the measured value, in the limit's unit (see {@link LimitType}), e.g. 0.12 for 12 percent
 * @param threshold the limit, same unit
 * @param message a sentence for people, with the numbers in percent
 */
public record LimitBreach(LimitType limit, String subject, double value, double threshold, String message) {
  /** Checks the fields. */
  public LimitBreach {
    Checks.notNull(limit, "limit");
    Checks.notBlank(subject, "subject");
    Checks.finite(value, "value");
    Checks.positive(threshold, "threshold");
    Checks.notBlank(message, "message");
  }
}
