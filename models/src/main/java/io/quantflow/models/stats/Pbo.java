package io.quantflow.models.stats;

import io.quantflow.domain.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Probability of backtest overfitting by combinatorially symmetric cross-validation (Bailey, Borwein, López de Prado
 * and Zhu, "The Probability of Backtest Overfitting", Journal of Computational Finance, 2017; working paper 2015).
 *
 * <p>The {@code T x N} matrix holds per-period returns (simple, decimals) of {@code N} trials, one row per period.
 * Its rows are cut into {@code S} contiguous blocks as equal as possible: each block has {@code floor(T / S)} rows
 * and the first {@code T mod S} blocks one row more. For every choice of {@code S/2} blocks as in-sample (the rest
 * out-of-sample):
 *
 * <ol>
 *   <li>the trial with the highest in-sample Sharpe ratio is selected, ties going to the lowest column index;
 *   <li>its out-of-sample rank {@code r} among the {@code N} trials is taken in ascending order of out-of-sample
 *       Sharpe ratio (1 = worst, N = best; tied trials share the mean of their ranks);
 *   <li>the relative rank {@code w = r / (N + 1)} gives the logit {@code ln(w / (1 - w))}.
 * </ol>
 *
 * <p>PBO is the share of combinations with logit {@code <= 0}. Sharpe ratios are per period, {@code mean / stdev}
 * with the sample standard deviation (divisor {@code n - 1}); a trial with zero standard deviation has Sharpe ratio
 * positive infinity, negative infinity or 0 by the sign of its mean. The estimate is deterministic. This class is
 * stateless and thread-safe.
 */
public final class Pbo {
  /** The number of blocks used by {@link #estimate(double[][])}: 16, as in the paper. */
  public static final int DEFAULT_BLOCKS = 16;

  private Pbo() {}

  /** Estimates PBO with {@link #DEFAULT_BLOCKS} blocks; see {@link #estimate(double[][], int)}. */
  public static PboResult estimate(double[][] returns) {
    return estimate(returns, DEFAULT_BLOCKS);
  }

  /**
   * Estimates PBO over all {@code C(blocks, blocks / 2)} splits.
   *
   * @param returns {@code T x N} per-period returns, {@code returns[t][n]} for period {@code t} and trial {@code n};
   *     finite, at least 2 trials, at least 2 rows per block
   * @param blocks even number of row blocks {@code S}, from 2 to 34
   */
  public static PboResult estimate(double[][] returns, int blocks) {
    Checks.notNull(returns, "returns");
    Checks.isTrue(blocks >= 2 && blocks <= 34 && blocks % 2 == 0,
        "Argument 'blocks' must be even and in [2, 34] but was %s", blocks);
    int rows = returns.length;
    Checks.isTrue(rows >= 2 * blocks, "Argument 'returns' needs at least 2 rows per block (%s rows for %s blocks)"
        + " but has %s rows", 2 * blocks, blocks, rows);
    int trials = Checks.notNull(returns[0], "returns[0]").length;
    Checks.isTrue(trials >= 2, "Argument 'returns' needs at least 2 trials (columns) but has %s", trials);

    Moments[][] perBlock = blockMoments(returns, blocks, trials);
    int half = blocks / 2;
    int[] inSample = new int[half];
    for (int i = 0; i < half; i++) {
      inSample[i] = i;
    }
    boolean[] isIn = new boolean[blocks];
    List<Double> logits = new ArrayList<>();
    List<Integer> best = new ArrayList<>();
    List<Double> oosSharpes = new ArrayList<>();
    int overfit = 0;
    int losses = 0;
    double[] isSharpe = new double[trials];
    double[] oosSharpe = new double[trials];
    do {
      Arrays.fill(isIn, false);
      for (int b : inSample) {
        isIn[b] = true;
      }
      for (int n = 0; n < trials; n++) {
        Moments is = Moments.EMPTY;
        Moments oos = Moments.EMPTY;
        for (int b = 0; b < blocks; b++) {
          if (isIn[b]) {
            is = is.plus(perBlock[b][n]);
          } else {
            oos = oos.plus(perBlock[b][n]);
          }
        }
        isSharpe[n] = is.sharpe();
        oosSharpe[n] = oos.sharpe();
      }
      int star = 0;
      for (int n = 1; n < trials; n++) {
        if (isSharpe[n] > isSharpe[star]) {
          star = n;
        }
      }
      double rank = 1;
      for (int n = 0; n < trials; n++) {
        if (n != star) {
          rank += oosSharpe[n] < oosSharpe[star] ? 1 : oosSharpe[n] == oosSharpe[star] ? 0.5 : 0;
        }
      }
      double w = rank / (trials + 1);
      double logit = Math.log(w / (1 - w));
      logits.add(logit);
      best.add(star);
      oosSharpes.add(oosSharpe[star]);
      overfit += logit <= 0 ? 1 : 0;
      losses += oosSharpe[star] < 0 ? 1 : 0;
    } while (nextCombination(inSample, blocks));
    double count = logits.size();
    return new PboResult(overfit / count, losses / count, logits, best, oosSharpes);
  }

  /** Welford moments of each trial in each block; the first {@code T mod S} blocks take one extra row. */
  private static Moments[][] blockMoments(double[][] returns, int blocks, int trials) {
    int rows = returns.length;
    int base = rows / blocks;
    int extra = rows % blocks;
    Moments[][] out = new Moments[blocks][trials];
    int row = 0;
    for (int b = 0; b < blocks; b++) {
      int size = base + (b < extra ? 1 : 0);
      double[] mean = new double[trials];
      double[] m2 = new double[trials];
      for (int k = 1; k <= size; k++, row++) {
        double[] r = returns[row];
        Checks.isTrue(r != null && r.length == trials, "Argument 'returns' row %s must have %s columns but has %s",
            row, trials, r == null ? "none" : r.length);
        for (int n = 0; n < trials; n++) {
          double x = Checks.finite(r[n], "returns[" + row + "][" + n + "]");
          double delta = x - mean[n];
          mean[n] += delta / k;
          m2[n] += delta * (x - mean[n]);
        }
      }
      for (int n = 0; n < trials; n++) {
        out[b][n] = new Moments(size, mean[n], m2[n]);
      }
    }
    return out;
  }

  /** Advances {@code c} to the next {@code c.length}-subset of {@code 0..s-1} in lexicographic order. */
  private static boolean nextCombination(int[] c, int s) {
    int k = c.length;
    int i = k - 1;
    while (i >= 0 && c[i] == s - k + i) {
      i--;
    }
    if (i < 0) {
      return false;
    }
    c[i]++;
    for (int j = i + 1; j < k; j++) {
      c[j] = c[j - 1] + 1;
    }
    return true;
  }

  /** Count, mean and sum of squared deviations, merged with Chan's pairwise formula. */
  private record Moments(long count, double mean, double m2) {
    static final Moments EMPTY = new Moments(0, 0, 0);

    Moments plus(Moments o) {
      if (count == 0) {
        return o;
      }
      long n = count + o.count;
      double delta = o.mean - mean;
      return new Moments(n, mean + delta * o.count / n, m2 + o.m2 + delta * delta * count * o.count / n);
    }

    double sharpe() {
      double sd = Math.sqrt(m2 / (count - 1));
      if (sd > 0) {
        return mean / sd;
      }
      return mean > 0 ? Double.POSITIVE_INFINITY : mean < 0 ? Double.NEGATIVE_INFINITY : 0;
    }
  }
}
