package io.quantflow.jobs.report;

import io.quantflow.domain.Checks;

/**
 * The strategy's simple return over one calendar month (New York dates). Immutable and thread-safe.
 *
 * @param year the calendar year, e.g. 2024
 * @param month the month, 1 (January) to 12 (December)
 * @param returnFraction simple return over the month as a decimal (0.05 = 5 percent), at least -1
 */
public record MonthlyReturn(int year, int month, double returnFraction) {
  /** Checks the month range and that the return is a finite decimal of at least -1. */
  public MonthlyReturn {
    Checks.isTrue(year >= 1 && year <= 9999, "Argument 'year' must be in [1, 9999] but was %s", year);
    Checks.isTrue(month >= 1 && month <= 12, "Argument 'month' must be in [1, 12] but was %s", month);
    Checks.finite(returnFraction, "returnFraction");
    Checks.isTrue(returnFraction >= -1, "Argument 'returnFraction' must be at least -1 but was %s", returnFraction);
  }
}
