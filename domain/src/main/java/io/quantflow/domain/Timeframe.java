package io.quantflow.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A bar interval. Intraday intervals are aligned to the UTC epoch, which puts every 1s, 15s, 1m, 5m and 15m
 * boundary on the US session open (09:30 New York); hourly bars start on the hour, so the first regular-session
 * hour bar covers 09:30-10:00 (the convention of Alpaca and Lean). A daily bar is labelled by midnight of its
 * trading day in UTC and spans 24 hours.
 *
 * <p>A bar is labelled by the <em>start</em> of its interval and becomes available at its end:
 * {@code availableAtMicros = startMicros + durationMicros}.
 */
public enum Timeframe {
  /** One second. */
  S1("1s", 1_000_000L),
  /** Fifteen seconds. */
  S15("15s", 15_000_000L),
  /** One minute. */
  M1("1m", 60_000_000L),
  /** Five minutes. */
  M5("5m", 300_000_000L),
  /** Fifteen minutes. */
  M15("15m", 900_000_000L),
  /** One hour. */
  H1("1h", 3_600_000_000L),
  /** One day. */
  D1("1d", 86_400_000_000L);

  private final String label;
  private final long durationMicros;

  Timeframe(String label, long durationMicros) {
    this.label = label;
    this.durationMicros = durationMicros;
  }

  /** The short label used in file paths, feature names and the command line, e.g. {@code 1m}. */
  public String label() {
    return label;
  }

  /** Length of the interval in microseconds. */
  public long durationMicros() {
    return durationMicros;
  }

  /** Length of the interval in milliseconds. */
  public long durationMillis() {
    return durationMicros / 1000;
  }

  /** The start of the interval that contains {@code tsMicros}. */
  public long startOf(long tsMicros) {
    return Math.floorDiv(tsMicros, durationMicros) * durationMicros;
  }

  /** Whether bars of this timeframe can be built exactly from bars of {@code finer}. */
  public boolean isMultipleOf(Timeframe finer) {
    return durationMicros >= finer.durationMicros && durationMicros % finer.durationMicros == 0;
  }

  /**
   * Parses a label such as {@code 1m}, {@code 15s}, {@code 1h}, {@code 1d}; Alpaca's names ({@code 1Min},
   * {@code 5Min}, {@code 1Hour}, {@code 1Day}) and the enum names are accepted too.
   *
   * @throws IllegalArgumentException naming the valid labels if {@code text} is none of them
   */
  public static Timeframe parse(String text) {
    Checks.notBlank(text, "timeframe");
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (Timeframe tf : values()) {
      if (tf.label.equals(t) || tf.name().toLowerCase(Locale.ROOT).equals(t)) {
        return tf;
      }
    }
    String alpaca = t.replace("min", "m").replace("hour", "h").replace("day", "d").replace("sec", "s");
    for (Timeframe tf : values()) {
      if (tf.label.equals(alpaca)) {
        return tf;
      }
    }
    throw new IllegalArgumentException("Unknown timeframe '" + text + "'; valid timeframes are "
        + Arrays.stream(values()).map(Timeframe::label).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return label;
  }
}
