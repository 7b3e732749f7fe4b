package io.quantflow.jobs.backtest;

import io.quantflow.domain.Direction;
import io.quantflow.jobs.report.MonthlyReturn;
import io.quantflow.jobs.report.Tearsheet;
import io.quantflow.jobs.report.TearsheetWriter;
import io.quantflow.models.metrics.MonthlyReturns;
import io.quantflow.models.metrics.RollingStatistics;
import io.quantflow.models.metrics.RoundTrip;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Builds {@code report.html} of a run from its {@link RunAnalysis}: the same numbers as {@code metrics.json}, drawn.
 * The rolling window is one trading day of periods (at least 20), so 390 one-minute bars or 20 daily bars.
 */
public final class RunReport {
  private RunReport() {}

  /**
   * Writes {@code report.html} into {@code dir}; a run without valuations gets none.
   *
   * @param metrics the keys of {@code metrics.json}
   * @param config the effective configuration as a tree
   */
  public static void write(Path dir, String runId, String strategy, RunAnalysis a, String benchmarkSymbol,
      double periodsPerYear, double riskFreeRate, Map<String, Object> metrics, Map<String, Object> config) {
    int n = a.equity().length - 1;
    if (n < 1) {
      return;
    }
    long[] ts = Arrays.copyOfRange(a.times(), 1, n + 1);
    double[] eq = Arrays.copyOfRange(a.equity(), 1, n + 1);
    double[] bench = a.benchmark() == null ? null : Arrays.copyOfRange(a.benchmark(), 1, n + 1);
    double[] gross = new double[n];
    double[] net = new double[n];
    for (int i = 0; i < n; i++) {
      gross[i] = eq[i] != 0 ? a.grossExposure()[i + 1] / eq[i] : 0;
      net[i] = eq[i] != 0 ? a.netExposure()[i + 1] / eq[i] : 0;
    }
    int window = Math.max(20, (int) Math.round(periodsPerYear / 252.0));
    double[] sharpe = n >= 2 ? RollingStatistics.sharpe(eq, Math.min(window, Math.max(2, n - 1)), periodsPerYear,
        riskFreeRate) : nans(n);
    double[] vol = n >= 2 ? RollingStatistics.volatility(eq, Math.min(window, Math.max(2, n - 1)), periodsPerYear)
        : nans(n);
    List<MonthlyReturn> months = new ArrayList<>();
    if (n >= 2) {
      for (MonthlyReturns.Month m : MonthlyReturns.of(ts, eq).months()) {
        months.add(new MonthlyReturn(m.year(), m.month(), m.returnFraction()));
      }
    }
    List<io.quantflow.jobs.report.TradeRow> trades = new ArrayList<>();
    for (RoundTrip t : a.tradeStatistics().roundTrips()) {
      trades.add(new io.quantflow.jobs.report.TradeRow(t.symbol(), t.direction() > 0 ? Direction.LONG
          : Direction.SHORT, t.quantity(), t.entryMicros(), t.exitMicros(), t.entryPrice(), t.exitPrice(), t.pnl(),
          t.returnFraction()));
    }
    Tearsheet sheet = new Tearsheet(runId, "QuantFlow backtest", strategy, ts, eq, bench,
        bench == null ? null : benchmarkSymbol, RollingStatistics.drawdown(eq), sharpe, vol,
        Math.min(window, Math.max(2, n - 1)), months, gross, net, trades, metrics, config);
    TearsheetWriter.write(sheet, dir.resolve("report.html"));
  }

  private static double[] nans(int n) {
    double[] d = new double[n];
    Arrays.fill(d, Double.NaN);
    return d;
  }
}
