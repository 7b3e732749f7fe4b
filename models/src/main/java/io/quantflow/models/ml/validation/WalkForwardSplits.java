package io.quantflow.models.ml.validation;

import io.quantflow.domain.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * Walk-forward splits: a training window of samples before each test block, the blocks following one another in
 * time order. The first test block starts at sample {@code minTrainSize}; the blocks are either of a fixed
 * {@code testSize} (the last one takes the remainder and may be shorter) or {@code steps} blocks as equal as possible
 * (the first ones one sample longer), so every sample from {@code minTrainSize} on is tested exactly once. The
 * training window holds all earlier samples (expanding) or the last {@code rollingWindow} of them (rolling).
 *
 * <p>Purging as in {@link PurgedKFold}: a training sample is dropped when its {@code [t0, t1]} overlaps the test
 * block's span, i.e. when {@code t1 >= a}, the first test {@code t0}. Since all training precedes the test, the
 * embargo acts as a gap before it: training samples with {@code t1 >= a - embargoMicros} are dropped too. The
 * training set after purging may therefore be smaller than {@code minTrainSize}, or empty. Immutable and
 * thread-safe.
 */
public final class WalkForwardSplits {
  private final int minTrainSize;
  private final int testSize;
  private final int steps;
  private final int rollingWindow;
  private final long embargoMicros;

  private WalkForwardSplits(int minTrainSize, int testSize, int steps, int rollingWindow, long embargoMicros) {
    this.minTrainSize = minTrainSize;
    this.testSize = testSize;
    this.steps = steps;
    this.rollingWindow = rollingWindow;
    this.embargoMicros = embargoMicros;
  }

  /**
   * Expanding windows with test blocks of {@code testSize} samples and no embargo.
   *
   * @param minTrainSize samples before the first test block, positive
   * @param testSize samples per test block, positive
   */
  public static WalkForwardSplits ofTestSize(int minTrainSize, int testSize) {
    Checks.positive(minTrainSize, "minTrainSize");
    Checks.positive(testSize, "testSize");
    return new WalkForwardSplits(minTrainSize, testSize, 0, 0, 0);
  }

  /**
   * Expanding windows with the samples after the first {@code minTrainSize} cut into {@code steps} test blocks, and
   * no embargo.
   *
   * @param minTrainSize samples before the first test block, positive
   * @param steps number of test blocks, positive
   */
  public static WalkForwardSplits ofSteps(int minTrainSize, int steps) {
    Checks.positive(minTrainSize, "minTrainSize");
    Checks.positive(steps, "steps");
    return new WalkForwardSplits(minTrainSize, 0, steps, 0, 0);
  }

  /** A copy whose training window is the last {@code windowSize} samples before each test block (rolling). */
  public WalkForwardSplits rolling(int windowSize) {
    Checks.positive(windowSize, "windowSize");
    return new WalkForwardSplits(minTrainSize, testSize, steps, windowSize, embargoMicros);
  }

  /** A copy with a gap of {@code embargoMicros} (microseconds, not negative) before each test block. */
  public WalkForwardSplits withEmbargoMicros(long embargoMicros) {
    Checks.isTrue(embargoMicros >= 0, "Argument 'embargoMicros' must not be negative but was %d", embargoMicros);
    return new WalkForwardSplits(minTrainSize, testSize, steps, rollingWindow, embargoMicros);
  }

  /**
   * The splits in time order, fold {@code s} testing the {@code s}-th block.
   *
   * @param t0Micros label window starts, ascending (ties allowed)
   * @param t1Micros label window ends, {@code t1Micros[i] >= t0Micros[i]}
   */
  public List<Split> split(long[] t0Micros, long[] t1Micros) {
    int n = Samples.check(t0Micros, t1Micros);
    int testable = n - minTrainSize;
    Checks.isTrue(testable >= Math.max(1, steps), "Argument 't0Micros' must hold more than minTrainSize = %d"
        + " samples (and at least one per step, steps = %d) but holds %d", minTrainSize, steps, n);
    List<Split> splits = new ArrayList<>();
    int from = minTrainSize;
    for (int s = 0; from < n; s++) {
      int size = steps > 0 ? testable / steps + (s < testable % steps ? 1 : 0) : Math.min(testSize, n - from);
      int to = from + size;
      long a = t0Micros[from];
      long cutoff = a < Long.MIN_VALUE + embargoMicros ? Long.MIN_VALUE : a - embargoMicros;
      int start = rollingWindow > 0 ? Math.max(0, from - rollingWindow) : 0;
      List<Integer> train = new ArrayList<>();
      for (int j = start; j < from; j++) {
        if (t1Micros[j] < cutoff) {
          train.add(j);
        }
      }
      splits.add(new Split(s, Samples.toArray(train), Samples.range(from, to)));
      from = to;
    }
    return splits;
  }
}
