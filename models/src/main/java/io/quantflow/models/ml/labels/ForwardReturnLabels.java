package io.quantflow.models.ml.labels;

import io.quantflow.domain.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * Fixed-horizon labels: the simple forward return {@code close[i + h] / close[i] - 1} of bar {@code i} over
 * {@code h} bars of the symbol's own series (not wall-clock time), and its sign with a dead zone. Bars with
 * {@code i + h} beyond the data get no label (the series is never padded). Stateless and thread-safe.
 */
public final class ForwardReturnLabels {
  private ForwardReturnLabels() {}

  /**
   * Labels every bar that has a bar {@code h} later.
   *
   * @param availableAtMicros bar close times, UTC epoch microseconds, strictly ascending
   * @param close close prices, finite and positive
   * @param horizonBars horizon {@code h} in bars, positive
   * @param minAbsReturn dead zone, decimal: the sign is 0 when {@code |ret| <= minAbsReturn} (0 gives sign 0 only
   *     for a zero return)
   * @return one label per bar {@code 0 .. n - h - 1}, in bar order
   */
  public static List<ForwardLabel> label(long[] availableAtMicros, double[] close, int horizonBars,
      double minAbsReturn) {
    int n = BarInputs.check(availableAtMicros, close);
    Checks.positive(horizonBars, "horizonBars");
    Checks.notNegative(minAbsReturn, "minAbsReturn");
    List<ForwardLabel> labels = new ArrayList<>(Math.max(0, n - horizonBars));
    for (int i = 0; i + horizonBars < n; i++) {
      double ret = close[i + horizonBars] / close[i] - 1;
      int sign = Math.abs(ret) <= minAbsReturn ? 0 : ret > 0 ? 1 : -1;
      labels.add(new ForwardLabel(i, availableAtMicros[i], availableAtMicros[i + horizonBars], ret, sign));
    }
    return labels;
  }
}
