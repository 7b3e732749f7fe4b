package io.quantflow.models.ml.drift;

import io.quantflow.domain.Checks;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Streaming drift and decay checks of one live model, for a Flink operator that keeps one {@link State} per key.
 * {@link #observe} takes each scored feature row; every {@code checkEvery} observations it tests, for each feature
 * whose window of the last {@code featureWindow} finite values is full, the window's PSI (incremental counts) and KS
 * test against the training window, and the PSI of the last {@code featureWindow} predictions against the
 * reference prediction distribution. {@link #resolve} takes each prediction once its forward return is known (the
 * caller keeps pending predictions until the label horizon has passed); every {@code checkEvery} outcomes it checks
 * the rolling IC and hit rate of the last {@code performanceWindow} outcomes ({@link PerformanceDecay}).
 *
 * <p>Alerts have hysteresis ({@link DriftThresholds}): per kind and subject an alert is raised when its statistic
 * crosses the raise level and then stays active, silent, until a check finds the statistic back past the clear
 * level; a NaN statistic neither raises nor clears. A persistent shift therefore raises one alert. Non-finite
 * feature values are counted as missing ({@link PsiCounter#missing}) and left out; a non-finite prediction is left
 * out of the prediction window. The monitor itself is immutable, thread-safe and serializable.
 */
public final class DriftMonitor implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String RETRAIN = "retrain with `quant train`";

  private final String model;
  private final FeatureDrift features;
  private final PopulationStability.Reference predictionReference;
  private final int featureWindow;
  private final int checkEvery;
  private final DriftThresholds thresholds;
  private final PerformanceDecay performance;

  /**
   * Incremental state of one monitored stream. A Flink POJO: public fields and a no-arg constructor; create one
   * with {@link DriftMonitor#newState()}.
   */
  public static final class State implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Per feature, the last finite values (for KS). */
    public RingBuffer[] featureWindows;
    /** Per feature, bin counts of {@link #featureWindows} (for PSI) and the count of missing values seen. */
    public PsiCounter[] featurePsi;
    /** The last finite predictions. */
    public RingBuffer predictionWindow;
    /** Bin counts of {@link #predictionWindow}. */
    public PsiCounter predictionPsi;
    /** Resolved predictions. */
    public PerformanceDecay.State performance;
    /** Rows observed. */
    public long observations;
    /** Outcomes resolved. */
    public long resolved;
    /**
     * Active alerts: feature {@code j}'s PSI at {@code j}, its KS at {@code features + j}, then prediction PSI, IC
     * decay and hit-rate decay.
     */
    public boolean[] active;

    /** For serializers only. */
    public State() {}
  }

  /**
   * A monitor of {@code model}.
   *
   * @param model the model's name, the subject of model-level alerts
   * @param features the training-window feature distributions; rows passed to {@link #observe} follow its order
   * @param predictionReference the distribution of the model's predictions on the training (or validation) window
   * @param featureWindow number of recent values per feature (and of predictions) tested for drift
   * @param performanceWindow number of recent resolved predictions for IC and hit rate
   * @param checkEvery how many observations (and, separately, outcomes) between checks
   * @param upThreshold predictions above it mean "up" (0.5 for probabilities, 0 for predicted returns)
   * @param thresholds raise and clear levels
   */
  public DriftMonitor(String model, FeatureDrift features, PopulationStability.Reference predictionReference,
      int featureWindow, int performanceWindow, int checkEvery, double upThreshold, DriftThresholds thresholds) {
    this.model = Checks.notBlank(model, "model");
    this.features = Checks.notNull(features, "features");
    this.predictionReference = Checks.notNull(predictionReference, "predictionReference");
    this.featureWindow = Checks.positive(featureWindow, "featureWindow");
    this.checkEvery = Checks.positive(checkEvery, "checkEvery");
    this.thresholds = Checks.notNull(thresholds, "thresholds");
    this.performance = new PerformanceDecay(performanceWindow, upThreshold, thresholds);
  }

  /** The model's name. */
  public String model() {
    return model;
  }

  /** A fresh state: empty windows, no active alerts. */
  public State newState() {
    int f = features.features().size();
    State s = new State();
    s.featureWindows = new RingBuffer[f];
    s.featurePsi = new PsiCounter[f];
    for (int j = 0; j < f; j++) {
      s.featureWindows[j] = new RingBuffer(featureWindow);
      s.featurePsi[j] = new PsiCounter(features.psiReference(j));
    }
    s.predictionWindow = new RingBuffer(featureWindow);
    s.predictionPsi = new PsiCounter(predictionReference);
    s.performance = performance.newState();
    s.active = new boolean[2 * f + 3];
    return s;
  }

  /**
   * Adds one scored row and, on every {@code checkEvery}-th row, checks feature and prediction drift.
   *
   * @param x the row's features, in the order of {@link FeatureDrift#features()}; NaN is missing
   * @param prediction the model's score of the row
   * @param timestampMicros the row's event time, UTC epoch microseconds
   * @return the alerts newly raised, usually none
   */
  public List<DriftAlert> observe(State state, double[] x, double prediction, long timestampMicros) {
    int f = checkState(state);
    Checks.notNull(x, "x");
    Checks.isTrue(x.length == f, "Argument 'x' must hold %d features but holds %d", f, x.length);
    for (int j = 0; j < f; j++) {
      push(state.featureWindows[j], state.featurePsi[j], x[j]);
    }
    if (Double.isFinite(prediction)) {
      push(state.predictionWindow, state.predictionPsi, prediction);
    }
    if (++state.observations % checkEvery != 0) {
      return List.of();
    }
    List<DriftAlert> alerts = new ArrayList<>();
    for (int j = 0; j < f; j++) {
      if (!state.featureWindows[j].isFull()) {
        continue;
      }
      String name = features.features().get(j);
      double psi = state.featurePsi[j].psi();
      if (raised(state, j, psi > thresholds.psiSignificant(), psi < thresholds.psiModerate())) {
        alerts.add(alert(DriftAlert.Kind.FEATURE_PSI, name, psi, thresholds.psiSignificant(), timestampMicros,
            "Feature '%s' of model '%s': PSI %.3f over its last %d values is above %.2f (significant shift from "
                + "the training window). Check the feature's inputs; if the shift is real, %s.",
            name, model, psi, featureWindow, thresholds.psiSignificant(), RETRAIN));
      }
      KolmogorovSmirnov.Result ks = features.ks(j, state.featureWindows[j]);
      if (raised(state, f + j, ks.pValue() < thresholds.ksPValue(), ks.pValue() > thresholds.ksClearPValue())) {
        alerts.add(alert(DriftAlert.Kind.FEATURE_KS, name, ks.pValue(), thresholds.ksPValue(), timestampMicros,
            "Feature '%s' of model '%s': KS D = %.3f, p-value %.2g below %.2g (its last %d values no longer "
                + "look like the training window). Check the feature's inputs; if the shift is real, %s.",
            name, model, ks.statistic(), ks.pValue(), thresholds.ksPValue(), featureWindow, RETRAIN));
      }
    }
    if (state.predictionWindow.isFull()) {
      double psi = state.predictionPsi.psi();
      if (raised(state, 2 * f, psi > thresholds.psiSignificant(), psi < thresholds.psiModerate())) {
        alerts.add(alert(DriftAlert.Kind.PREDICTION_PSI, model, psi, thresholds.psiSignificant(), timestampMicros,
            "Model '%s': PSI %.3f of its last %d predictions is above %.2f (the score distribution moved away "
                + "from training). Look at the feature alerts, then %s.",
            model, psi, featureWindow, thresholds.psiSignificant(), RETRAIN));
      }
    }
    return alerts;
  }

  /**
   * Adds one resolved prediction and, on every {@code checkEvery}-th outcome, checks IC and hit-rate decay once
   * {@code minObservations} outcomes are in the window.
   *
   * @param prediction the model's score when it predicted, finite
   * @param realisedReturn the forward return realised over the label horizon, a finite decimal (0.01 is 1 percent)
   * @param timestampMicros when the outcome became known, UTC epoch microseconds
   * @return the alerts newly raised, usually none
   */
  public List<DriftAlert> resolve(State state, double prediction, double realisedReturn, long timestampMicros) {
    int f = checkState(state);
    performance.add(state.performance, prediction, realisedReturn);
    if (++state.resolved % checkEvery != 0) {
      return List.of();
    }
    PerformanceDecay.Snapshot s = performance.check(state.performance);
    if (!s.ready()) {
      return List.of();
    }
    List<DriftAlert> alerts = new ArrayList<>();
    if (raised(state, 2 * f + 1, s.icDecayed(), s.ic() > thresholds.icClear())) {
      alerts.add(alert(DriftAlert.Kind.IC_DECAY, model, s.ic(), thresholds.icFloor(), timestampMicros,
          "Model '%s': rolling rank IC %.3f over its last %d resolved predictions is below the floor %.3f (the "
              + "model has lost its edge). Cut its weight and %s.",
          model, s.ic(), s.observations(), thresholds.icFloor(), RETRAIN));
    }
    if (raised(state, 2 * f + 2, s.hitRateDecayed(), s.hitRate() > thresholds.hitRateClear())) {
      alerts.add(alert(DriftAlert.Kind.HIT_RATE_DECAY, model, s.hitRate(), thresholds.hitRateFloor(),
          timestampMicros,
          "Model '%s': rolling hit rate %.1f%% over its last %d resolved predictions is below the floor %.1f%%. "
              + "Cut its weight and %s.",
          model, 100 * s.hitRate(), s.observations(), 100 * thresholds.hitRateFloor(), RETRAIN));
    }
    return alerts;
  }

  private int checkState(State state) {
    Checks.notNull(state, "state");
    int f = features.features().size();
    Checks.isTrue(state.featureWindows != null && state.featureWindows.length == f && state.active != null,
        "Argument 'state' is not a state of this monitor (create it with newState())");
    return f;
  }

  private static void push(RingBuffer window, PsiCounter counter, double x) {
    if (!Double.isFinite(x)) {
      counter.add(Double.NaN);
      return;
    }
    double evicted = window.add(x);
    if (!Double.isNaN(evicted)) {
      counter.remove(evicted);
    }
    counter.add(x);
  }

  /** Moves the slot's hysteresis state; true if this check raises its alert. */
  private static boolean raised(State state, int slot, boolean raise, boolean clear) {
    if (!state.active[slot] && raise) {
      state.active[slot] = true;
      return true;
    }
    if (state.active[slot] && clear) {
      state.active[slot] = false;
    }
    return false;
  }

  private DriftAlert alert(DriftAlert.Kind kind, String subject, double value, double threshold,
      long timestampMicros, String pattern, Object... args) {
    return new DriftAlert(kind, model, subject, value, threshold, timestampMicros,
        String.format(Locale.ROOT, pattern, args));
  }
}
