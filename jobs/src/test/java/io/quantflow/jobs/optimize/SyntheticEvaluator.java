package io.quantflow.jobs.optimize;

import io.quantflow.domain.calendar.ExchangeCalendar;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.models.metrics.PerformanceMetrics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A deterministic stand-in for the in-process backtest: an hourly equity curve from the window start (inclusive) to
 * its end (exclusive) whose period returns depend on the window and three config values in a known way:
 *
 * <pre>
 * r(t) = grossLeverage * (seed * drift(day of t) + noise(t)) - costBps * 1e-5
 * drift(day) = +0.0005 when the New York date's epoch day mod 4 is 0 or 1, else -0.0005
 * noise(t)   = 0.002 * ((hour(t) * 7919 mod 11) - 5) / 5, hour(t) = hours since the epoch
 * </pre>
 *
 * So {@code seed} acts as a signed exposure to the daily drift: which sign is best depends on the days in the
 * window. Metrics are {@link PerformanceMetrics} of the curve with {@link #PERIODS_PER_YEAR}.
 */
final class SyntheticEvaluator implements TrialEvaluator {
  private static final long serialVersionUID = 1L;
  static final long HOUR_MICROS = 3_600_000_000L;
  static final double PERIODS_PER_YEAR = 252.0 * 24;

  @Override
  public TrialResult evaluate(JobConfig config, Window window) {
    int n = (int) ((window.endMicros() - window.startMicros() + HOUR_MICROS - 1) / HOUR_MICROS);
    long[] times = new long[n];
    double[] equity = new double[n];
    times[0] = window.startMicros();
    equity[0] = config.portfolio().initialCash();
    for (int i = 1; i < n; i++) {
      times[i] = window.startMicros() + i * HOUR_MICROS;
      equity[i] = equity[i - 1] * (1 + returnAt(config, times[i]));
    }
    return new TrialResult(times, equity, metrics(equity, config.riskFreeRate()), PERIODS_PER_YEAR);
  }

  static double returnAt(JobConfig config, long tMicros) {
    long hour = Math.floorDiv(tMicros, HOUR_MICROS);
    double noise = 0.002 * (Math.floorMod(hour * 7919L, 11) - 5) / 5.0;
    long day = Instant.ofEpochSecond(tMicros / 1_000_000L).atZone(ExchangeCalendar.NEW_YORK).toLocalDate()
        .toEpochDay();
    double drift = Math.floorMod(day, 4) < 2 ? 0.0005 : -0.0005;
    return config.portfolio().grossLeverage() * (config.seed() * drift + noise) - config.portfolio().costBps() * 1e-5;
  }

  static Map<String, Double> metrics(double[] equity, double riskFreeRate) {
    Map<String, Double> m = new LinkedHashMap<>();
    if (equity.length < 2) {
      return m;
    }
    PerformanceMetrics p = PerformanceMetrics.of(equity, PERIODS_PER_YEAR, riskFreeRate);
    m.put("total_return", p.totalReturn());
    m.put("annualized_return", p.annualizedReturn());
    m.put("annualized_volatility", p.annualizedVolatility());
    m.put("sharpe", p.sharpe());
    m.put("sortino", p.sortino());
    m.put("calmar", p.calmar());
    m.put("max_drawdown", p.maxDrawdown());
    return m;
  }
}
