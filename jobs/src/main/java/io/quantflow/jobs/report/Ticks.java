package io.quantflow.jobs.report;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Axis ticks: "nice" values (steps of 1, 2, 2.5 or 5 times a power of ten) and calendar-aligned New York dates. */
final class Ticks {
  /** A tick on the time axis: its instant (UTC epoch microseconds) and its New York label. */
  record DateTick(long micros, String label) {}

  private record Step(ChronoUnit unit, int amount, double approxSeconds) {}

  private static final double HOUR = 3600;
  private static final double DAY = 86_400;
  private static final List<Step> STEPS = List.of(
      new Step(ChronoUnit.HOURS, 1, HOUR), new Step(ChronoUnit.HOURS, 2, 2 * HOUR),
      new Step(ChronoUnit.HOURS, 3, 3 * HOUR), new Step(ChronoUnit.HOURS, 6, 6 * HOUR),
      new Step(ChronoUnit.HOURS, 12, 12 * HOUR), new Step(ChronoUnit.DAYS, 1, DAY),
      new Step(ChronoUnit.DAYS, 2, 2 * DAY),
      new Step(ChronoUnit.WEEKS, 1, 7 * DAY), new Step(ChronoUnit.WEEKS, 2, 14 * DAY),
      new Step(ChronoUnit.MONTHS, 1, 30.4 * DAY), new Step(ChronoUnit.MONTHS, 2, 60.9 * DAY),
      new Step(ChronoUnit.MONTHS, 3, 91.3 * DAY), new Step(ChronoUnit.MONTHS, 6, 182.6 * DAY),
      new Step(ChronoUnit.YEARS, 1, 365.25 * DAY), new Step(ChronoUnit.YEARS, 2, 730.5 * DAY),
      new Step(ChronoUnit.YEARS, 5, 1826 * DAY), new Step(ChronoUnit.YEARS, 10, 3652 * DAY),
      new Step(ChronoUnit.YEARS, 25, 9131 * DAY), new Step(ChronoUnit.YEARS, 100, 36525 * DAY));

  private Ticks() {}

  /** The nice step closest above {@code raw}: 1, 2, 2.5, 5 or 10 times a power of ten. */
  static double niceStep(double raw) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / magnitude;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
    return nice * magnitude;
  }

  /**
   * Multiples of a nice step inside {@code [min, max]} ({@code min < max}): of the nice steps near
   * {@code (max - min) / target}, the one whose tick count is closest to {@code target} (the larger step on ties).
   */
  static double[] linear(double min, double max, int target) {
    double raw = (max - min) / target;
    double best = Double.NaN;
    int bestCount = 0;
    // candidates in increasing order, so "<=" keeps the larger step on ties
    for (double step = niceStep(raw / 4); step <= niceStep(raw) * (1 + 1e-9); step = niceStep(step * 1.0001)) {
      int c = count(min, max, step);
      if (Double.isNaN(best) || Math.abs(c - target) <= Math.abs(bestCount - target)) {
        best = step;
        bestCount = c;
      }
    }
    long first = (long) Math.ceil(min / best - 1e-9);
    double[] ticks = new double[bestCount];
    for (int i = 0; i < ticks.length; i++) {
      ticks[i] = (first + i) * best;
    }
    return ticks;
  }

  private static int count(double min, double max, double step) {
    long first = (long) Math.ceil(min / step - 1e-9);
    long last = (long) Math.floor(max / step + 1e-9);
    return (int) Math.max(0, last - first + 1);
  }

  /**
   * Ticks for a logarithmic axis over {@code [min, max]}, {@code 0 < min < max}: 1, 2 and 5 times powers of ten when
   * the range spans more than a factor of 8 (only powers of ten beyond a factor of 1000), nice linear ticks otherwise.
   */
  static double[] log(double min, double max) {
    if (max / min < 8) {
      return linear(min, max, 5);
    }
    int[] mantissas = max / min < 1000 ? new int[] {1, 2, 5} : new int[] {1};
    List<Double> ticks = new ArrayList<>();
    for (int e = (int) Math.floor(Math.log10(min)); e <= (int) Math.ceil(Math.log10(max)); e++) {
      for (int m : mantissas) {
        double v = m * Math.pow(10, e);
        if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) {
          ticks.add(v);
        }
      }
    }
    return ticks.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The decimals needed to print multiples of {@code step} exactly (0.25 needs 2, 5 needs 0). */
  static int decimals(double step) {
    for (int d = 0; d < 10; d++) {
      double scaled = step * Math.pow(10, d);
      if (Math.abs(scaled - Math.rint(scaled)) < 1e-6 * Math.max(1, scaled)) {
        return d;
      }
    }
    return 10;
  }

  /**
   * Calendar-aligned ticks between two instants (UTC epoch microseconds), at most {@code maxTicks} of them, labelled
   * in New York time: hours ("Mar 5 14:00", then "16:00" on the same day), days and weeks (Mondays; "Mar 4, 2024"
   * first, then "Mar 18"), months ("Jan 2024" first and in January, "Feb" otherwise) or years ("2024"). Falls back
   * to the two end points when the span is too short for an aligned tick.
   */
  static List<DateTick> dates(long startMicros, long endMicros, int maxTicks) {
    double spanSeconds = (endMicros - startMicros) / 1e6;
    Step step = STEPS.get(STEPS.size() - 1);
    for (Step s : STEPS) {
      if (spanSeconds / s.approxSeconds() <= maxTicks) {
        step = s;
        break;
      }
    }
    List<DateTick> ticks = new ArrayList<>();
    ZonedDateTime previous = null;
    for (ZonedDateTime t = align(Format.newYork(startMicros), step); ticks.size() <= maxTicks;
        t = t.plus(step.amount(), step.unit())) {
      long micros = t.toEpochSecond() * 1_000_000L + t.getNano() / 1000;
      if (micros > endMicros) {
        break;
      }
      if (micros >= startMicros) {
        ticks.add(new DateTick(micros, label(t, previous, step.unit())));
        previous = t;
      }
    }
    if (ticks.size() < 2) {
      ticks.clear();
      ticks.add(new DateTick(startMicros, Format.dateTime(startMicros)));
      if (endMicros > startMicros) {
        ticks.add(new DateTick(endMicros, Format.dateTime(endMicros)));
      }
    }
    return ticks;
  }

  private static ZonedDateTime align(ZonedDateTime t, Step step) {
    ZonedDateTime day = t.truncatedTo(ChronoUnit.DAYS);
    return switch (step.unit()) {
      case HOURS -> t.truncatedTo(ChronoUnit.HOURS).withHour(t.getHour() - t.getHour() % step.amount());
      case WEEKS -> day.minusDays(day.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue());
      case MONTHS -> day.withDayOfMonth(1).withMonth(t.getMonthValue() - (t.getMonthValue() - 1) % step.amount());
      case YEARS -> day.withDayOfYear(1).withYear(t.getYear() - Math.floorMod(t.getYear(), step.amount()));
      default -> day;
    };
  }

  private static String label(ZonedDateTime t, ZonedDateTime previous, ChronoUnit unit) {
    String month = Format.MONTHS[t.getMonthValue() - 1];
    return switch (unit) {
      case HOURS -> (previous != null && previous.toLocalDate().equals(t.toLocalDate()) ? ""
          : month + " " + t.getDayOfMonth() + " ") + String.format(java.util.Locale.ROOT, "%02d:%02d", t.getHour(),
          t.getMinute());
      case DAYS, WEEKS -> month + " " + t.getDayOfMonth()
          + (previous == null || previous.getYear() != t.getYear() ? ", " + t.getYear() : "");
      case MONTHS -> previous == null || t.getMonthValue() == 1 ? month + " " + t.getYear() : month;
      default -> Integer.toString(t.getYear());
    };
  }
}
