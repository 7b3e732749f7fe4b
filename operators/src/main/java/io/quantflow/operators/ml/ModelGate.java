package io.quantflow.operators.ml;

import io.quantflow.domain.Checks;
import io.quantflow.domain.Direction;
import io.quantflow.domain.Prediction;
import io.quantflow.domain.Signal;
import io.quantflow.domain.SymbolSlice;
import io.quantflow.domain.WideBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ensemble step between the rule signals and the portfolio: scores every aligned row of a slice with the
 * current model and validates the slice's rule signals against the model's score at the same instant
 * ({@link GateConfig}). Plain Java; {@link ModelGateFunction} runs it in Flink.
 *
 * <p>The model sees a row at its {@code available_at}, the same instant the rule decides, so the gate adds no
 * look-ahead. A signal whose row has no score (a feature still warming up) passes unchanged, with the reason saying
 * so.
 */
public final class ModelGate {
  private final GateConfig config;

  /** A gate applying {@code config}. */
  public ModelGate(GateConfig config) {
    this.config = Checks.notNull(config, "config");
  }

  /**
   * What one slice produced.
   *
   * @param slice the slice for the portfolio: the same bars, the validated signals, no aligned rows
   * @param predictions one per scored row, in time order
   * @param decisions every signal of the slice as validated, with the model's verdict appended to its reason
   * @param rows each prediction's feature values, in the model's feature order (for the drift checks)
   */
  public record Output(SymbolSlice slice, List<Prediction> predictions, List<Signal> decisions,
      List<double[]> rows) {}

  /** Scores and validates {@code in} with {@code model} (null: no model yet, the slice passes unchanged). */
  public Output apply(SymbolSlice in, ScoringModel model) {
    WideBlock rows = in.wide();
    if (rows == null || model == null) {
      return new Output(in.withWide(null), List.of(), List.of(), List.of());
    }
    int n = rows.size();
    long[] at = new long[n];
    double[] score = new double[n];
    List<Prediction> predictions = new ArrayList<>(n);
    List<double[]> scored = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      at[i] = rows.availableAtMicros(i);
      double[] x = new double[model.featureCount()];
      score[i] = model.score(rows.values(), i * rows.width(), x);
      if (!Double.isNaN(score[i])) {
        predictions.add(new Prediction(in.symbol(), at[i], model.name(), model.version(), score[i]));
        scored.add(x);
      }
    }
    int m = in.signals();
    List<Signal> rules = new ArrayList<>(m);
    for (int k = 0; k < m; k++) {
      rules.add(in.signal(k));
    }
    List<Signal> decisions = decide(rules, at, score, model);
    byte[] direction = new byte[m];
    double[] strength = new double[m];
    for (int k = 0; k < m; k++) {
      direction[k] = (byte) decisions.get(k).direction().sign();
      strength[k] = decisions.get(k).strength();
    }
    SymbolSlice slice = in.withSignals(in.signalMicros(), direction, strength, in.signalHorizonMicros());
    return new Output(slice, predictions, decisions, scored);
  }

  /**
   * The rule signals {@code rules} (in time order) validated against the scores of {@code rows}, a symbol's
   * first-version aligned rows in time order: what {@link #apply} does to the signals of a slice, for a run without
   * slices ({@code LocalPipeline}).
   */
  public List<Signal> validate(List<Signal> rules, List<io.quantflow.domain.WideRow> rows, ScoringModel model) {
    Checks.notNull(model, "model");
    long[] at = new long[rows.size()];
    double[] score = new double[rows.size()];
    for (int i = 0; i < at.length; i++) {
      io.quantflow.domain.WideRow r = rows.get(i);
      at[i] = r.availableAtMicros();
      score[i] = model.score(r.values(), 0);
    }
    return decide(rules, at, score, model);
  }

  /** Each rule validated against the score of the row available at its decision time ({@code at} sorted). */
  private List<Signal> decide(List<Signal> rules, long[] at, double[] score, ScoringModel model) {
    List<Signal> out = new ArrayList<>(rules.size());
    for (Signal rule : rules) {
      int i = java.util.Arrays.binarySearch(at, rule.timestampMicros());
      out.add(validate(rule, i >= 0 ? score[i] : Double.NaN, model));
    }
    return out;
  }

  /** The rule signal {@code rule} as the model at score {@code s} lets it through. */
  Signal validate(Signal rule, double s, ScoringModel model) {
    String tag = model.name() + " v" + model.version();
    if (Double.isNaN(s)) {
      return withReason(rule, rule.direction(), rule.strength(), tag + " has no score (features warming up): rule "
          + "signal passes");
    }
    if (!config.enabled() || model.kind() == ScoringModel.Kind.REGIME || rule.direction() == Direction.FLAT) {
      return withReason(rule, rule.direction(), rule.strength(), String.format(Locale.ROOT, "%s score %.4f", tag, s));
    }
    boolean longSide = rule.direction() == Direction.LONG;
    boolean confirms;
    double confidence;
    if (model.kind() == ScoringModel.Kind.CLASSIFIER) {
      confirms = longSide ? s >= config.longThreshold() : s <= config.shortThreshold();
      confidence = Math.min(1, Math.abs(2 * s - 1));
    } else {
      confirms = longSide ? s >= config.minReturn() : s <= -config.minReturn();
      confidence = 1;
    }
    if (!confirms) {
      return withReason(rule, Direction.FLAT, 0, String.format(Locale.ROOT, "%s score %.4f vetoes %s", tag, s,
          rule.direction()));
    }
    // the ensemble's strength: the mean of the rule's and the model's confidence
    double strength = model.kind() == ScoringModel.Kind.CLASSIFIER ? (rule.strength() + confidence) / 2
        : rule.strength();
    return withReason(rule, rule.direction(), strength, String.format(Locale.ROOT, "%s score %.4f confirms", tag, s));
  }

  private static Signal withReason(Signal rule, Direction d, double strength, String verdict) {
    String reason = rule.reason().isEmpty() ? verdict : rule.reason() + "; " + verdict;
    return new Signal(rule.symbol(), rule.timestampMicros(), d, strength, rule.horizonMicros(), reason);
  }
}
