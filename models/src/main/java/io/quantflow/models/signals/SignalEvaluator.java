package io.quantflow.models.signals;

import io.quantflow.domain.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Judges signal scores against forward returns and produces one {@link SignalReport} per (signal, horizon).
 * Scores use no future data; the forward return ({@link ForwardReturns}) is the label. Immutable and thread-safe.
 *
 * <p>Definitions, for one signal at horizon {@code h}. A cross-section is the set of observations sharing one
 * timestamp. An observation is valid when its forward return is not NaN; invalid ones are counted in
 * {@link SignalReport#excludedObservations()} and left out of every return-based statistic.
 *
 * <ul>
 *   <li><b>Rank IC</b> (cross-sectional): per timestamp, the {@link Spearman} correlation (average ranks for ties)
 *       of score and forward return over the valid observations. Cross-sections with fewer than
 *       {@value #MIN_CROSS_SECTION} symbols, or with all scores or all returns tied, are skipped. Mean, sample
 *       standard deviation, t-statistic {@code mean / (sd / sqrt(n))} and information ratio {@code mean / sd} are
 *       taken over the {@code n} remaining ICs.
 *   <li><b>Pooled IC</b> (time series): the Spearman correlation of all valid pairs pooled over symbols and time.
 *       With one symbol there are no cross-sections, and this is the statistic to read.
 *   <li><b>Hit rate</b>: among valid observations with non-zero score, the fraction with
 *       {@code signum(score) == signum(return)}; a zero return is a miss.
 *   <li><b>Quantiles</b> (default 5) are assigned from scores alone, using all observations, valid or not. Rule: if
 *       any timestamp has at least {@code quantiles} observations, quantiles are assigned per cross-section and
 *       cross-sections with fewer observations get none; otherwise (e.g. a single symbol) they are assigned once
 *       over all observations pooled. An observation with average rank {@code r} (1..m) among {@code m} gets
 *       quantile {@code floor((r - 1) * quantiles / m)}, 0 = lowest scores; ties share a quantile. The mean
 *       forward return of a quantile is the plain mean over its valid observations (each observation weighs the
 *       same). Top minus bottom is the last quantile's mean minus the first's.
 *   <li><b>Turnover</b>: for each pair of consecutive timestamps that carry quantiles, the fraction of the symbols
 *       with a quantile at both whose quantile changed; the mean over pairs sharing at least one symbol.
 *   <li><b>Score autocorrelation</b>: per symbol, the Spearman correlation of its time-ordered scores with the same
 *       scores one observation later (needs at least 3 pairs and non-zero variance), averaged over symbols.
 *   <li><b>Decay</b>: the mean IC at each horizon of {@link ForwardReturns}, see {@link #decay}.
 * </ul>
 */
public final class SignalEvaluator {
  /** Fewest symbols for a cross-sectional IC. */
  public static final int MIN_CROSS_SECTION = 3;
  /** Default number of score quantiles. */
  public static final int DEFAULT_QUANTILES = 5;

  private final int quantiles;

  /** An evaluator with {@value #DEFAULT_QUANTILES} quantiles. */
  public SignalEvaluator() {
    this(DEFAULT_QUANTILES);
  }

  /** An evaluator with {@code quantiles} score quantiles (at least 2). */
  public SignalEvaluator(int quantiles) {
    Checks.isTrue(quantiles >= 2, "Argument 'quantiles' must be at least 2 but was %d", quantiles);
    this.quantiles = quantiles;
  }

  /** The number of score quantiles. */
  public int quantiles() {
    return quantiles;
  }

  /**
   * Reports for every signal in {@code observations} at every horizon of {@code forwardReturns}, strongest first
   * ({@link SignalReport#BY_STRENGTH}).
   */
  public List<SignalReport> evaluate(List<SignalObservation> observations, ForwardReturns forwardReturns) {
    Checks.notNull(forwardReturns, "forwardReturns");
    List<SignalReport> reports = new ArrayList<>();
    for (Map.Entry<String, List<SignalObservation>> e : bySignal(observations).entrySet()) {
      for (int h : forwardReturns.horizonsBars()) {
        reports.add(evaluateOne(e.getKey(), e.getValue(), forwardReturns, h));
      }
    }
    reports.sort(SignalReport.BY_STRENGTH);
    return reports;
  }

  /**
   * The report of one signal at one horizon; observations of other signals are ignored.
   *
   * @throws IllegalArgumentException if {@code observations} has no observation of {@code signal}
   */
  public SignalReport evaluate(String signal, int horizonBars, List<SignalObservation> observations,
      ForwardReturns forwardReturns) {
    Checks.notBlank(signal, "signal");
    Checks.notNull(forwardReturns, "forwardReturns");
    List<SignalObservation> own = bySignal(observations).get(signal);
    Checks.isTrue(own != null, "Argument 'observations' has no observation of signal %s", signal);
    return evaluateOne(signal, own, forwardReturns, horizonBars);
  }

  /**
   * The decay curve of {@code signal}: its mean IC at each horizon of {@code reports}, sorted by horizon.
   *
   * @throws IllegalArgumentException if no report belongs to {@code signal}
   */
  public static DecayCurve decay(String signal, List<SignalReport> reports) {
    Checks.notBlank(signal, "signal");
    Checks.notNull(reports, "reports");
    TreeMap<Integer, Double> ic = new TreeMap<>();
    for (SignalReport r : reports) {
      if (r.signal().equals(signal)) {
        ic.put(r.horizonBars(), r.meanIc());
      }
    }
    Checks.isTrue(!ic.isEmpty(), "Argument 'reports' has no report of signal %s", signal);
    return DecayCurve.of(signal, ic.keySet().stream().mapToInt(Integer::intValue).toArray(),
        ic.values().stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Groups by signal name in first-seen order and rejects a second score for one (signal, symbol, timestamp). */
  static Map<String, List<SignalObservation>> bySignal(List<SignalObservation> observations) {
    Checks.notNull(observations, "observations");
    Map<String, List<SignalObservation>> out = new LinkedHashMap<>();
    Map<String, Map<String, TreeSet<Long>>> seen = new HashMap<>();
    for (SignalObservation o : observations) {
      Checks.notNull(o, "observations element");
      boolean fresh = seen.computeIfAbsent(o.signal(), k -> new HashMap<>())
          .computeIfAbsent(o.symbol(), k -> new TreeSet<>()).add(o.timestampMicros());
      Checks.isTrue(fresh, "Argument 'observations' has two scores of signal %s for %s at %d", o.signal(),
          o.symbol(), o.timestampMicros());
      out.computeIfAbsent(o.signal(), k -> new ArrayList<>()).add(o);
    }
    return out;
  }

  /** Observations of one signal grouped by timestamp, ascending. */
  static TreeMap<Long, List<SignalObservation>> byTimestamp(List<SignalObservation> observations) {
    TreeMap<Long, List<SignalObservation>> out = new TreeMap<>();
    for (SignalObservation o : observations) {
      out.computeIfAbsent(o.timestampMicros(), k -> new ArrayList<>()).add(o);
    }
    return out;
  }

  /**
   * The rank IC of one cross-section over its observations with a known forward return; NaN if fewer than
   * {@link #MIN_CROSS_SECTION} or zero variance.
   */
  static double crossSectionIc(List<SignalObservation> crossSection, ForwardReturns fr, int horizonBars) {
    double[] s = new double[crossSection.size()];
    double[] r = new double[crossSection.size()];
    int n = 0;
    for (SignalObservation o : crossSection) {
      double fwd = fr.get(o.symbol(), o.timestampMicros(), horizonBars);
      if (!Double.isNaN(fwd)) {
        s[n] = o.score();
        r[n++] = fwd;
      }
    }
    return n < MIN_CROSS_SECTION ? Double.NaN
        : Spearman.correlation(Arrays.copyOf(s, n), Arrays.copyOf(r, n));
  }

  private SignalReport evaluateOne(String signal, List<SignalObservation> obs, ForwardReturns fr, int h) {
    TreeMap<Long, List<SignalObservation>> byTime = byTimestamp(obs);

    // Rank IC per cross-section.
    List<Double> ics = new ArrayList<>();
    for (List<SignalObservation> cs : byTime.values()) {
      double ic = crossSectionIc(cs, fr, h);
      if (!Double.isNaN(ic)) {
        ics.add(ic);
      }
    }
    int n = ics.size();
    double mean = Double.NaN;
    double sd = Double.NaN;
    if (n > 0) {
      mean = ics.stream().mapToDouble(Double::doubleValue).sum() / n;
      if (n > 1) {
        double ss = 0;
        for (double ic : ics) {
          ss += (ic - mean) * (ic - mean);
        }
        sd = Math.sqrt(ss / (n - 1));
      }
    }
    boolean sdUsable = sd > 0;
    double tStat = sdUsable ? mean / (sd / Math.sqrt(n)) : Double.NaN;
    double ir = sdUsable ? mean / sd : Double.NaN;

    // Valid observations: pooled IC and hit rate.
    Map<SignalObservation, Double> fwd = new HashMap<>();
    int excluded = 0;
    int nonZero = 0;
    int hits = 0;
    for (SignalObservation o : obs) {
      double r = fr.get(o.symbol(), o.timestampMicros(), h);
      if (Double.isNaN(r)) {
        excluded++;
        continue;
      }
      fwd.put(o, r);
      if (o.score() != 0) {
        nonZero++;
        if (r != 0 && Math.signum(o.score()) == Math.signum(r)) {
          hits++;
        }
      }
    }
    double pooledIc = Double.NaN;
    if (fwd.size() >= MIN_CROSS_SECTION) {
      double[] s = new double[fwd.size()];
      double[] r = new double[fwd.size()];
      int i = 0;
      for (Map.Entry<SignalObservation, Double> e : fwd.entrySet()) {
        s[i] = e.getKey().score();
        r[i++] = e.getValue();
      }
      pooledIc = Spearman.correlation(s, r);
    }
    double hitRate = nonZero > 0 ? (double) hits / nonZero : Double.NaN;

    // Quantiles from scores alone.
    boolean perCrossSection = byTime.values().stream().anyMatch(cs -> cs.size() >= quantiles);
    Map<SignalObservation, Integer> bucket = new HashMap<>();
    if (perCrossSection) {
      for (List<SignalObservation> cs : byTime.values()) {
        if (cs.size() >= quantiles) {
          assignQuantiles(cs, bucket);
        }
      }
    } else {
      assignQuantiles(obs, bucket);
    }
    double[] sum = new double[quantiles];
    int[] count = new int[quantiles];
    for (Map.Entry<SignalObservation, Integer> e : bucket.entrySet()) {
      Double r = fwd.get(e.getKey());
      if (r != null) {
        sum[e.getValue()] += r;
        count[e.getValue()]++;
      }
    }
    List<Double> qMeans = new ArrayList<>();
    for (int q = 0; q < quantiles; q++) {
      qMeans.add(count[q] > 0 ? sum[q] / count[q] : Double.NaN);
    }
    double spread = qMeans.get(quantiles - 1) - qMeans.get(0);

    return new SignalReport(signal, h, fwd.size(), excluded, n, mean, sd, tStat, ir, pooledIc, hitRate, qMeans,
        !perCrossSection, spread, turnover(byTime, bucket), autocorrelation(obs));
  }

  private void assignQuantiles(List<SignalObservation> group, Map<SignalObservation, Integer> bucket) {
    double[] s = new double[group.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = group.get(i).score();
    }
    double[] ranks = Spearman.averageRanks(s);
    for (int i = 0; i < s.length; i++) {
      bucket.put(group.get(i), Math.min(quantiles - 1, (int) Math.floor((ranks[i] - 1) * quantiles / s.length)));
    }
  }

  private static double turnover(TreeMap<Long, List<SignalObservation>> byTime,
      Map<SignalObservation, Integer> bucket) {
    Map<String, Integer> previous = null;
    double sum = 0;
    int pairs = 0;
    for (List<SignalObservation> cs : byTime.values()) {
      Map<String, Integer> current = new HashMap<>();
      for (SignalObservation o : cs) {
        Integer q = bucket.get(o);
        if (q != null) {
          current.put(o.symbol(), q);
        }
      }
      if (current.isEmpty()) {
        continue;
      }
      if (previous != null) {
        int common = 0;
        int changed = 0;
        for (Map.Entry<String, Integer> e : current.entrySet()) {
          Integer before = previous.get(e.getKey());
          if (before != null) {
            common++;
            if (!before.equals(e.getValue())) {
              changed++;
            }
          }
        }
        if (common > 0) {
          sum += (double) changed / common;
          pairs++;
        }
      }
      previous = current;
    }
    return pairs > 0 ? sum / pairs : Double.NaN;
  }

  private static double autocorrelation(List<SignalObservation> obs) {
    Map<String, TreeMap<Long, Double>> bySymbol = new HashMap<>();
    for (SignalObservation o : obs) {
      bySymbol.computeIfAbsent(o.symbol(), k -> new TreeMap<>()).put(o.timestampMicros(), o.score());
    }
    double sum = 0;
    int symbols = 0;
    for (TreeMap<Long, Double> series : bySymbol.values()) {
      double[] s = series.values().stream().mapToDouble(Double::doubleValue).toArray();
      if (s.length - 1 < MIN_CROSS_SECTION) {
        continue;
      }
      double rho = Spearman.correlation(Arrays.copyOf(s, s.length - 1),
          Arrays.copyOfRange(s, 1, s.length));
      if (!Double.isNaN(rho)) {
        sum += rho;
        symbols++;
      }
    }
    return symbols > 0 ? sum / symbols : Double.NaN;
  }
}
