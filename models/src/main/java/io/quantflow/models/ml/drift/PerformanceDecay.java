package io.quantflow.models.ml.drift;

import io.quantflow.domain.Checks;
import io.quantflow.models.signals.Spearman;
import java.io.Serializable;

/**
 * Live quality of a model over its last {@code window} resolved predictions: the rolling rank IC (Spearman
 * correlation of predictions with realised forward returns, ties averaged; {@link Spearman}) and the rolling hit
 * rate (share of predictions whose direction matched the realised return's sign). A prediction above
 * {@code upThreshold} means "up" (0.5 for a classifier's probability, 0 for a regressor's predicted return), at or
 * below it "down"; realised returns of exactly zero are left out of the hit rate but kept in the IC. Realised
 * returns are simple decimal returns (0.01 is 1 percent) over the label horizon. The IC is recomputed from the
 * window on demand (O(window log window)); the hit counts are kept incrementally. Immutable and thread-safe; the
 * mutable part is {@link State}.
 */
public final class PerformanceDecay implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int window;
  private final double upThreshold;
  private final DriftThresholds thresholds;

  /**
   * Incremental state: the window of resolved (prediction, realised return) pairs and its hit counts. A Flink
   * POJO: public fields and a no-arg constructor; create one with {@link PerformanceDecay#newState()}.
   */
  public static final class State implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Predictions, oldest first. */
    public RingBuffer predictions;
    /** Realised returns, aligned with {@link #predictions}. */
    public RingBuffer realised;
    /** Pairs in the window whose direction matched (non-zero returns only). */
    public int hits;
    /** Pairs in the window with a non-zero realised return. */
    public int directional;

    /** For serializers only. */
    public State() {}
  }

  /**
   * The rolling statistics at one point.
   *
   * @param observations resolved predictions in the window
   * @param ic rolling rank IC; NaN if fewer than 2 observations or either side is constant
   * @param hitRate rolling hit rate in [0, 1]; NaN if no realised return in the window is non-zero
   * @param ready whether {@code observations >= minObservations}; the flags below are false until then
   * @param icDecayed whether {@code ic < icFloor}
   * @param hitRateDecayed whether {@code hitRate < hitRateFloor}
   */
  public record Snapshot(int observations, double ic, double hitRate, boolean ready, boolean icDecayed,
      boolean hitRateDecayed) {}

  /** A kernel over the last {@code window} resolved predictions, checked against {@code thresholds}. */
  public PerformanceDecay(int window, double upThreshold, DriftThresholds thresholds) {
    Checks.notNull(thresholds, "thresholds");
    Checks.isTrue(window >= thresholds.minObservations(),
        "Argument 'window' must be at least minObservations = %d but was %d", thresholds.minObservations(), window);
    this.window = window;
    this.upThreshold = Checks.finite(upThreshold, "upThreshold");
    this.thresholds = thresholds;
  }

  /** The window length, in resolved predictions. */
  public int window() {
    return window;
  }

  /** An empty state. */
  public State newState() {
    State s = new State();
    s.predictions = new RingBuffer(window);
    s.realised = new RingBuffer(window);
    return s;
  }

  /** Adds a resolved prediction; both values must be finite. */
  public void add(State state, double prediction, double realisedReturn) {
    Checks.notNull(state, "state");
    Checks.finite(prediction, "prediction");
    Checks.finite(realisedReturn, "realisedReturn");
    if (state.predictions.isFull()) {
      double oldPrediction = state.predictions.get(0);
      double oldRealised = state.realised.get(0);
      if (oldRealised != 0) {
        state.directional--;
        state.hits -= hit(oldPrediction, oldRealised);
      }
    }
    state.predictions.add(prediction);
    state.realised.add(realisedReturn);
    if (realisedReturn != 0) {
      state.directional++;
      state.hits += hit(prediction, realisedReturn);
    }
  }

  /** The rolling rank IC; NaN if fewer than 2 observations or either side is constant. */
  public double ic(State state) {
    Checks.notNull(state, "state");
    return Spearman.correlation(state.predictions.toArray(), state.realised.toArray());
  }

  /** The rolling hit rate; NaN if no realised return in the window is non-zero. */
  public double hitRate(State state) {
    Checks.notNull(state, "state");
    return state.directional == 0 ? Double.NaN : (double) state.hits / state.directional;
  }

  /** The rolling statistics and whether they are below their floors (once {@code minObservations} are in). */
  public Snapshot check(State state) {
    int n = Checks.notNull(state, "state").predictions.size();
    double ic = ic(state);
    double hitRate = hitRate(state);
    boolean ready = n >= thresholds.minObservations();
    return new Snapshot(n, ic, hitRate, ready, ready && ic < thresholds.icFloor(),
        ready && hitRate < thresholds.hitRateFloor());
  }

  private int hit(double prediction, double realisedReturn) {
    return (prediction > upThreshold) == (realisedReturn > 0) ? 1 : 0;
  }
}
