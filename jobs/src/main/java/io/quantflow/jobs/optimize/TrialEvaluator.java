package io.quantflow.jobs.optimize;

import io.quantflow.jobs.config.JobConfig;
import java.io.Serializable;

/**
 * Runs one backtest trial: a configuration over a time window of a store, in-process (no Flink job of its own), so
 * an optimisation can spread many trials over the slots of one Flink job. Implementations load their input once
 * per instance and are reused for many trials; they must be deterministic (same config and window, same result).
 */
public interface TrialEvaluator extends Serializable {
  /**
   * Backtests {@code config} over {@code window}: features warm up on bars from {@code window.warmupStartMicros()},
   * trading and the returned equity curve cover {@code [window.startMicros(), window.endMicros())} only.
   *
   * @throws Exception when the input cannot be read
   */
  TrialResult evaluate(JobConfig config, Window window) throws Exception;

  /**
   * A time window, UTC epoch microseconds.
   *
   * @param warmupStartMicros first bar the features may see
   * @param startMicros first instant that may trade; the equity curve starts here at the initial cash
   * @param endMicros end (exclusive) of the window
   */
  record Window(long warmupStartMicros, long startMicros, long endMicros) implements Serializable {
    /** Checks the order of the three instants. */
    public Window {
      io.quantflow.domain.Checks.isTrue(warmupStartMicros <= startMicros && startMicros < endMicros,
          "Window needs warmupStart <= start < end but was %d, %d, %d", warmupStartMicros, startMicros, endMicros);
    }
  }

  /**
   * What a trial produced.
   *
   * @param timesMicros valuation instants, UTC epoch micros, increasing; {@code timesMicros[0]} is the window start
   * @param equity equity at each instant, USD; {@code equity[0]} is the initial cash
   * @param metrics named statistics of the curve ({@code sharpe}, {@code total_return}, {@code max_drawdown}, ...,
   *     the keys of {@code metrics.json}); NaN where undefined
   * @param periodsPerYear periods per year of the curve's spacing
   */
  record TrialResult(long[] timesMicros, double[] equity, java.util.Map<String, Double> metrics,
      double periodsPerYear) implements Serializable {}
}
