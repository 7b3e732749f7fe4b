package io.quantflow.models.signals;

import io.quantflow.domain.Checks;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Spearman rank correlation: the Pearson correlation of the ranks, with tied values given the average of the ranks
 * they span (so the {@code 1 - 6 sum d^2 / (n (n^2 - 1))} shortcut is not used; it is only exact without ties).
 */
public final class Spearman {
  private Spearman() {}

  /**
   * The rank correlation of {@code x} and {@code y}, in [-1, 1]; NaN if there are fewer than 2 pairs or either
   * side has all values tied (zero variance).
   */
  public static double correlation(double[] x, double[] y) {
    Checks.notNull(x, "x");
    Checks.notNull(y, "y");
    Checks.isTrue(x.length == y.length, "Arguments 'x' and 'y' must have the same length but have %d and %d",
        x.length, y.length);
    if (x.length < 2) {
      return Double.NaN;
    }
    return pearson(averageRanks(x), averageRanks(y));
  }

  /** Ranks 1..n of {@code values} (smallest first); ties get the average of the ranks they span. */
  public static double[] averageRanks(double[] values) {
    Checks.notNull(values, "values");
    int n = values.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      Checks.finite(values[i], "values[" + i + "]");
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
    double[] ranks = new double[n];
    int start = 0;
    while (start < n) {
      int end = start;
      while (end + 1 < n && values[order[end + 1]] == values[order[start]]) {
        end++;
      }
      double avg = (start + end) / 2.0 + 1; // ranks start+1 .. end+1
      for (int k = start; k <= end; k++) {
        ranks[order[k]] = avg;
      }
      start = end + 1;
    }
    return ranks;
  }

  /**
   * The Pearson correlation {@code cov(x, y) / (sd(x) sd(y))} of equally long, finite {@code x} and {@code y} (at
   * least one pair); NaN when either side is constant.
   */
  public static double pearson(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - mx;
      double dy = y[i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
  }
}
