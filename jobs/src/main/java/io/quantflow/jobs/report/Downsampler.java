package io.quantflow.jobs.report;

import java.util.Arrays;

/**
 * Picks the points of long series worth drawing. The index range is cut into equal buckets; each bucket keeps, for
 * every series, the index of its minimum and of its maximum, so spikes and drawdown troughs survive at any length,
 * and the first NaN (a gap stays a gap). The first and last indices are always kept. Series of a chart are
 * downsampled together, so they share their x positions.
 */
final class Downsampler {
  private Downsampler() {}

  /**
   * Increasing indices into series of length {@code n}, at most {@code maxPoints} of them ({@code maxPoints >= 5});
   * all indices when {@code n <= maxPoints}.
   */
  static int[] indices(int maxPoints, int n, double[]... series) {
    if (n <= maxPoints) {
      int[] all = new int[n];
      Arrays.setAll(all, i -> i);
      return all;
    }
    int perBucket = 3 * Math.max(1, series.length);
    int buckets = Math.max(1, (maxPoints - 2) / perBucket);
    boolean[] keep = new boolean[n];
    keep[0] = true;
    keep[n - 1] = true;
    for (int b = 0; b < buckets; b++) {
      int from = (int) ((long) b * n / buckets);
      int to = (int) ((long) (b + 1) * n / buckets);
      for (double[] s : series) {
        int min = -1;
        int max = -1;
        int gap = -1;
        for (int i = from; i < to; i++) {
          double v = s[i];
          if (Double.isNaN(v)) {
            gap = gap < 0 ? i : gap;
          } else {
            min = min < 0 || v < s[min] ? i : min;
            max = max < 0 || v > s[max] ? i : max;
          }
        }
        for (int i : new int[] {min, max, gap}) {
          if (i >= 0) {
            keep[i] = true;
          }
        }
      }
    }
    int count = 0;
    for (boolean k : keep) {
      count += k ? 1 : 0;
    }
    int[] out = new int[count];
    for (int i = 0, j = 0; i < n; i++) {
      if (keep[i]) {
        out[j++] = i;
      }
    }
    return out;
  }
}
