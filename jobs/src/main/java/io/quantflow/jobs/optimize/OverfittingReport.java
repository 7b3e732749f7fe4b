package io.quantflow.jobs.optimize;

import io.quantflow.domain.Checks;
import io.quantflow.models.metrics.PerformanceMetrics;
import io.quantflow.models.stats.Pbo;
import io.quantflow.models.stats.PboResult;
import io.quantflow.models.stats.SharpeStatistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How much to trust the best trial of an optimisation (statistics in {@code docs/overfitting.md}). Sharpe ratios
 * here are per period of the trials' equity curves, {@code PerformanceMetrics.sharpe / sqrt(periodsPerYear)}: the
 * mean return in excess of the trial config's risk-free rate over the sample standard deviation. Undefined values
 * are NaN, and {@link #notes()} says why. Immutable.
 *
 * @param trials number of trials evaluated, {@code N} of the deflated Sharpe ratio
 * @param deflatedSharpe probability that the best trial's true Sharpe ratio is positive after correcting for the
 *     selection among {@code trials} trials ({@link SharpeStatistics#deflatedSharpe})
 * @param sharpe per-period Sharpe ratio of the best trial
 * @param expectedMaxSharpe per-period Sharpe ratio the best of {@code trials} skill-less trials reaches on average
 * @param trialSharpeVariance sample variance (divisor {@code k - 1}) of the per-period Sharpe ratios of the
 *     {@code k} trials whose Sharpe ratio is defined; 0 with fewer than 2
 * @param periods returns behind the best trial's Sharpe ratio, {@code n}
 * @param skewness skewness of the best trial's period returns (PerformanceMetrics' bias-corrected estimator)
 * @param kurtosis kurtosis of the best trial's period returns, not excess: the excess kurtosis plus 3
 * @param pbo probability of backtest overfitting by CSCV over every trial, or null when it cannot be estimated
 * @param pboBlocks blocks {@code S} the return matrix was cut into: the largest even number up to 16 that leaves
 *     at least 2 periods per block; 0 without PBO
 * @param pboPeriods rows {@code T} of the return matrix
 * @param aligned whether the trials' curves had different valuation instants and were aligned on the common ones
 * @param notes caveats, e.g. trials left out of the Sharpe variance or why PBO is missing
 */
public record OverfittingReport(int trials, double deflatedSharpe, double sharpe, double expectedMaxSharpe,
    double trialSharpeVariance, int periods, double skewness, double kurtosis, PboResult pbo, int pboBlocks,
    int pboPeriods, boolean aligned, List<String> notes) {

  /** Copies the notes. */
  public OverfittingReport {
    notes = List.copyOf(Checks.notNull(notes, "notes"));
  }

  /**
   * Computes the report of {@code trials} (all trials evaluated, in trial order) whose best is {@code best}.
   *
   * @throws IllegalArgumentException if {@code trials} is empty
   */
  public static OverfittingReport of(List<TrialOutcome> trials, TrialOutcome best) {
    Checks.isTrue(trials != null && !trials.isEmpty(), "Argument 'trials' must not be empty");
    Checks.notNull(best, "best");
    List<String> notes = new ArrayList<>();
    int n = trials.size();

    double sum = 0;
    List<Double> defined = new ArrayList<>();
    for (TrialOutcome t : trials) {
      double sr = perPeriodSharpe(t);
      if (Double.isFinite(sr)) {
        defined.add(sr);
        sum += sr;
      }
    }
    double variance = 0;
    if (defined.size() >= 2) {
      double mean = sum / defined.size();
      double ss = 0;
      for (double s : defined) {
        ss += (s - mean) * (s - mean);
      }
      variance = ss / (defined.size() - 1);
    }
    if (defined.size() < n) {
      notes.add(String.format(Locale.ROOT, "%d of %d trials have no Sharpe ratio (flat or too short equity curve) "
          + "and are left out of the trial Sharpe variance; N still counts them", n - defined.size(), n));
    }

    PerformanceMetrics m = metrics(best);
    double sr = perPeriodSharpe(best);
    int periods = m == null ? 0 : m.periods();
    double skew = m == null ? Double.NaN : m.skewness();
    double kurt = m == null ? Double.NaN : m.excessKurtosis() + 3;
    double expectedMax = SharpeStatistics.expectedMaxSharpe(variance, n);
    double dsr = Double.NaN;
    if (!Double.isFinite(sr) || !Double.isFinite(skew) || !Double.isFinite(kurt) || periods < 2) {
      notes.add("The deflated Sharpe ratio is undefined: the best trial's curve has too few periods (at least 4) or "
          + "no variation");
    } else {
      try {
        dsr = SharpeStatistics.deflatedSharpe(sr, periods, skew, kurt, variance, n);
      } catch (IllegalArgumentException e) {
        notes.add("The deflated Sharpe ratio is undefined: " + e.getMessage());
      }
    }

    PboResult pbo = null;
    int blocks = 0;
    int rows = 0;
    boolean aligned = false;
    if (n < 2) {
      notes.add("PBO needs at least 2 trials");
    } else {
      Matrix matrix = returnMatrix(trials);
      aligned = matrix.aligned();
      rows = matrix.returns().length;
      if (aligned) {
        notes.add(String.format(Locale.ROOT, "The trials' equity curves have different valuation instants; PBO uses "
            + "the %d instants common to all of them", rows + 1));
      }
      blocks = blocks(rows);
      if (blocks < 2) {
        notes.add(String.format(Locale.ROOT, "PBO needs at least 4 common periods but the trials share %d", rows));
      } else {
        try {
          pbo = Pbo.estimate(matrix.returns(), blocks);
        } catch (IllegalArgumentException e) {
          notes.add("PBO is undefined: " + e.getMessage());
        }
      }
    }
    return new OverfittingReport(n, dsr, sr, expectedMax, variance, periods, skew, kurt, pbo, pbo == null ? 0 : blocks,
        rows, aligned, notes);
  }

  /** The largest even block count up to 16 with at least 2 rows per block; below 2 when there is none. */
  static int blocks(int rows) {
    int s = Math.min(Pbo.DEFAULT_BLOCKS, rows / 2);
    return s % 2 == 0 ? s : s - 1;
  }

  /**
   * The {@code T x N} per-period simple returns of the trials, one column per trial in list order. Trials over the
   * same window share their valuation instants; otherwise the curves are sampled at the instants they all have.
   *
   * @param returns {@code returns[t][n]}
   * @param aligned whether instants had to be intersected
   */
  record Matrix(double[][] returns, boolean aligned) {}

  static Matrix returnMatrix(List<TrialOutcome> trials) {
    long[] first = trials.get(0).result().timesMicros();
    boolean same = trials.stream().allMatch(t -> Arrays.equals(t.result().timesMicros(), first));
    long[] common = first;
    if (!same) {
      common = Arrays.stream(first)
          .filter(ts -> trials.stream().allMatch(t -> Arrays.binarySearch(t.result().timesMicros(), ts) >= 0))
          .toArray();
    }
    int rows = Math.max(0, common.length - 1);
    double[][] r = new double[rows][trials.size()];
    for (int j = 0; j < trials.size(); j++) {
      TrialEvaluator.TrialResult res = trials.get(j).result();
      double previous = Double.NaN;
      for (int i = 0; i < common.length; i++) {
        double e = same ? res.equity()[i] : res.equity()[Arrays.binarySearch(res.timesMicros(), common[i])];
        if (i > 0) {
          r[i - 1][j] = e / previous - 1;
        }
        previous = e;
      }
    }
    return new Matrix(r, !same);
  }

  /** Per-period Sharpe ratio of a trial, NaN when its curve has fewer than 3 points or no variation. */
  static double perPeriodSharpe(TrialOutcome t) {
    PerformanceMetrics m = metrics(t);
    return m == null ? Double.NaN : m.sharpe() / Math.sqrt(m.periodsPerYear());
  }

  private static PerformanceMetrics metrics(TrialOutcome t) {
    double[] equity = t.result().equity();
    if (equity.length < 2 || Arrays.stream(equity).anyMatch(e -> !(e > 0) || Double.isInfinite(e))
        || !(t.result().periodsPerYear() > 0)) {
      return null;
    }
    return PerformanceMetrics.of(equity, t.result().periodsPerYear(), t.config().riskFreeRate());
  }
}
