package io.quantflow.operators.ml;

import io.quantflow.domain.Checks;
import io.quantflow.domain.Prediction;
import io.quantflow.domain.SymbolSlice;
import io.quantflow.models.ml.drift.DriftAlert;
import io.quantflow.models.ml.drift.DriftMonitor;
import io.quantflow.models.ml.drift.DriftReference;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The drift and decay checks of one model on one symbol's stream, fed by the model step with each slice it scored:
 * every scored row goes to a {@link DriftMonitor} (feature PSI and KS, score PSI, against the artefact's
 * {@link DriftReference}), and every prediction is kept until {@code horizonBars} later bars of the slice have
 * passed, when its realised return {@code close(k + h) / close(k) - 1} resolves it for the rolling IC and hit rate.
 * {@code k} is the bar that ended at the prediction's time; bars are counted as they come, so a gap in the feed
 * stretches the horizon rather than cutting it. Each symbol is compared with its own training rows
 * ({@link DriftReference#forSymbol}). Plain Java: {@link ModelGateFunction} keeps one {@link State} per
 * symbol in keyed state. Immutable and thread-safe; the state is not.
 */
public final class DriftTracker {
  private final DriftMonitor monitor;
  private final int version;
  private final int horizonBars;

  /**
   * A drift alert about one symbol's stream.
   *
   * @param symbol the stream's ticker
   * @param alert what crossed which threshold, and what to do
   */
  public record Event(String symbol, DriftAlert alert) implements Serializable {
    /** Checks the fields. */
    public Event {
      Checks.notBlank(symbol, "symbol");
      Checks.notNull(alert, "alert");
    }
  }

  /** One stream's state. A Flink POJO: public fields and a no-arg constructor; create one with {@link #newState()}. */
  public static final class State implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The model version the state belongs to; a new version starts afresh. */
    public int version;
    /** The monitor's windows and alert flags. */
    public DriftMonitor.State monitor;
    /** Bars seen. */
    public long bars;
    /** Close of the latest bar, NaN before the first. */
    public double lastClose = Double.NaN;
    /** Pending predictions, oldest first: their scores, */
    public double[] pendingScore = new double[0];
    /** the closes they are measured from, */
    public double[] pendingBase = new double[0];
    /** and the bar count at which each resolves. */
    public long[] pendingDue = new long[0];
    /** How many are pending. */
    public int pending;

    /** For serializers only. */
    public State() {}
  }

  /**
   * A tracker of {@code model}'s pooled stream, against the pooled training reference.
   *
   * @throws IllegalArgumentException when the model has no reference
   */
  public DriftTracker(ScoringModel model, DriftConfig config) {
    this(model, config, null);
  }

  /**
   * A tracker of {@code symbol}'s stream of {@code model}, against that symbol's own training rows (the pooled
   * reference for a symbol the model was not trained on, or for a null symbol).
   *
   * @throws IllegalArgumentException when the model has no reference
   */
  public DriftTracker(ScoringModel model, DriftConfig config, String symbol) {
    Checks.notNull(model, "model");
    Checks.notNull(config, "config");
    DriftReference ref = model.drift();
    Checks.isTrue(ref != null, "Model %s v%d has no drift reference; retrain it to monitor drift", model.name(),
        model.version());
    this.version = model.version();
    this.horizonBars = ref.horizonBars();
    DriftReference.Symbol own = symbol == null ? new DriftReference.Symbol(ref.features(), ref.scores())
        : ref.forSymbol(symbol);
    this.monitor = new DriftMonitor(model.name() + " v" + model.version(), own.features(), own.scores(),
        config.window(), config.performanceWindow(), config.checkEvery(), ref.upThreshold(), config.thresholds());
  }

  /** The version this tracker checks. */
  public int version() {
    return version;
  }

  /** A fresh state for this tracker's version. */
  public State newState() {
    State s = new State();
    s.version = version;
    s.monitor = monitor.newState();
    return s;
  }

  /**
   * Feeds one scored slice.
   *
   * @param state the symbol's state, of this tracker's version
   * @param in the slice (its bars realise earlier predictions)
   * @param predictions the slice's predictions in time order, as {@link ModelGate.Output#predictions()}
   * @param rows each prediction's feature values in the model's order, as {@link ModelGate.Output#rows()}
   * @return the alerts raised, usually none
   */
  public List<Event> apply(State state, SymbolSlice in, List<Prediction> predictions, List<double[]> rows) {
    Checks.isTrue(state.version == version, "Argument 'state' belongs to v%d, not v%d", state.version, version);
    Checks.isTrue(predictions.size() == rows.size(), "Arguments 'predictions' and 'rows' differ in size: %d, %d",
        predictions.size(), rows.size());
    List<DriftAlert> alerts = new ArrayList<>();
    int p = 0;
    for (int j = 0; j < in.bars(); j++) {
      long start = in.barStartMicros()[j];
      // a prediction made by the time this bar starts is measured from the close of the bar before
      for (; p < predictions.size() && predictions.get(p).timestampMicros() <= start; p++) {
        observe(state, predictions.get(p), rows.get(p), alerts);
      }
      state.bars++;
      double close = in.close()[j];
      int resolved = 0;
      while (resolved < state.pending && state.pendingDue[resolved] <= state.bars) {
        double ret = close / state.pendingBase[resolved] - 1;
        if (Double.isFinite(ret)) {
          alerts.addAll(monitor.resolve(state.monitor, state.pendingScore[resolved], ret, start));
        }
        resolved++;
      }
      drop(state, resolved);
      state.lastClose = close;
    }
    for (; p < predictions.size(); p++) {
      observe(state, predictions.get(p), rows.get(p), alerts);
    }
    if (alerts.isEmpty()) {
      return List.of();
    }
    List<Event> events = new ArrayList<>(alerts.size());
    for (DriftAlert a : alerts) {
      events.add(new Event(in.symbol(), a));
    }
    return events;
  }

  private void observe(State state, Prediction p, double[] x, List<DriftAlert> alerts) {
    alerts.addAll(monitor.observe(state.monitor, x, p.score(), p.timestampMicros()));
    if (horizonBars > 0 && state.lastClose > 0) {
      add(state, p.score(), state.lastClose, state.bars + horizonBars);
    }
  }

  private static void add(State s, double score, double base, long due) {
    if (s.pending == s.pendingScore.length) {
      int n = Math.max(8, 2 * s.pending);
      s.pendingScore = Arrays.copyOf(s.pendingScore, n);
      s.pendingBase = Arrays.copyOf(s.pendingBase, n);
      s.pendingDue = Arrays.copyOf(s.pendingDue, n);
    }
    s.pendingScore[s.pending] = score;
    s.pendingBase[s.pending] = base;
    s.pendingDue[s.pending] = due;
    s.pending++;
  }

  private static void drop(State s, int k) {
    if (k == 0) {
      return;
    }
    int left = s.pending - k;
    System.arraycopy(s.pendingScore, k, s.pendingScore, 0, left);
    System.arraycopy(s.pendingBase, k, s.pendingBase, 0, left);
    System.arraycopy(s.pendingDue, k, s.pendingDue, 0, left);
    s.pending = left;
  }
}
