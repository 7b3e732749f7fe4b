package io.quantflow.models.metrics;

import io.quantflow.domain.Checks;
import java.util.Arrays;

/**
 * Historical (non-parametric) value at risk and conditional value at risk of period returns, both as positive loss
 * fractions (0.03 = a loss of 3 percent of equity in one period). With the {@code n} simple period returns sorted
 * ascending, {@code r_(1) <= ... <= r_(n)}, and the tail size {@code k = max(1, ceil(n (1 - c)))} for confidence
 * {@code c}:
 *
 * <pre>
 * VaR_c  = -r_(k)                          the loss exceeded in at most a share 1 - c of the periods
 * CVaR_c = -(r_(1) + ... + r_(k)) / k      the mean loss of those k worst periods (expected shortfall)
 * </pre>
 *
 * so {@code CVaR >= VaR}. Both are negative when even the worst periods gained. With 100 returns and {@code c = 0.95}
 * the tail is the 5 worst returns. Immutable and thread-safe.
 *
 * @param confidence {@code c}, in (0, 1), e.g. 0.95
 * @param observations {@code n}
 * @param tail {@code k}, the number of worst returns averaged by CVaR
 * @param valueAtRisk {@code VaR_c}, a loss fraction; NaN without returns
 * @param conditionalValueAtRisk {@code CVaR_c}, a loss fraction; NaN without returns
 */
public record TailRisk(double confidence, int observations, int tail, double valueAtRisk,
    double conditionalValueAtRisk) {

  /**
   * The tail risk of {@code returns} (simple period returns, decimals; not modified).
   *
   * @throws IllegalArgumentException if {@code confidence} is not in (0, 1) or a return is not finite
   */
  public static TailRisk of(double[] returns, double confidence) {
    Checks.notNull(returns, "returns");
    Checks.isTrue(confidence > 0 && confidence < 1, "Argument 'confidence' must be in (0, 1) but was %s",
        confidence);
    int n = returns.length;
    if (n == 0) {
      return new TailRisk(confidence, 0, 0, Double.NaN, Double.NaN);
    }
    double[] sorted = returns.clone();
    for (double r : sorted) {
      Checks.finite(r, "returns[]");
    }
    Arrays.sort(sorted);
    // 1 - 0.95 is 0.050000000000000044 in binary: without the tolerance 100 returns would give a tail of 6
    int k = Math.max(1, (int) Math.ceil(n * (1 - confidence) - 1e-9));
    double sum = 0;
    for (int i = 0; i < k; i++) {
      sum += sorted[i];
    }
    return new TailRisk(confidence, n, k, -sorted[k - 1], -sum / k);
  }

  /**
   * The tail risk of the simple returns {@code E_i / E_{i-1} - 1} of an equity curve {@code E_0 ... E_n} (USD,
   * positive).
   */
  public static TailRisk ofEquity(double[] equity, double confidence) {
    Checks.notNull(equity, "equity");
    double[] r = new double[Math.max(0, equity.length - 1)];
    for (int i = 0; i < r.length; i++) {
      r[i] = equity[i + 1] / equity[i] - 1;
    }
    return of(r, confidence);
  }
}
