package io.quantflow.models.signals;

import io.quantflow.domain.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Combines several signals into one score per (symbol, timestamp), weighting each signal by its trailing mean
 * cross-sectional rank IC at one horizon, using only ICs whose forward returns were already known. Immutable and
 * thread-safe.
 *
 * <p>At timestamp {@code t}, for each signal:
 *
 * <ol>
 *   <li>an IC of the cross-section at {@code t'} (as in {@link SignalEvaluator}: Spearman, at least
 *       {@value SignalEvaluator#MIN_CROSS_SECTION} symbols, non-zero variance) is <i>eligible</i> when every
 *       forward return in it is known at {@code t}: the bar {@code horizonBars} bars after {@code t'} of each symbol
 *       is stamped at or before {@code t} ({@link ForwardReturns#knownAtMicros}). So {@code t' + horizon <= t} in
 *       bars, and nothing at or after {@code t} is looked at;
 *   <li>the trailing IC is the mean of the latest {@code lookbackCrossSections} eligible ICs (by {@code t'});
 *   <li>the raw weight is {@code max(0, trailing IC)}: a signal with a negative trailing IC gets weight 0 rather
 *       than being sign-flipped.
 * </ol>
 *
 * Weights are the raw weights divided by their sum, so {@code sum |w| = 1}. There is <b>no output</b> at
 * {@code t} (no weights, no combined scores) while any signal has fewer than {@code minCrossSections} eligible
 * ICs, or when every raw weight is zero. The combined score of a symbol at {@code t} is
 * {@code sum_k w_k * score_k} over the signals that scored that symbol at {@code t}; a symbol no signal with non-zero
 * weight scored gets no output. Scores are combined as given, so put the signals on comparable scales first
 * (e.g. cross-sectional ranks or z-scores).
 */
public final class IcWeightedEnsemble {
  private final int horizonBars;
  private final int lookbackCrossSections;
  private final int minCrossSections;

  /**
   * @param horizonBars forward-return horizon of the ICs, in bars; must be one of the {@link ForwardReturns}
   *     horizons passed to {@link #combine}
   * @param lookbackCrossSections how many of the latest eligible ICs are averaged
   * @param minCrossSections fewest eligible ICs each signal needs before there is output, in
   *     {@code [1, lookbackCrossSections]}
   */
  public IcWeightedEnsemble(int horizonBars, int lookbackCrossSections, int minCrossSections) {
    this.horizonBars = Checks.positive(horizonBars, "horizonBars");
    this.lookbackCrossSections = Checks.positive(lookbackCrossSections, "lookbackCrossSections");
    this.minCrossSections = Checks.positive(minCrossSections, "minCrossSections");
    Checks.isTrue(minCrossSections <= lookbackCrossSections,
        "Argument 'minCrossSections' must not exceed 'lookbackCrossSections' (%d) but was %d",
        lookbackCrossSections, minCrossSections);
  }

  /**
   * The weights in force at one timestamp.
   *
   * @param timestampMicros when the weights apply, UTC epoch micros
   * @param weights weight per signal name (zero for excluded signals), absolute values summing to 1
   */
  public record Weights(long timestampMicros, Map<String, Double> weights) {
    /** Checks the fields and copies the map. */
    public Weights {
      weights = Map.copyOf(Checks.notNull(weights, "weights"));
    }
  }

  /**
   * The ensemble's output.
   *
   * @param combined combined scores, named by the {@code name} given to {@link #combine}, ordered by timestamp then
   *     symbol; evaluate them with {@link SignalEvaluator} like any signal
   * @param weights the weights at each timestamp with output, ascending
   */
  public record Result(List<SignalObservation> combined, List<Weights> weights) {
    /** Checks the fields and copies the lists. */
    public Result {
      combined = List.copyOf(Checks.notNull(combined, "combined"));
      weights = List.copyOf(Checks.notNull(weights, "weights"));
    }
  }

  /**
   * Combines every signal in {@code observations}.
   *
   * @param name signal name of the combined scores
   * @param forwardReturns forward returns; only those already known at each timestamp are used
   */
  public Result combine(String name, List<SignalObservation> observations, ForwardReturns forwardReturns) {
    Checks.notBlank(name, "name");
    Checks.notNull(forwardReturns, "forwardReturns");
    forwardReturns.knownAtMicros("", 0, horizonBars); // fails early if the horizon is missing
    Map<String, List<SignalObservation>> bySignal = SignalEvaluator.bySignal(observations);
    Checks.isTrue(!bySignal.containsKey(name), "Argument 'name' %s is already the name of an input signal", name);

    Map<String, List<long[]>> icTimes = new LinkedHashMap<>(); // per signal: {t', knownAt}
    Map<String, List<Double>> icValues = new LinkedHashMap<>();
    TreeMap<Long, Map<String, Map<String, Double>>> scores = new TreeMap<>(); // t -> symbol -> signal -> score
    for (Map.Entry<String, List<SignalObservation>> e : bySignal.entrySet()) {
      List<long[]> times = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      for (Map.Entry<Long, List<SignalObservation>> cs : SignalEvaluator.byTimestamp(e.getValue()).entrySet()) {
        double ic = SignalEvaluator.crossSectionIc(cs.getValue(), forwardReturns, horizonBars);
        if (!Double.isNaN(ic)) {
          long knownAt = Long.MIN_VALUE;
          for (SignalObservation o : cs.getValue()) {
            long k = forwardReturns.knownAtMicros(o.symbol(), o.timestampMicros(), horizonBars);
            if (k != Long.MAX_VALUE) { // observations without a forward return took no part in the IC
              knownAt = Math.max(knownAt, k);
            }
          }
          times.add(new long[] {cs.getKey(), knownAt});
          values.add(ic);
        }
        for (SignalObservation o : cs.getValue()) {
          scores.computeIfAbsent(cs.getKey(), k -> new TreeMap<>())
              .computeIfAbsent(o.symbol(), k -> new LinkedHashMap<>()).put(e.getKey(), o.score());
        }
      }
      icTimes.put(e.getKey(), times);
      icValues.put(e.getKey(), values);
    }

    List<SignalObservation> combined = new ArrayList<>();
    List<Weights> weights = new ArrayList<>();
    for (Map.Entry<Long, Map<String, Map<String, Double>>> at : scores.entrySet()) {
      long t = at.getKey();
      Map<String, Double> w = weightsAt(t, icTimes, icValues);
      if (w == null) {
        continue;
      }
      weights.add(new Weights(t, w));
      for (Map.Entry<String, Map<String, Double>> sym : at.getValue().entrySet()) {
        double sum = 0;
        boolean any = false;
        for (Map.Entry<String, Double> s : sym.getValue().entrySet()) {
          double wk = w.get(s.getKey());
          if (wk != 0) {
            sum += wk * s.getValue();
            any = true;
          }
        }
        if (any) {
          combined.add(new SignalObservation(name, sym.getKey(), t, sum));
        }
      }
    }
    return new Result(combined, weights);
  }

  /** The normalised weights at {@code t}, or null when there is no output at {@code t}. */
  private Map<String, Double> weightsAt(long t, Map<String, List<long[]>> icTimes,
      Map<String, List<Double>> icValues) {
    Map<String, Double> raw = new LinkedHashMap<>();
    double total = 0;
    for (Map.Entry<String, List<long[]>> e : icTimes.entrySet()) {
      List<long[]> times = e.getValue();
      List<Double> values = icValues.get(e.getKey());
      double sum = 0;
      int used = 0;
      // Walk back from the latest cross-section before t; a cross-section at t or later is never known at t.
      for (int i = lastBefore(times, t); i >= 0 && used < lookbackCrossSections; i--) {
        if (times.get(i)[1] <= t) {
          sum += values.get(i);
          used++;
        }
      }
      if (used < minCrossSections) {
        return null;
      }
      double r = Math.max(0, sum / used);
      raw.put(e.getKey(), r);
      total += r;
    }
    if (!(total > 0)) {
      return null;
    }
    Map<String, Double> w = new TreeMap<>();
    for (Map.Entry<String, Double> e : raw.entrySet()) {
      w.put(e.getKey(), e.getValue() / total);
    }
    return w;
  }

  private static int lastBefore(List<long[]> times, long t) {
    int lo = 0;
    int hi = times.size() - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (times.get(mid)[0] < t) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }
}
