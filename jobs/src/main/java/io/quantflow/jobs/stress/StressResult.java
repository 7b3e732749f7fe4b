package io.quantflow.jobs.stress;

import io.quantflow.connectors.parquet.ParquetTable;
import io.quantflow.domain.Checks;
import io.quantflow.domain.EquityPoint;
import io.quantflow.jobs.backtest.BacktestJob;
import io.quantflow.models.metrics.PerformanceMetrics;
import io.quantflow.models.metrics.TailRisk;
import java.util.List;

/**
 * One row of the stress report ({@code stress.parquet}, {@code stress.arrow}, {@code stress.md}): a backtest of the
 * baseline, of a synthetic scenario or of a historical period, and its difference to the baseline. Returns are
 * simple and fractions decimal (0.05 = 5 percent); losses (drawdown, VaR, CVaR) are positive fractions; timestamps
 * are UTC epoch microseconds. Immutable and thread-safe.
 *
 * @param scenario {@code baseline}, the scenario's or the period's name
 * @param kind {@code baseline}, {@code synthetic} or {@code historical}
 * @param description what was changed: the transforms, or the period's dates
 * @param runDir the backtest's run folder, relative to the report's folder, e.g. {@code runs/flash-crash}
 * @param splits splits in the store's corporate actions with an ex-date inside the run: the portfolio applies them,
 *     but raw bars jump there and the indicators see the jump
 * @param metrics the run's statistics
 * @param baseline the baseline's statistics (the same as {@code metrics} on the baseline row)
 */
public record StressResult(String scenario, String kind, String description, String runDir, int splits,
    Metrics metrics, Metrics baseline) {

  /** Confidence of the value at risk and conditional value at risk columns. */
  public static final double CONFIDENCE = 0.95;

  /** Checks the arguments. */
  public StressResult {
    Checks.notBlank(scenario, "scenario");
    Checks.isTrue(List.of("baseline", "synthetic", "historical").contains(kind),
        "Argument 'kind' must be baseline, synthetic or historical but was '%s'", kind);
    Checks.notNull(description, "description");
    Checks.notBlank(runDir, "runDir");
    Checks.notNull(metrics, "metrics");
    Checks.notNull(baseline, "baseline");
  }

  /**
   * The statistics of one backtest, as in its {@code metrics.json} where the key exists there.
   *
   * @param startMicros first valuation instant ({@code start})
   * @param endMicros last valuation instant ({@code end})
   * @param bars base-timeframe bars processed ({@code bars})
   * @param periods return periods {@code n} ({@code periods})
   * @param totalReturn {@code E_n / E_0 - 1} ({@code total_return})
   * @param maxDrawdown positive fraction ({@code max_drawdown})
   * @param worstPeriodReturn the smallest period return, negative for a loss ({@code worst_period})
   * @param annualizedVolatility ({@code annualized_volatility}); NaN with one period
   * @param valueAtRisk historical one-period VaR at {@link #CONFIDENCE} of the period returns, a loss fraction
   *     ({@link TailRisk})
   * @param conditionalValueAtRisk historical one-period CVaR (expected shortfall) at {@link #CONFIDENCE}
   * @param finalGrossExposure gross exposure at the last valuation, a fraction of equity
   *     ({@code (long - short) / equity})
   * @param finalNetExposure net exposure at the last valuation, a signed fraction of equity
   * @param fills number of fills ({@code fills})
   */
  public record Metrics(long startMicros, long endMicros, long bars, int periods, double totalReturn,
      double maxDrawdown, double worstPeriodReturn, double annualizedVolatility, double valueAtRisk,
      double conditionalValueAtRisk, double finalGrossExposure, double finalNetExposure, int fills) {

    /**
     * The statistics of a finished backtest with {@code initialCash} USD: the equity curve is the initial cash
     * followed by the run's valuations, as in {@code metrics.json}.
     *
     * @throws IllegalArgumentException if the run has no valuation
     */
    public static Metrics of(BacktestJob.Result run, double initialCash) {
      List<EquityPoint> equity = run.equity();
      Checks.isTrue(!equity.isEmpty() && run.metrics() != null, "The backtest in %s has no equity curve: no bars "
          + "were valued", run.outputDir());
      double[] curve = new double[equity.size() + 1];
      curve[0] = initialCash;
      for (int i = 0; i < equity.size(); i++) {
        curve[i + 1] = equity.get(i).equity();
      }
      TailRisk tail = TailRisk.ofEquity(curve, CONFIDENCE);
      PerformanceMetrics m = run.metrics();
      EquityPoint last = equity.get(equity.size() - 1);
      return new Metrics(equity.get(0).timestampMicros(), last.timestampMicros(), run.bars(), m.periods(),
          m.totalReturn(), m.maxDrawdown(), m.worstPeriod(), m.annualizedVolatility(), tail.valueAtRisk(),
          tail.conditionalValueAtRisk(), last.grossExposure(), last.netExposure(), run.fills().size());
    }
  }

  /** {@code total_return} minus the baseline's. */
  public double totalReturnVsBaseline() {
    return metrics.totalReturn() - baseline.totalReturn();
  }

  /** {@code max_drawdown} minus the baseline's (positive: deeper). */
  public double maxDrawdownVsBaseline() {
    return metrics.maxDrawdown() - baseline.maxDrawdown();
  }

  /** {@code worst_period_return} minus the baseline's (negative: worse). */
  public double worstPeriodReturnVsBaseline() {
    return metrics.worstPeriodReturn() - baseline.worstPeriodReturn();
  }

  /** {@code annualized_volatility} minus the baseline's. */
  public double annualizedVolatilityVsBaseline() {
    return metrics.annualizedVolatility() - baseline.annualizedVolatility();
  }

  /** {@code var_95} minus the baseline's (positive: riskier). */
  public double valueAtRiskVsBaseline() {
    return metrics.valueAtRisk() - baseline.valueAtRisk();
  }

  /** {@code cvar_95} minus the baseline's (positive: riskier). */
  public double conditionalValueAtRiskVsBaseline() {
    return metrics.conditionalValueAtRisk() - baseline.conditionalValueAtRisk();
  }

  /** {@code final_gross_exposure} minus the baseline's. */
  public double finalGrossExposureVsBaseline() {
    return metrics.finalGrossExposure() - baseline.finalGrossExposure();
  }

  /** {@code fills} minus the baseline's. */
  public int fillsVsBaseline() {
    return metrics.fills() - baseline.fills();
  }

  /** The report table; undefined values (NaN) are null. Columns in {@code docs/stress.md}. */
  public static final ParquetTable<StressResult> TABLE = ParquetTable.<StressResult>builder("stress")
      .string("scenario", StressResult::scenario)
      .string("kind", StressResult::kind)
      .string("description", StressResult::description)
      .string("run_dir", StressResult::runDir)
      .timestampMicros("start", r -> r.metrics().startMicros())
      .timestampMicros("end", r -> r.metrics().endMicros())
      .int64("bars", r -> r.metrics().bars())
      .int64("periods", r -> r.metrics().periods())
      .optionalFloat64("total_return", r -> r.metrics().totalReturn())
      .optionalFloat64("max_drawdown", r -> r.metrics().maxDrawdown())
      .optionalFloat64("worst_period_return", r -> r.metrics().worstPeriodReturn())
      .optionalFloat64("annualized_volatility", r -> r.metrics().annualizedVolatility())
      .optionalFloat64("var_95", r -> r.metrics().valueAtRisk())
      .optionalFloat64("cvar_95", r -> r.metrics().conditionalValueAtRisk())
      .optionalFloat64("final_gross_exposure", r -> r.metrics().finalGrossExposure())
      .optionalFloat64("final_net_exposure", r -> r.metrics().finalNetExposure())
      .int64("fills", r -> r.metrics().fills())
      .int64("splits", StressResult::splits)
      .optionalFloat64("total_return_vs_baseline", StressResult::totalReturnVsBaseline)
      .optionalFloat64("max_drawdown_vs_baseline", StressResult::maxDrawdownVsBaseline)
      .optionalFloat64("worst_period_return_vs_baseline", StressResult::worstPeriodReturnVsBaseline)
      .optionalFloat64("annualized_volatility_vs_baseline", StressResult::annualizedVolatilityVsBaseline)
      .optionalFloat64("var_95_vs_baseline", StressResult::valueAtRiskVsBaseline)
      .optionalFloat64("cvar_95_vs_baseline", StressResult::conditionalValueAtRiskVsBaseline)
      .optionalFloat64("final_gross_exposure_vs_baseline", StressResult::finalGrossExposureVsBaseline)
      .int64("fills_vs_baseline", StressResult::fillsVsBaseline)
      .build();
}
