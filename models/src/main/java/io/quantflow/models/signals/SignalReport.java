package io.quantflow.models.signals;

import io.quantflow.domain.Checks;
import java.util.Comparator;
import java.util.List;

/**
 * Statistics of one signal at one forward-return horizon, computed by {@link SignalEvaluator}; the definitions are
 * in that class. Returns are simple and unannualised; "valid" observations are those whose forward return is known
 * (not NaN). Immutable and thread-safe.
 *
 * @param signal signal name
 * @param horizonBars forward-return horizon, in bars
 * @param observations valid observations used by the return-based statistics
 * @param excludedObservations observations left out because their forward return is NaN (past the end of the data,
 *     or no bar at that timestamp)
 * @param crossSections cross-sections (timestamps) with a defined rank IC
 * @param meanIc mean of the cross-sectional rank ICs; NaN if there are none
 * @param icStdDev sample standard deviation (divisor n - 1) of the cross-sectional ICs; NaN if fewer than 2
 * @param icTStat {@code meanIc / (icStdDev / sqrt(crossSections))}; NaN if {@code icStdDev} is NaN or zero
 * @param icInformationRatio {@code meanIc / icStdDev}, per cross-section (not annualised); NaN as for the t-stat
 * @param pooledIc rank IC of all valid (score, forward return) pairs pooled over symbols and time; for a single
 *     symbol this is the time-series rank IC. NaN if fewer than 3 pairs or zero variance
 * @param hitRate fraction of valid observations with non-zero score where {@code sign(score) == sign(return)};
 *     a zero return is a miss; NaN if every score is zero
 * @param quantileMeanReturns mean forward return per score quantile, lowest scores first; NaN for an empty quantile
 * @param quantilesPooled true if quantiles were assigned over all observations pooled, false if per cross-section
 * @param topMinusBottom last minus first entry of {@code quantileMeanReturns}
 * @param turnover mean fraction of symbols changing quantile between consecutive timestamps; NaN if undefined
 * @param scoreAutocorrelation mean over symbols of the lag-1 rank autocorrelation of the score; NaN if undefined
 */
public record SignalReport(String signal, int horizonBars, int observations, int excludedObservations,
    int crossSections, double meanIc, double icStdDev, double icTStat, double icInformationRatio, double pooledIc,
    double hitRate, List<Double> quantileMeanReturns, boolean quantilesPooled, double topMinusBottom, double turnover,
    double scoreAutocorrelation) {

  /**
   * Strongest first: descending {@code |icTStat|}, NaN t-stats last, then by signal name and horizon so the order
   * is total and stable.
   */
  public static final Comparator<SignalReport> BY_STRENGTH = Comparator
      .comparingDouble((SignalReport r) -> Double.isNaN(r.icTStat()) ? Double.NEGATIVE_INFINITY
          : Math.abs(r.icTStat()))
      .reversed()
      .thenComparing(SignalReport::signal)
      .thenComparingInt(SignalReport::horizonBars);

  /** Checks the fields and copies the list. */
  public SignalReport {
    Checks.notBlank(signal, "signal");
    Checks.positive(horizonBars, "horizonBars");
    Checks.notNull(quantileMeanReturns, "quantileMeanReturns");
    quantileMeanReturns = List.copyOf(quantileMeanReturns);
  }
}
