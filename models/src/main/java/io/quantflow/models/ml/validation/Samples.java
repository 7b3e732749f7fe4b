package io.quantflow.models.ml.validation;

import io.quantflow.domain.Checks;
import java.util.List;

/** Checks and purging shared by the splitters. */
final class Samples {
  private Samples() {}

  /** Checks that the windows are sorted by {@code t0} and that {@code t1 >= t0}; returns the number of samples. */
  static int check(long[] t0Micros, long[] t1Micros) {
    Checks.notNull(t0Micros, "t0Micros");
    Checks.notNull(t1Micros, "t1Micros");
    int n = t0Micros.length;
    Checks.isTrue(t1Micros.length == n, "Arguments 't0Micros' and 't1Micros' must have the same length but have %d"
        + " and %d", n, t1Micros.length);
    for (int i = 0; i < n; i++) {
      Checks.isTrue(i == 0 || t0Micros[i] >= t0Micros[i - 1], "Argument 't0Micros' must be sorted ascending but has"
          + " %d at index %d after %d", t0Micros[i], i, i == 0 ? 0 : t0Micros[i - 1]);
      Checks.isTrue(t1Micros[i] >= t0Micros[i], "Argument 't1Micros' must not precede 't0Micros' but has %d < %d at"
          + " index %d", t1Micros[i], t0Micros[i], i);
    }
    return n;
  }

  static long maxT1(long[] t1Micros, int from, int to) {
    long max = Long.MIN_VALUE;
    for (int i = from; i < to; i++) {
      max = Math.max(max, t1Micros[i]);
    }
    return max;
  }

  static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = from; i < to; i++) {
      r[i - from] = i;
    }
    return r;
  }

  static int[] toArray(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }
}
