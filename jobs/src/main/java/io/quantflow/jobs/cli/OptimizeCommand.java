package io.quantflow.jobs.cli;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.jobs.backtest.Progress;
import io.quantflow.jobs.optimize.LocalBacktestEvaluator;
import io.quantflow.jobs.optimize.OptimizeJob;
import io.quantflow.jobs.optimize.OptimizeSpec;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code quant optimize}. */
@Command(name = "optimize", mixinStandardHelpOptions = true,
    description = {"Searches strategy parameters: renders the spec's base config for each point of its parameter "
        + "space (grid, random or TPE search), backtests every trial in-process on the slots of a Flink BATCH job, "
        + "and ranks the trials by the objective.",
        "Reports the best trial with its deflated Sharpe ratio (corrected for the number of trials) and the "
            + "probability of backtest overfitting (PBO, by combinatorially symmetric cross-validation).",
        "Writes trials.parquet (one row per trial), best.yaml (the best config, for quant backtest --config) and "
            + "optimization.json into the output folder.",
        "Example: quant optimize --config config/optimize.yaml"})
final class OptimizeCommand extends SpecCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    BarStore store = store();
    OptimizeSpec s = spec(store);
    if (s.walkForward() != null) {
      throw new UserError("Spec " + spec + " has a 'walkForward:' section; run it with quant walk-forward, or remove "
          + "the section to optimise over the whole window");
    }
    Path out = outputDir("optimize");
    OptimizeJob.Result r = OptimizeJob.run(s, new LocalBacktestEvaluator(store.root()), out, Progress.STDERR);
    System.out.printf(Locale.ROOT, "%n%s", r.summary());
    System.out.printf(Locale.ROOT, "Results in %s (%.1f s)%n", out, (System.nanoTime() - start) / 1e9);
    System.out.printf(Locale.ROOT, "  e.g. duckdb -c \"SELECT * FROM '%s' ORDER BY objective DESC LIMIT 5\"%n",
        out.resolve("trials.parquet"));
    return 0;
  }
}
