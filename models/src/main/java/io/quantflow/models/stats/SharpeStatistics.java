package io.quantflow.models.stats;

import io.quantflow.domain.Checks;

/**
 * Probabilistic Sharpe ratio, deflated Sharpe ratio and minimum track record length (Bailey and López de Prado,
 * "The Sharpe Ratio Efficient Frontier", 2012, and "The Deflated Sharpe Ratio", 2014).
 *
 * <p><b>Per-period Sharpe ratios.</b> Every Sharpe ratio here is per period of the return series it was measured
 * on, {@code mean(r) / stdev(r)} without the {@code sqrt(P)} factor, and {@code n} counts those periods. An
 * annualised ratio (as in {@code PerformanceMetrics}) must be divided by {@code sqrt(P)} first, and a variance of
 * annualised trial Sharpe ratios divided by {@code P}, for {@code P} periods per year; passing annualised values
 * makes every probability come out close to 0 or 1.
 *
 * <p>Skewness is the third standardised moment and kurtosis the fourth, <b>not excess</b>: 3 for normal returns.
 * This class is stateless and thread-safe.
 */
public final class SharpeStatistics {
  /** The Euler–Mascheroni constant. */
  public static final double EULER_GAMMA = 0.5772156649015329;

  private SharpeStatistics() {}

  /**
   * Probability that the true Sharpe ratio exceeds {@code benchmarkSr}, given an estimate {@code sr} from {@code n}
   * returns: {@code PSR = Phi((sr - benchmarkSr) sqrt(n - 1) / sqrt(1 - skew sr + (kurtosis - 1) / 4 sr^2))}.
   *
   * @param sr observed per-period Sharpe ratio
   * @param benchmarkSr per-period Sharpe ratio to beat, often 0
   * @param n number of returns behind {@code sr}, at least 2
   * @param skew skewness of the returns (0 for normal)
   * @param kurtosis non-excess kurtosis of the returns (3 for normal), at least 1
   * @return a probability in [0, 1]
   */
  public static double probabilisticSharpe(double sr, double benchmarkSr, long n, double skew, double kurtosis) {
    Checks.finite(sr, "sr");
    Checks.finite(benchmarkSr, "benchmarkSr");
    Checks.isTrue(n >= 2, "Argument 'n' must be at least 2 but was %s", n);
    double variance = estimatorVariance(sr, skew, kurtosis);
    return StandardNormal.cdf((sr - benchmarkSr) * Math.sqrt(n - 1.0) / Math.sqrt(variance));
  }

  /**
   * Expected maximum of {@code trials} independent per-period Sharpe ratio estimates whose true Sharpe ratios are 0
   * and whose variance across trials is {@code trialSharpeVariance}:
   * {@code sqrt(V) ((1 - gamma) PhiInv(1 - 1/N) + gamma PhiInv(1 - 1/(N e)))} with {@code gamma} the Euler–Mascheroni
   * constant. One trial gives 0, the mean of a single draw.
   *
   * @param trialSharpeVariance variance of the per-period Sharpe ratios of all trials
   * @param trials number of independent trials {@code N}, at least 1
   * @return a per-period Sharpe ratio
   */
  public static double expectedMaxSharpe(double trialSharpeVariance, int trials) {
    Checks.notNegative(trialSharpeVariance, "trialSharpeVariance");
    Checks.positive(trials, "trials");
    if (trials == 1) {
      return 0;
    }
    double z = (1 - EULER_GAMMA) * StandardNormal.inverseCdf(1 - 1.0 / trials)
        + EULER_GAMMA * StandardNormal.inverseCdf(1 - 1.0 / (trials * Math.E));
    return Math.sqrt(trialSharpeVariance) * z;
  }

  /**
   * Deflated Sharpe ratio: the {@linkplain #probabilisticSharpe probabilistic Sharpe ratio} against the
   * {@linkplain #expectedMaxSharpe expected maximum} Sharpe ratio of {@code trials} skill-less trials, i.e. the
   * probability that the selected strategy's true Sharpe ratio is positive after correcting for the selection.
   *
   * @param sr observed per-period Sharpe ratio of the selected trial
   * @param n number of returns behind {@code sr}, at least 2
   * @param skew skewness of the selected trial's returns
   * @param kurtosis non-excess kurtosis of the selected trial's returns, at least 1
   * @param trialSharpeVariance variance of the per-period Sharpe ratios of all trials
   * @param trials number of independent trials, at least 1
   * @return a probability in [0, 1]
   */
  public static double deflatedSharpe(double sr, long n, double skew, double kurtosis, double trialSharpeVariance,
      int trials) {
    return probabilisticSharpe(sr, expectedMaxSharpe(trialSharpeVariance, trials), n, skew, kurtosis);
  }

  /**
   * Minimum track record length: the number of returns needed for {@link #probabilisticSharpe} to reach
   * {@code confidence}, {@code 1 + (1 - skew sr + (kurtosis - 1) / 4 sr^2) (PhiInv(confidence) / (sr -
   * benchmarkSr))^2}. Round up to get a whole number of periods.
   *
   * @param sr observed per-period Sharpe ratio, above {@code benchmarkSr}
   * @param benchmarkSr per-period Sharpe ratio to beat
   * @param skew skewness of the returns
   * @param kurtosis non-excess kurtosis of the returns, at least 1
   * @param confidence required probability, in (0, 1), e.g. 0.95
   * @return a number of periods (not rounded)
   */
  public static double minimumTrackRecordLength(double sr, double benchmarkSr, double skew, double kurtosis,
      double confidence) {
    Checks.finite(sr, "sr");
    Checks.finite(benchmarkSr, "benchmarkSr");
    Checks.isTrue(sr > benchmarkSr, "Argument 'sr' must be above benchmarkSr %s but was %s", benchmarkSr, sr);
    Checks.isTrue(confidence > 0 && confidence < 1, "Argument 'confidence' must be in (0, 1) but was %s",
        confidence);
    double variance = estimatorVariance(sr, skew, kurtosis);
    double z = StandardNormal.inverseCdf(confidence) / (sr - benchmarkSr);
    return 1 + variance * z * z;
  }

  /** {@code 1 - skew sr + (kurtosis - 1) / 4 sr^2}: (n - 1) times the variance of the Sharpe ratio estimator. */
  private static double estimatorVariance(double sr, double skew, double kurtosis) {
    Checks.finite(skew, "skew");
    Checks.isTrue(kurtosis >= 1 && Double.isFinite(kurtosis),
        "Argument 'kurtosis' must be finite and at least 1 (non-excess, 3 for normal returns) but was %s", kurtosis);
    double variance = 1 - skew * sr + (kurtosis - 1) / 4 * sr * sr;
    Checks.isTrue(variance > 0,
        "Arguments 'skew' %s, 'kurtosis' %s and 'sr' %s give a non-positive estimator variance %s", skew, kurtosis,
        sr, variance);
    return variance;
  }
}
