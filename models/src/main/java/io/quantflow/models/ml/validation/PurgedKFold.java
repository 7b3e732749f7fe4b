package io.quantflow.models.ml.validation;

import io.quantflow.domain.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * Purged k-fold cross-validation with an embargo (López de Prado, AFML ch. 7.4). The samples, sorted by
 * {@code t0Micros}, are cut into {@code k} contiguous test blocks in time order: each has {@code floor(n / k)}
 * samples and the first {@code n mod k} one more. For a test block spanning {@code [a, b]} ({@code a} the first
 * test {@code t0}, {@code b} the largest test {@code t1}), all other samples train except
 *
 * <ul>
 *   <li>purged ones, whose window {@code [t0, t1]} overlaps {@code [a, b]} (closed intervals: touching counts), and
 *   <li>embargoed ones, whose {@code t0} lies in {@code (b, b + embargoMicros]}, because features just after the
 *       test block are serially correlated with the test labels.
 * </ul>
 *
 * <p>The embargo is a duration in microseconds, not a share of samples, so that it means the same on irregular
 * bars; 0 disables it. A training set can come out empty when label windows are long relative to the data.
 * Immutable and thread-safe.
 */
public final class PurgedKFold {
  private final int k;
  private final long embargoMicros;

  /**
   * @param k number of folds, at least 2
   * @param embargoMicros embargo after each test block, microseconds, not negative
   */
  public PurgedKFold(int k, long embargoMicros) {
    Checks.isTrue(k >= 2, "Argument 'k' must be at least 2 but was %d", k);
    Checks.isTrue(embargoMicros >= 0, "Argument 'embargoMicros' must not be negative but was %d", embargoMicros);
    this.k = k;
    this.embargoMicros = embargoMicros;
  }

  /**
   * The {@code k} splits, fold {@code f} testing the {@code f}-th block in time order.
   *
   * @param t0Micros label window starts, ascending (ties allowed)
   * @param t1Micros label window ends, {@code t1Micros[i] >= t0Micros[i]}
   */
  public List<Split> split(long[] t0Micros, long[] t1Micros) {
    int n = Samples.check(t0Micros, t1Micros);
    Checks.isTrue(k <= n, "Argument 't0Micros' must hold at least k = %d samples but holds %d", k, n);
    List<Split> splits = new ArrayList<>(k);
    int base = n / k;
    int extra = n % k;
    int from = 0;
    for (int f = 0; f < k; f++) {
      int to = from + base + (f < extra ? 1 : 0);
      long a = t0Micros[from];
      long b = Samples.maxT1(t1Micros, from, to);
      long embargoEnd = b > Long.MAX_VALUE - embargoMicros ? Long.MAX_VALUE : b + embargoMicros;
      List<Integer> train = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        if (j >= from && j < to) {
          continue;
        }
        boolean overlaps = t0Micros[j] <= b && t1Micros[j] >= a;
        boolean embargoed = t0Micros[j] > b && t0Micros[j] <= embargoEnd;
        if (!overlaps && !embargoed) {
          train.add(j);
        }
      }
      splits.add(new Split(f, Samples.toArray(train), Samples.range(from, to)));
      from = to;
    }
    return splits;
  }
}
