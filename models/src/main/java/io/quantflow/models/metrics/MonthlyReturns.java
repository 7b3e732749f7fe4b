package io.quantflow.models.metrics;

import io.quantflow.domain.Checks;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Compounded return per calendar month of an equity curve, months taken in New York time
 * ({@link #ZONE}), as in the calendar-month tables of a tear sheet. Immutable and thread-safe.
 *
 * <p>A month's return is {@code E_last / E_base - 1}, where {@code E_last} is the last point in the month and
 * {@code E_base} the last point of the previous month with data, or the first point of the curve for the first
 * month. That equals the product of {@code 1 + r_i} over the period returns ending in the month, minus 1: a period
 * belongs to the month of its end point. Months without points are left out.
 *
 * @param months one entry per month with data, in chronological order
 */
public record MonthlyReturns(List<Month> months) {

  /** Months are calendar months of US equity market time. */
  public static final ZoneId ZONE = ZoneId.of("America/New_York");

  /**
   * The return of one calendar month.
   *
   * @param year calendar year in New York time, e.g. 2024
   * @param month month of the year, 1 (January) to 12 (December), in New York time
   * @param returnFraction compounded simple return of the month, a decimal (0.05 = 5 percent)
   */
  public record Month(int year, int month, double returnFraction) {

    /** Checks the fields. */
    public Month {
      Checks.isTrue(month >= 1 && month <= 12, "Argument 'month' must be in [1, 12] but was %s", month);
      Checks.finite(returnFraction, "returnFraction");
    }
  }

  /** Checks and copies the list. */
  public MonthlyReturns {
    Checks.notNull(months, "months");
    months = List.copyOf(months);
  }

  /**
   * Computes the monthly returns of an equity curve.
   *
   * @param timestampsMicros time of each point, UTC epoch microseconds, strictly increasing
   * @param equity equity at each point, USD, all positive, same length, at least 1 point
   */
  public static MonthlyReturns of(long[] timestampsMicros, double[] equity) {
    Checks.notNull(timestampsMicros, "timestampsMicros");
    Checks.notNull(equity, "equity");
    Checks.isTrue(timestampsMicros.length == equity.length,
        "Arguments 'timestampsMicros' and 'equity' must have the same length but have %d and %d",
        timestampsMicros.length, equity.length);
    Checks.isTrue(equity.length >= 1, "Argument 'equity' needs at least 1 point but has 0");
    List<Month> months = new ArrayList<>();
    double base = Checks.positive(equity[0], "equity[0]");
    YearMonth current = yearMonth(timestampsMicros[0]);
    for (int i = 1; i < equity.length; i++) {
      Checks.positive(equity[i], "equity[" + i + "]");
      Checks.isTrue(timestampsMicros[i] > timestampsMicros[i - 1],
          "Argument 'timestampsMicros' must be strictly increasing but [%d] = %d follows %d", i,
          timestampsMicros[i], timestampsMicros[i - 1]);
      YearMonth ym = yearMonth(timestampsMicros[i]);
      if (!ym.equals(current)) {
        months.add(month(current, equity[i - 1] / base - 1));
        base = equity[i - 1];
        current = ym;
      }
    }
    months.add(month(current, equity[equity.length - 1] / base - 1));
    return new MonthlyReturns(months);
  }

  private static YearMonth yearMonth(long micros) {
    Instant instant =
        Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    return YearMonth.from(ZonedDateTime.ofInstant(instant, ZONE));
  }

  private static Month month(YearMonth ym, double returnFraction) {
    return new Month(ym.getYear(), ym.getMonthValue(), returnFraction);
  }
}
