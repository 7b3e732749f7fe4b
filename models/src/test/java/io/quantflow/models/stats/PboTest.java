package io.quantflow.models.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Collections;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PboTest {

  /**
   * Trial j earns mu_j plus the same +-1% alternating noise as every other trial, so in every even-sized block all
   * trials have the same standard deviation and rank by mu: trial 1 (mu 0.3%) is best in and out of sample.
   */
  @Test
  void aTrialThatIsBestEverywhereIsNeverOverfit() {
    double[] mu = {-0.001, 0.003, 0.0, 0.001};
    double[][] returns = new double[64][mu.length];
    for (int t = 0; t < 64; t++) {
      for (int j = 0; j < mu.length; j++) {
        returns[t][j] = mu[j] + (t % 2 == 0 ? 0.01 : -0.01);
      }
    }
    PboResult result = Pbo.estimate(returns, 8);

    assertThat(result.combinations()).isEqualTo(70); // C(8, 4)
    assertThat(result.pbo()).isZero();
    assertThat(result.probabilityOfLoss()).isZero();
    assertThat(result.bestTrials()).containsOnly(1);
    // OOS rank 4 of 4: w = 4/5, logit ln(0.8 / 0.2) = ln 4
    assertThat(result.logits()).allSatisfy(l -> assertThat(l).isCloseTo(Math.log(4), within(1e-12)));
    // OOS: 32 rows of +-0.01 around 0.003: stdev = 0.01 sqrt(32/31), Sharpe = 0.3 sqrt(31/32) = 0.295275
    assertThat(result.oosSharpes())
        .allSatisfy(s -> assertThat(s).isCloseTo(0.3 * Math.sqrt(31.0 / 32), within(1e-9)));
  }

  /**
   * N = 2, S = 2, T = 4: blocks are rows {0, 1} and {2, 3}.
   *
   * <pre>
   *            block 0          block 1
   * trial A    +3%, +1%         -2%,  0%     mean 2%, sd 1.4142% -> SR  1.4142 | mean -1% -> SR -0.7071
   * trial B    +1%, -1%         +2%,  0%     mean 0%            -> SR  0      | mean  1% -> SR  0.7071
   *
   * IS block 0: A best (1.4142 > 0); OOS block 1: A -0.7071 < B 0.7071, rank 1, w = 1/3, logit ln(1/2)
   * IS block 1: B best (0.7071 > -0.7071); OOS block 0: B 0 < A 1.4142, rank 1, w = 1/3, logit ln(1/2)
   * </pre>
   *
   * Both logits are negative, so PBO = 1; one of the two OOS Sharpe ratios is negative, so P(loss) = 1/2.
   */
  @Test
  void tinyCaseWorkedByHand() {
    double[][] returns = {{0.03, 0.01}, {0.01, -0.01}, {-0.02, 0.02}, {0.00, 0.00}};
    PboResult result = Pbo.estimate(returns, 2);

    assertThat(result.combinations()).isEqualTo(2);
    assertThat(result.bestTrials()).containsExactly(0, 1);
    assertThat(result.logits()).hasSize(2)
        .allSatisfy(l -> assertThat(l).isCloseTo(Math.log(0.5), within(1e-12)));
    assertThat(result.oosSharpes().get(0)).isCloseTo(-Math.sqrt(0.5), within(1e-12));
    assertThat(result.oosSharpes().get(1)).isCloseTo(0, within(1e-12));
    assertThat(result.pbo()).isEqualTo(1);
    assertThat(result.probabilityOfLoss()).isEqualTo(0.5);
  }

  @Test
  void identicalTrialsTieToTheLowestIndexAndTheMiddleRank() {
    double[][] returns = {{0.01, 0.01}, {-0.02, -0.02}, {0.03, 0.03}, {0.00, 0.00}};
    PboResult result = Pbo.estimate(returns, 2);
    // both trials equal everywhere: IS best is trial 0, its OOS rank is (1 + 2) / 2 = 1.5, w = 0.5, logit 0 <= 0
    assertThat(result.bestTrials()).containsExactly(0, 0);
    assertThat(result.logits()).containsExactly(0.0, 0.0);
    assertThat(result.pbo()).isEqualTo(1);
  }

  /**
   * T = 9, S = 2: the first block takes the remainder row, so rows 0-4 and 5-8. Trial A differs from B only in
   * row 4 (+5% against 0%).
   *
   * <pre>
   * IS rows 0-4: A best (mean 1% vs 0%); OOS rows 5-8 identical: rank 1.5, w = 1/2, logit 0
   * IS rows 5-8: tie, A by index; OOS rows 0-4: A beats B, rank 2, w = 2/3, logit ln 2
   * </pre>
   *
   * Putting row 4 in the second block instead would swap the two logits.
   */
  @Test
  void theFirstBlocksTakeTheRemainderRows() {
    double[] pattern = {0.01, -0.01, 0.01, -0.01, 0.0, 0.01, -0.01, 0.01, -0.01};
    double[][] returns = new double[9][];
    for (int t = 0; t < 9; t++) {
      returns[t] = new double[] {t == 4 ? 0.05 : pattern[t], pattern[t]};
    }
    PboResult result = Pbo.estimate(returns, 2);
    assertThat(result.bestTrials()).containsExactly(0, 0);
    assertThat(result.logits().get(0)).isCloseTo(0, within(1e-12));
    assertThat(result.logits().get(1)).isCloseTo(Math.log(2), within(1e-12));
    assertThat(result.pbo()).isEqualTo(0.5);
  }

  /**
   * With skill-less trials the in-sample winner is a random trial out of sample, so its OOS rank is uniform and
   * PBO is 1/2 in expectation. One seed spreads widely, because a combination and its complement share all the
   * data (over seeds 1-200 only half the estimates fall in [0.35, 0.65], the mean is 0.500), so the test holds the
   * mean over seeds 1-20 (0.42) to [0.35, 0.65].
   */
  @Test
  void noiseTrialsAreOverfitAboutHalfTheTime() {
    double sum = 0;
    int seeds = 20;
    for (long seed = 1; seed <= seeds; seed++) {
      PboResult result = Pbo.estimate(noise(800, 20, seed), 10);
      assertThat(result.combinations()).isEqualTo(252); // C(10, 5)
      sum += result.pbo();
    }
    assertThat(sum / seeds).isBetween(0.35, 0.65);
  }

  @Test
  void theEstimateIsDeterministic() {
    double[][] returns = noise(200, 6, 7);
    assertThat(Pbo.estimate(returns, 8)).isEqualTo(Pbo.estimate(returns, 8));
    assertThat(Pbo.estimate(noise(320, 3, 7)).combinations()).isEqualTo(12870); // default S = 16: C(16, 8)
  }

  @Test
  void theLogitsOfAGoodTrialArePositive() {
    double[][] returns = noise(800, 10, 3);
    for (double[] row : returns) {
      row[4] += 0.01; // Sharpe 1 per period against noise of stdev 1%
    }
    PboResult result = Pbo.estimate(returns, 10);
    assertThat(result.pbo()).isZero();
    assertThat(Collections.min(result.logits())).isEqualTo(Math.log(10.0 / 11 / (1 - 10.0 / 11)));
    assertThat(result.bestTrials()).containsOnly(4);
  }

  @Test
  void argumentsAreChecked() {
    double[][] ok = noise(40, 3, 1);
    assertThatThrownBy(() -> Pbo.estimate(ok, 5)).hasMessageContaining("'blocks'");
    assertThatThrownBy(() -> Pbo.estimate(ok, 32)).hasMessageContaining("'returns'");
    assertThatThrownBy(() -> Pbo.estimate(noise(40, 1, 1), 4)).hasMessageContaining("2 trials");
    double[][] ragged = noise(40, 3, 1);
    ragged[7] = new double[2];
    assertThatThrownBy(() -> Pbo.estimate(ragged, 4)).hasMessageContaining("row 7");
    double[][] nan = noise(40, 3, 1);
    nan[3][1] = Double.NaN;
    assertThatThrownBy(() -> Pbo.estimate(nan, 4)).hasMessageContaining("returns[3][1]");
  }

  /** iid normal returns with stdev 1%, no skill. */
  private static double[][] noise(int rows, int trials, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] r = new double[rows][trials];
    for (double[] row : r) {
      for (int j = 0; j < trials; j++) {
        row[j] = 0.01 * random.nextGaussian();
      }
    }
    return r;
  }
}
