package io.quantflow.models.risk;

import io.quantflow.domain.Checks;
import io.quantflow.models.metrics.TailRisk;
import java.util.Arrays;

/**
 * A backtest of one-day VaR forecasts against the realised daily returns. Day {@code t} is an exception when its
 * loss exceeds the forecast, {@code r_t < -VaR_t} (a loss equal to the VaR is not an exception). Immutable and
 * thread-safe: the arrays are copied in and out.
 *
 * @param confidence {@code c} of the forecasts, in (0, 1)
 * @param forecasts {@code VaR_t}, loss fractions, each made without day {@code t}'s return
 * @param realised {@code r_t}, simple returns, aligned with {@code forecasts}
 * @param exceptions the number of days with {@code r_t < -VaR_t}
 * @param kupiec Kupiec's test of {@code exceptions} in {@code forecasts.length} days
 */
public record VarBacktest(double confidence, double[] forecasts, double[] realised, int exceptions,
    KupiecTest kupiec) {

  /** Checks the fields and copies the arrays. */
  public VarBacktest {
    VarSpec.checkConfidence(confidence);
    Checks.isTrue(countExceptions(forecasts, realised) == exceptions,
        "Argument 'exceptions' must count the days with r_t < -VaR_t but was %s", exceptions);
    Checks.notNull(kupiec, "kupiec");
    forecasts = forecasts.clone();
    realised = realised.clone();
  }

  /**
   * The backtest of {@code forecasts} (one-day VaR, loss fractions) against {@code realised} (the daily simple
   * returns of the same days).
   *
   * @throws IllegalArgumentException if the lengths differ or are 0, or a value is not finite
   */
  public static VarBacktest of(double[] forecasts, double[] realised, double confidence) {
    int x = countExceptions(forecasts, realised);
    return new VarBacktest(confidence, forecasts, realised, x, KupiecTest.of(forecasts.length, x, confidence));
  }

  /**
   * The rolling historical backtest: for each day {@code t = W, ..., n - 1} the forecast is {@link TailRisk}'s
   * historical one-day VaR of the {@code W} returns {@code r_(t-W) ... r_(t-1)}, i.e. made with data up to the day
   * before only, and it is compared with {@code r_t}. That gives {@code n - W} forecasts.
   *
   * @param returns daily simple returns, in time order
   * @param window {@code W}, days per forecast, at least 1 and less than {@code returns.length}
   * @throws IllegalArgumentException if the window does not fit or a return is not finite
   */
  public static VarBacktest rollingHistorical(double[] returns, int window, double confidence) {
    Checks.notNull(returns, "returns");
    Checks.positive(window, "window");
    Checks.isTrue(window < returns.length,
        "Argument 'window' (%d days) must be shorter than the returns (%d days) to leave days to test", window,
        returns.length);
    double[] forecasts = new double[returns.length - window];
    for (int t = window; t < returns.length; t++) {
      forecasts[t - window] = TailRisk.of(Arrays.copyOfRange(returns, t - window, t), confidence).valueAtRisk();
    }
    return of(forecasts, Arrays.copyOfRange(returns, window, returns.length), confidence);
  }

  /**
   * The number of days with {@code realised[t] < -forecasts[t]}.
   *
   * @throws IllegalArgumentException if the lengths differ or are 0, or a value is not finite
   */
  public static int countExceptions(double[] forecasts, double[] realised) {
    Checks.notNull(forecasts, "forecasts");
    Checks.notNull(realised, "realised");
    Checks.isTrue(forecasts.length == realised.length && forecasts.length > 0,
        "Arguments 'forecasts' and 'realised' must have the same positive length but have %d and %d",
        forecasts.length, realised.length);
    int x = 0;
    for (int t = 0; t < forecasts.length; t++) {
      Checks.finite(forecasts[t], "forecasts[" + t + "]");
      Checks.finite(realised[t], "realised[" + t + "]");
      if (realised[t] < -forecasts[t]) {
        x++;
      }
    }
    return x;
  }

  /** A copy of the forecasts. */
  @Override
  public double[] forecasts() {
    return forecasts.clone();
  }

  /** A copy of the realised returns. */
  @Override
  public double[] realised() {
    return realised.clone();
  }

  /** The number of forecast days {@code T}. */
  public int observations() {
    return forecasts.length;
  }

  /** The Basel traffic-light zone of the exceptions ({@link BaselZone#of(int, int, double)}). */
  public BaselZone zone() {
    return BaselZone.of(forecasts.length, exceptions, confidence);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VarBacktest b && Double.compare(confidence, b.confidence) == 0
        && Arrays.equals(forecasts, b.forecasts) && Arrays.equals(realised, b.realised) && kupiec.equals(b.kupiec);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(forecasts) + Arrays.hashCode(realised);
  }

  @Override
  public String toString() {
    return "VarBacktest[confidence=" + confidence + ", observations=" + forecasts.length + ", exceptions="
        + exceptions + ", kupiec=" + kupiec + "]";
  }
}
