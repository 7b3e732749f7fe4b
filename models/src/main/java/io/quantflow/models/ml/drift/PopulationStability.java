package io.quantflow.models.ml.drift;

import io.quantflow.domain.Checks;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Population stability index (PSI) of a sample against a reference (training-window) sample:
 * {@code PSI = sum_i (a_i - e_i) ln(a_i / e_i)}, with {@code e_i} and {@code a_i} the shares of the reference and
 * the actual sample in bin {@code i}. Both shares are floored at {@link #EPSILON} (without renormalising) so that an
 * empty bin adds a large but finite term. Rule of thumb: below 0.1 stable, 0.1 to 0.25 moderate, above 0.25
 * significant (see {@link DriftThresholds}).
 *
 * <p>Bins come from the reference sample's empirical quantiles: for {@code k} bins the edges are the reference values
 * {@code q(j/k)}, {@code j = 1..k-1}, where {@code q(p)} is the smallest value with at least the share {@code p} of
 * the sample at or below it (the inverse empirical CDF). Bins are closed on the right, {@code (edge[i-1], edge[i]]},
 * the first open to -infinity and the last to +infinity. Repeated edges (ties) are merged and edges equal to the
 * reference maximum are dropped, so every reference bin holds at least one reference value; a heavily tied sample
 * gets fewer than {@code k} bins (a constant one gets a single bin, and PSI is then always 0). NaN values are
 * excluded and counted as missing.
 */
public final class PopulationStability {
  /** Floor of a bin's share (0.0001, i.e. 0.01 percent), so that empty bins do not make PSI infinite. */
  public static final double EPSILON = 1e-4;
  /** Default number of bins (deciles). */
  public static final int DEFAULT_BINS = 10;

  private PopulationStability() {}

  /**
   * The binned reference distribution, built once from training data. Immutable, thread-safe and serializable.
   *
   * @param edges interior bin edges, strictly increasing and finite; {@code edges.length + 1} bins
   * @param expected share of the reference sample in each bin, each already floored at {@link #EPSILON}
   * @param n number of (non-NaN) reference values
   */
  public record Reference(double[] edges, double[] expected, int n) implements Serializable {
    /** Checks and copies the arrays. */
    public Reference {
      Checks.notNull(edges, "edges");
      Checks.notNull(expected, "expected");
      Checks.positive(n, "n");
      Checks.isTrue(expected.length == edges.length + 1,
          "Argument 'expected' must have edges.length + 1 = %d entries but has %d", edges.length + 1,
          expected.length);
      for (int i = 0; i < edges.length; i++) {
        Checks.finite(edges[i], "edges[" + i + "]");
        if (i > 0) {
          Checks.isTrue(edges[i] > edges[i - 1],
              "Argument 'edges' must be strictly increasing but edges[%d] = %s follows %s", i, edges[i],
              edges[i - 1]);
        }
      }
      for (int i = 0; i < expected.length; i++) {
        Checks.isTrue(expected[i] >= EPSILON && expected[i] <= 1,
            "Argument 'expected[%d]' must be in [EPSILON, 1] but was %s", i, expected[i]);
      }
      edges = edges.clone();
      expected = expected.clone();
    }

    /** The interior edges, as a copy. */
    @Override
    public double[] edges() {
      return edges.clone();
    }

    /** The reference share of each bin, as a copy. */
    @Override
    public double[] expected() {
      return expected.clone();
    }

    /** Number of bins. */
    public int bins() {
      return expected.length;
    }

    /** The bin of finite or infinite {@code x}: the first {@code i} with {@code x <= edges[i]}, else the last bin. */
    public int bin(double x) {
      return PopulationStability.bin(edges, x);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Reference r && n == r.n && Arrays.equals(edges, r.edges)
          && Arrays.equals(expected, r.expected);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * Arrays.hashCode(edges) + Arrays.hashCode(expected)) + n;
    }

    @Override
    public String toString() {
      return "Reference[edges=" + Arrays.toString(edges) + ", expected=" + Arrays.toString(expected) + ", n=" + n
          + "]";
    }
  }

  /** A reference with {@link #DEFAULT_BINS} bins; see {@link #reference(double[], int)}. */
  public static Reference reference(double[] sample) {
    return reference(sample, DEFAULT_BINS);
  }

  /**
   * The reference distribution of {@code sample} (NaN values ignored) in at most {@code bins} quantile bins.
   *
   * @throws IllegalArgumentException if the sample has no non-NaN value or contains an infinite one
   */
  public static Reference reference(double[] sample, int bins) {
    Checks.notNull(sample, "sample");
    Checks.positive(bins, "bins");
    double[] sorted = withoutNaN(sample, "sample");
    int n = sorted.length;
    Checks.isTrue(n > 0, "Argument 'sample' must hold at least one non-NaN value");
    Arrays.sort(sorted);
    double max = sorted[n - 1];
    double[] edges = new double[bins - 1];
    int m = 0;
    for (int j = 1; j < bins; j++) {
      // q(j/k) = sorted[ceil(n j / k) - 1], in integers to avoid rounding n j / k
      double edge = sorted[(int) (((long) n * j + bins - 1) / bins) - 1];
      if (edge < max && (m == 0 || edge > edges[m - 1])) {
        edges[m++] = edge;
      }
    }
    edges = Arrays.copyOf(edges, m);
    long[] counts = new long[m + 1];
    for (double x : sorted) {
      counts[bin(edges, x)]++;
    }
    return new Reference(edges, shares(counts, n), n);
  }

  /** PSI of {@code actual} (NaN values excluded) against {@code reference}; NaN if no value is left. */
  public static double psi(Reference reference, double[] actual) {
    Checks.notNull(reference, "reference");
    Checks.notNull(actual, "actual");
    PsiCounter counter = new PsiCounter(reference);
    for (double x : actual) {
      counter.add(x);
    }
    return counter.psi();
  }

  /** PSI of bin counts against expected shares (both already in bin order); NaN if the counts sum to zero. */
  static double psi(double[] expected, long[] counts) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    if (total == 0) {
      return Double.NaN;
    }
    double[] actual = shares(counts, total);
    double sum = 0;
    for (int i = 0; i < actual.length; i++) {
      sum += (actual[i] - expected[i]) * Math.log(actual[i] / expected[i]);
    }
    return sum;
  }

  static int bin(double[] edges, double x) {
    int i = Arrays.binarySearch(edges, x);
    return i >= 0 ? i : -i - 1;
  }

  private static double[] shares(long[] counts, long total) {
    double[] s = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      s[i] = Math.max((double) counts[i] / total, EPSILON);
    }
    return s;
  }

  /** The non-NaN values of {@code values}, as a new array; an infinite value is rejected. */
  static double[] withoutNaN(double[] values, String name) {
    double[] out = new double[values.length];
    int m = 0;
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        out[m++] = Checks.finite(values[i], name + "[" + i + "]");
      }
    }
    return m == values.length ? out : Arrays.copyOf(out, m);
  }
}
