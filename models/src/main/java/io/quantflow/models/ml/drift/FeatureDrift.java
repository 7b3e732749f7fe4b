package io.quantflow.models.ml.drift;

import io.quantflow.domain.Checks;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/**
 * The training-window distribution of each of a model's features, for PSI and KS drift checks of later windows.
 * Built once from the reference matrix; immutable, thread-safe and serializable (it travels with the model).
 *
 * <p>Per feature it keeps the PSI bins ({@link PopulationStability#reference(double[], int)}) and the sorted
 * reference sample for KS, thinned to at most {@code maxKsReference} values
 * ({@link KolmogorovSmirnov#sortedReference(double[], int)}). NaN reference values are ignored.
 */
public final class FeatureDrift implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Default cap on the KS reference sample per feature. */
  public static final int DEFAULT_MAX_KS_REFERENCE = 5000;

  private final List<String> features;
  private final PopulationStability.Reference[] psiReferences;
  private final double[][] ksReferences;

  private FeatureDrift(List<String> features, PopulationStability.Reference[] psiReferences,
      double[][] ksReferences) {
    this.features = features;
    this.psiReferences = psiReferences;
    this.ksReferences = ksReferences;
  }

  /** References with {@link PopulationStability#DEFAULT_BINS} bins and {@link #DEFAULT_MAX_KS_REFERENCE}. */
  public static FeatureDrift of(List<String> features, double[][] reference) {
    return of(features, reference, PopulationStability.DEFAULT_BINS, DEFAULT_MAX_KS_REFERENCE);
  }

  /**
   * References of {@code features} from {@code reference}, a rows x features matrix of the training window whose
   * columns follow {@code features}.
   *
   * @throws IllegalArgumentException if the names are blank or repeated, a row has the wrong length, or a column
   *     has no non-NaN value
   */
  public static FeatureDrift of(List<String> features, double[][] reference, int bins, int maxKsReference) {
    Checks.notNull(features, "features");
    Checks.isTrue(!features.isEmpty(), "Argument 'features' must not be empty");
    for (int j = 0; j < features.size(); j++) {
      Checks.notBlank(features.get(j), "features[" + j + "]");
    }
    List<String> names = List.copyOf(features);
    Checks.isTrue(new HashSet<>(names).size() == names.size(), "Argument 'features' has repeated names: %s", names);
    int f = names.size();
    PopulationStability.Reference[] psi = new PopulationStability.Reference[f];
    double[][] ks = new double[f][];
    for (int j = 0; j < f; j++) {
      double[] column = column(reference, j, f, "reference");
      psi[j] = PopulationStability.reference(column, bins);
      ks[j] = KolmogorovSmirnov.sortedReference(column, maxKsReference);
    }
    return new FeatureDrift(names, psi, ks);
  }

  /** Feature names, in column order. */
  public List<String> features() {
    return features;
  }

  /** The PSI reference of feature {@code j}. */
  public PopulationStability.Reference psiReference(int j) {
    return psiReferences[j];
  }

  /** The sorted (possibly thinned) KS reference sample of feature {@code j}, as a copy. */
  public double[] ksReference(int j) {
    return ksReferences[j].clone();
  }

  /** Drift of {@code current} under {@link DriftThresholds#DEFAULT}. */
  public DriftReport report(double[][] current) {
    return report(current, DriftThresholds.DEFAULT);
  }

  /**
   * Per-feature PSI and KS of {@code current} (rows x features, columns as {@link #features()}; NaN is missing).
   */
  public DriftReport report(double[][] current, DriftThresholds thresholds) {
    Checks.notNull(thresholds, "thresholds");
    int f = features.size();
    List<DriftReport.Feature> entries = new ArrayList<>(f);
    double maxPsi = Double.NaN;
    for (int j = 0; j < f; j++) {
      double[] all = column(current, j, f, "current");
      double[] values = PopulationStability.withoutNaN(all, "current column " + j);
      double psi = PopulationStability.psi(psiReferences[j], values);
      Arrays.sort(values);
      KolmogorovSmirnov.Result ks = values.length == 0 ? null : KolmogorovSmirnov.testSorted(ksReferences[j], values);
      double d = ks == null ? Double.NaN : ks.statistic();
      double p = ks == null ? Double.NaN : ks.pValue();
      entries.add(new DriftReport.Feature(features.get(j), psi, d, p, psiReferences[j].n(), values.length,
          all.length - values.length, thresholds.psiLevel(psi), p < thresholds.ksPValue()));
      if (!Double.isNaN(psi) && !(psi <= maxPsi)) {
        maxPsi = psi;
      }
    }
    return new DriftReport(entries, maxPsi, thresholds);
  }

  /** The KS test of a NaN-free window of feature {@code j} against its reference. */
  KolmogorovSmirnov.Result ks(int j, RingBuffer window) {
    return KolmogorovSmirnov.test(ksReferences[j], window);
  }

  private static double[] column(double[][] matrix, int j, int width, String name) {
    Checks.notNull(matrix, name);
    double[] column = new double[matrix.length];
    for (int r = 0; r < matrix.length; r++) {
      Checks.isTrue(matrix[r] != null && matrix[r].length == width,
          "Argument '%s[%d]' must hold %d features but holds %s", name, r, width,
          matrix[r] == null ? "null" : String.valueOf(matrix[r].length));
      column[r] = matrix[r][j];
    }
    return column;
  }
}
