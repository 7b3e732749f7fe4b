package io.quantflow.jobs.cli;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.jobs.backtest.BacktestJob;
import io.quantflow.jobs.backtest.Progress;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.models.metrics.PerformanceMetrics;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code quant backtest}. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
    description = {"Backtests the trend-agreement strategy: bars -> features -> signals -> next-bar-open fills -> "
        + "equity, on the embedded Flink MiniCluster.",
        "Writes features.parquet, wide.parquet, signals.parquet, fills.parquet, equity.parquet, rejected.parquet, metrics.json "
            + "and config.yaml into the output folder.",
        "With no arguments it runs over the bundled real sample (8 US stocks and ETFs, 1-minute bars, 5 days)."})
final class BacktestCommand extends JobCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    JobConfig config = jobConfig();
    Path out = outputDir("backtest");
    Progress progress = Progress.STDERR;
    BarStore store = inputStore(out, progress);
    BacktestJob.Result r = BacktestJob.run(config, store, out, progress);
    PerformanceMetrics m = r.metrics();
    System.out.printf(Locale.ROOT, "%nBacktest of %d symbols, %,d %s bars: %,d signals, %,d fills, %,d rejected "
            + "inputs (%.1f s)%n", r.symbols(), r.bars(), config.timeframe().label(), r.signals().size(),
        r.fills().size(), r.rejected().size(), (System.nanoTime() - start) / 1e9);
    System.out.printf(Locale.ROOT, "  total return %+.3f%%  annualised return %+.2f%%  annualised volatility %.2f%%%n",
        100 * m.totalReturn(), 100 * m.annualizedReturn(), 100 * m.annualizedVolatility());
    System.out.printf(Locale.ROOT, "  Sharpe %.2f  Sortino %.2f  max drawdown %.3f%%%n", m.sharpe(), m.sortino(),
        100 * m.maxDrawdown());
    System.out.printf(Locale.ROOT, "Results in %s%n", out);
    System.out.printf(Locale.ROOT, "  e.g. duckdb -c \"SELECT * FROM '%s' ORDER BY timestamp DESC LIMIT 5\"%n",
        out.resolve("equity.parquet"));
    return 0;
  }
}
