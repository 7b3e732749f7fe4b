package io.quantflow.models.ml.labels;

import io.quantflow.domain.Checks;

/** Argument checks shared by the labellers. */
final class BarInputs {
  private BarInputs() {}

  /** Checks that times ascend strictly and that prices are finite and positive; returns the number of bars. */
  static int check(long[] availableAtMicros, double[] close) {
    Checks.notNull(availableAtMicros, "availableAtMicros");
    Checks.notNull(close, "close");
    int n = availableAtMicros.length;
    Checks.isTrue(close.length == n, "Arguments 'availableAtMicros' and 'close' must have the same length but have"
        + " %d and %d", n, close.length);
    for (int i = 1; i < n; i++) {
      Checks.isTrue(availableAtMicros[i] > availableAtMicros[i - 1], "Argument 'availableAtMicros' must ascend"
          + " strictly but has %d at index %d after %d", availableAtMicros[i], i, availableAtMicros[i - 1]);
    }
    prices(close, "close");
    return n;
  }

  static void prices(double[] prices, String name) {
    for (int i = 0; i < prices.length; i++) {
      Checks.positive(prices[i], name + "[" + i + "]");
    }
  }

  static void sameLength(double[] values, int n, String name) {
    Checks.isTrue(values.length == n, "Argument '%s' must have the length of 'close' (%d) but has %d", name, n,
        values.length);
  }
}
