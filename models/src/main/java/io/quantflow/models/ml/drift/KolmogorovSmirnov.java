package io.quantflow.models.ml.drift;

import io.quantflow.domain.Checks;
import java.util.Arrays;

/**
 * Two-sample Kolmogorov-Smirnov test: the statistic {@code D = sup_x |F1(x) - F2(x)|} of the two empirical CDFs,
 * evaluated exactly at every distinct value of the merged samples (tied values step both CDFs together), and its
 * asymptotic p-value {@code Q_KS(lambda)} with {@code lambda = (sqrt(ne) + 0.12 + 0.11 / sqrt(ne)) D} and
 * {@code ne = n1 n2 / (n1 + n2)} (Numerical Recipes, 2nd ed., section 14.3, {@code kstwo}/{@code probks}). The
 * p-value is asymptotic and conservative for heavily tied data.
 *
 * <p>For streaming, compare a {@link RingBuffer} of the last values with a reference sorted once by
 * {@link #sortedReference(double[], int)}.
 */
public final class KolmogorovSmirnov {
  /** Below this lambda the alternating series cancels badly and the theta-function form is used instead. */
  private static final double SMALL_LAMBDA = 1.18;

  private KolmogorovSmirnov() {}

  /**
   * A test result.
   *
   * @param statistic D, in [0, 1]
   * @param pValue asymptotic p-value of D under "same distribution", in [0, 1]
   * @param n1 size of the first (reference) sample as compared
   * @param n2 size of the second sample
   */
  public record Result(double statistic, double pValue, int n1, int n2) {}

  /** D of two samples; neither may be empty or hold NaN. */
  public static double statistic(double[] a, double[] b) {
    return statisticSorted(sortedCopy(a, "a"), sortedCopy(b, "b"));
  }

  /** D and its p-value for two samples; neither may be empty or hold NaN. */
  public static Result test(double[] a, double[] b) {
    return testSorted(sortedCopy(a, "a"), sortedCopy(b, "b"));
  }

  /** D and its p-value for two samples already sorted ascending (not checked); neither may be empty. */
  public static Result testSorted(double[] sortedA, double[] sortedB) {
    double d = statisticSorted(sortedA, sortedB);
    return new Result(d, pValue(d, sortedA.length, sortedB.length), sortedA.length, sortedB.length);
  }

  /** D and its p-value of a streaming window (NaN-free) against a reference from {@link #sortedReference}. */
  public static Result test(double[] sortedReference, RingBuffer window) {
    Checks.notNull(window, "window");
    return testSorted(sortedReference, sortedCopy(window.toArray(), "window"));
  }

  /** D of two samples already sorted ascending (not checked); neither may be empty. */
  public static double statisticSorted(double[] sortedA, double[] sortedB) {
    Checks.notNull(sortedA, "sortedA");
    Checks.notNull(sortedB, "sortedB");
    int n1 = sortedA.length;
    int n2 = sortedB.length;
    Checks.isTrue(n1 > 0 && n2 > 0, "Both samples must be non-empty but have %d and %d values", n1, n2);
    int i = 0;
    int j = 0;
    double d = 0;
    while (i < n1 && j < n2) {
      double x = Math.min(sortedA[i], sortedB[j]);
      // step over every copy of x in both samples before comparing, so ties do not open a false gap
      while (i < n1 && sortedA[i] == x) {
        i++;
      }
      while (j < n2 && sortedB[j] == x) {
        j++;
      }
      d = Math.max(d, Math.abs((double) i / n1 - (double) j / n2));
    }
    return d; // once one sample is used up, the gap only shrinks towards |1 - 1| = 0
  }

  /** The asymptotic p-value of D for sample sizes {@code n1} and {@code n2}. */
  public static double pValue(double d, int n1, int n2) {
    Checks.inRange(d, 0, 1, "d");
    Checks.positive(n1, "n1");
    Checks.positive(n2, "n2");
    double ne = (double) n1 * n2 / ((double) n1 + n2);
    double sqrtNe = Math.sqrt(ne);
    return qks((sqrtNe + 0.12 + 0.11 / sqrtNe) * d);
  }

  /**
   * The Kolmogorov survival function {@code Q_KS(lambda) = 2 sum_{j>=1} (-1)^(j-1) exp(-2 j^2 lambda^2)}, in
   * [0, 1]; 1 at 0. For {@code lambda < 1.18} it uses the equivalent {@code 1 - sqrt(2 pi) / lambda
   * sum_{j>=1} exp(-(2j-1)^2 pi^2 / (8 lambda^2))} (Numerical Recipes, 3rd ed., {@code KSdist}), which converges
   * fast where the alternating series does not.
   */
  public static double qks(double lambda) {
    Checks.notNegative(lambda, "lambda");
    if (lambda == 0) {
      return 1;
    }
    double sum = 0;
    if (lambda < SMALL_LAMBDA) {
      double y = -Math.PI * Math.PI / (8 * lambda * lambda);
      for (int j = 1; j <= 100; j++) {
        double term = Math.exp((2 * j - 1) * (2 * j - 1) * y);
        sum += term;
        if (term <= 1e-17 * sum) {
          break;
        }
      }
      return Math.min(1, Math.max(0, 1 - Math.sqrt(2 * Math.PI) / lambda * sum));
    }
    double a2 = -2 * lambda * lambda;
    double sign = 2;
    for (int j = 1; j <= 100; j++) {
      double term = sign * Math.exp(a2 * j * j);
      sum += term;
      if (Math.abs(term) <= 1e-17 * sum) {
        break;
      }
      sign = -sign;
    }
    return Math.min(1, Math.max(0, sum));
  }

  /**
   * The non-NaN values of {@code sample}, sorted, thinned to at most {@code maxSize} values: if there are more, the
   * order statistics at ranks {@code floor((i + 0.5) n / maxSize)}, {@code i = 0..maxSize-1} (evenly spread, and
   * deterministic). The p-value is then computed with {@code maxSize} as the reference size, which is conservative.
   */
  public static double[] sortedReference(double[] sample, int maxSize) {
    Checks.notNull(sample, "sample");
    Checks.positive(maxSize, "maxSize");
    double[] sorted = PopulationStability.withoutNaN(sample, "sample");
    Checks.isTrue(sorted.length > 0, "Argument 'sample' must hold at least one non-NaN value");
    Arrays.sort(sorted);
    int n = sorted.length;
    if (n <= maxSize) {
      return sorted;
    }
    double[] thinned = new double[maxSize];
    for (int i = 0; i < maxSize; i++) {
      thinned[i] = sorted[(int) ((2L * i + 1) * n / (2L * maxSize))];
    }
    return thinned;
  }

  private static double[] sortedCopy(double[] values, String name) {
    Checks.notNull(values, name);
    double[] copy = values.clone();
    for (int i = 0; i < copy.length; i++) {
      Checks.isTrue(!Double.isNaN(copy[i]), "Argument '%s[%d]' must not be NaN", name, i);
    }
    Arrays.sort(copy);
    return copy;
  }
}
