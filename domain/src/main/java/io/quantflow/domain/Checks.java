package io.quantflow.domain;

/**
 * Argument checks for public boundaries. Each check returns the value it checked, so a constructor can check and
 * assign in one line, and each message names the argument and the offending value.
 */
public final class Checks {
  private Checks() {}

  /** Checks that {@code value} is not null. */
  public static <T> T notNull(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException("Argument '" + name + "' must not be null");
    }
    return value;
  }

  /** Checks that {@code value} is neither null nor blank. */
  public static String notBlank(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Argument '" + name + "' must not be blank but was '" + value + "'");
    }
    return value;
  }

  /** Checks that {@code value} is strictly positive. */
  public static int positive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException("Argument '" + name + "' must be positive but was " + value);
    }
    return value;
  }

  /** Checks that {@code value} is strictly positive. */
  public static long positive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException("Argument '" + name + "' must be positive but was " + value);
    }
    return value;
  }

  /** Checks that {@code value} is finite and strictly positive. */
  public static double positive(double value, String name) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("Argument '" + name + "' must be finite and positive but was " + value);
    }
    return value;
  }

  /** Checks that {@code value} is finite and zero or positive. */
  public static double notNegative(double value, String name) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("Argument '" + name + "' must be finite and not negative but was " + value);
    }
    return value;
  }

  /** Checks that {@code value} is finite (not NaN, not infinite). */
  public static double finite(double value, String name) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("Argument '" + name + "' must be finite but was " + value);
    }
    return value;
  }

  /** Checks that {@code value} lies in {@code [min, max]}. */
  public static double inRange(double value, double min, double max, String name) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          "Argument '" + name + "' must be in [" + min + ", " + max + "] but was " + value);
    }
    return value;
  }

  /** Checks a rule that involves several fields; the message is formatted with {@link String#format}. */
  public static void isTrue(boolean condition, String message, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(message, args));
    }
  }
}
