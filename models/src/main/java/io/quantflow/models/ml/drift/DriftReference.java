package io.quantflow.models.ml.drift;

import io.quantflow.domain.Checks;
import java.io.Serializable;
import java.util.List;

/**
 * What a model looked like on its training window, kept with the model so that the live job and the batch drift
 * report test later windows against the same reference: the distribution of each feature ({@link FeatureDrift}),
 * the distribution of the model's out-of-fold scores, and the label horizon over which realised returns are
 * measured for IC and hit-rate decay. Immutable, thread-safe and serializable.
 *
 * <p>The score reference uses out-of-fold scores, not the final model's in-sample scores: in-sample scores of a
 * tree ensemble are more extreme than anything it says live, so they would raise a prediction-drift alert on the
 * first day.
 *
 * @param features per-feature training distributions, in the model's feature order
 * @param scores the distribution of out-of-sample scores
 * @param upThreshold scores above it mean "up": 0.5 for a classifier's probability, 0 for a predicted return
 * @param horizonBars bars of the base timeframe between a prediction and its realised return (the label horizon);
 *     0 when the model has none (a regime model), which turns performance decay checks off
 * @param bySymbol each training symbol's own feature and score distributions, for checks of one symbol's stream:
 *     symbols differ (a bank's volatility is not a tech stock's), so a symbol's window is compared with its own
 *     training rows, not the pooled ones; symbols with fewer than {@link #MIN_SYMBOL_ROWS} rows are left out and
 *     checked against the pooled reference
 */
public record DriftReference(FeatureDrift features, PopulationStability.Reference scores, double upThreshold,
    int horizonBars, java.util.Map<String, Symbol> bySymbol) implements Serializable {

  /** Fewest training rows of a symbol for a reference of its own. */
  public static final int MIN_SYMBOL_ROWS = 200;
  /**
   * Cap on a symbol's KS reference sample per feature; the pooled one keeps
   * {@link FeatureDrift#DEFAULT_MAX_KS_REFERENCE}.
   */
  public static final int SYMBOL_KS_REFERENCE = 1000;

  /**
   * One symbol's training distributions.
   *
   * @param features its feature distributions
   * @param scores its out-of-sample score distribution
   */
  public record Symbol(FeatureDrift features, PopulationStability.Reference scores) implements Serializable {
    /** Checks the fields. */
    public Symbol {
      Checks.notNull(features, "features");
      Checks.notNull(scores, "scores");
    }
  }

  /** Checks the fields. */
  public DriftReference {
    Checks.notNull(features, "features");
    Checks.notNull(scores, "scores");
    Checks.finite(upThreshold, "upThreshold");
    Checks.isTrue(horizonBars >= 0, "Argument 'horizonBars' must not be negative but was %d", horizonBars);
    bySymbol = bySymbol == null ? java.util.Map.of() : java.util.Map.copyOf(new java.util.TreeMap<>(bySymbol));
  }

  /** The reference of {@code symbol}'s stream: its own, or the pooled one for a symbol without enough rows. */
  public Symbol forSymbol(String symbol) {
    Symbol s = bySymbol.get(symbol);
    return s != null ? s : new Symbol(features, scores);
  }

  /**
   * The reference of a training window.
   *
   * @param names feature names, in the columns' order
   * @param x training rows x features; NaN is missing
   * @param scores out-of-sample scores of the training rows; NaN (rows in no test fold) are ignored
   * @throws IllegalArgumentException if a feature column or the scores hold no finite value
   */
  public static DriftReference of(List<String> names, double[][] x, double[] scores, double upThreshold,
      int horizonBars) {
    return of(names, x, scores, null, upThreshold, horizonBars);
  }

  /**
   * As {@link #of(List, double[][], double[], double, int)}, with a reference per symbol of {@code symbols} (the
   * symbol of each row; null for none).
   */
  public static DriftReference of(List<String> names, double[][] x, double[] scores, String[] symbols,
      double upThreshold, int horizonBars) {
    java.util.Map<String, Symbol> by = new java.util.TreeMap<>();
    if (symbols != null) {
      Checks.isTrue(symbols.length == x.length, "Arguments 'symbols' and 'x' differ in length: %d, %d",
          symbols.length, x.length);
      java.util.Map<String, List<Integer>> rows = new java.util.TreeMap<>();
      for (int i = 0; i < symbols.length; i++) {
        if (!Double.isNaN(scores[i])) {
          rows.computeIfAbsent(symbols[i], k -> new java.util.ArrayList<>()).add(i);
        }
      }
      for (java.util.Map.Entry<String, List<Integer>> e : rows.entrySet()) {
        List<Integer> idx = e.getValue();
        if (idx.size() < MIN_SYMBOL_ROWS) {
          continue;
        }
        double[][] xs = new double[idx.size()][];
        double[] ss = new double[idx.size()];
        for (int k = 0; k < ss.length; k++) {
          xs[k] = x[idx.get(k)];
          ss[k] = scores[idx.get(k)];
        }
        by.put(e.getKey(), new Symbol(FeatureDrift.of(names, xs, PopulationStability.DEFAULT_BINS,
            SYMBOL_KS_REFERENCE), PopulationStability.reference(ss)));
      }
    }
    return new DriftReference(FeatureDrift.of(names, x), PopulationStability.reference(scores), upThreshold,
        horizonBars, by);
  }

  /** The feature names, in column order. */
  public List<String> names() {
    return features.features();
  }
}
