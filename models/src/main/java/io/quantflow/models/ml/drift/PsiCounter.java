package io.quantflow.models.ml.drift;

import io.quantflow.domain.Checks;
import java.io.Serializable;

/**
 * Incremental PSI: counts per reference bin of the values added (and not removed), and the NaN values seen. The
 * counter carries a copy of its reference's edges and shares so it needs nothing else to report PSI. A Flink POJO:
 * public fields and a no-arg constructor (which leaves the counter unusable; use {@link #PsiCounter(
 * PopulationStability.Reference)}). Infinite values are counted in the outermost bins.
 */
public final class PsiCounter implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The reference's interior bin edges. */
  public double[] edges;
  /** The reference's share of each bin (floored at {@link PopulationStability#EPSILON}). */
  public double[] expected;
  /** Count of values per bin. */
  public long[] counts;
  /** Number of NaN values passed to {@link #add}; they are not in {@link #counts}. */
  public long missing;

  /** For serializers only. */
  public PsiCounter() {}

  /** An empty counter over the bins of {@code reference}. */
  public PsiCounter(PopulationStability.Reference reference) {
    Checks.notNull(reference, "reference");
    this.edges = reference.edges();
    this.expected = reference.expected();
    this.counts = new long[expected.length];
  }

  /** Counts {@code x} in its bin, or as missing if it is NaN. */
  public void add(double x) {
    if (Double.isNaN(x)) {
      missing++;
    } else {
      counts[PopulationStability.bin(edges, x)]++;
    }
  }

  /** Takes back a value added before (a sliding window's evicted value); NaN is ignored. */
  public void remove(double x) {
    if (!Double.isNaN(x)) {
      int bin = PopulationStability.bin(edges, x);
      Checks.isTrue(counts[bin] > 0, "Argument 'x' = %s was not added (its bin %d is empty)", x, bin);
      counts[bin]--;
    }
  }

  /** Number of non-NaN values counted. */
  public long total() {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    return total;
  }

  /** PSI of the counted values against the reference; NaN if none are counted. */
  public double psi() {
    return PopulationStability.psi(expected, counts);
  }
}
