package io.quantflow.jobs.cli;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.jobs.backtest.Progress;
import io.quantflow.jobs.optimize.LocalBacktestEvaluator;
import io.quantflow.jobs.optimize.OptimizeSpec;
import io.quantflow.jobs.optimize.WalkForwardJob;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code quant walk-forward}. */
@Command(name = "walk-forward", mixinStandardHelpOptions = true,
    description = {"Walk-forward analysis: cuts the window into steps of train and test sessions (NYSE calendar), "
        + "optimises on each train window as quant optimize does, then backtests the best parameters on the "
        + "following test window, which the optimisation never saw.",
        "The result is the out-of-sample equity: the test segments chained one after the other. Train windows roll "
            + "forward by walkForward.step, or all start at the first session with anchored: true.",
        "Writes windows.parquet (one row per step), oos-equity.parquet, trials.parquet (every step's trials) and "
            + "metrics.json (of the out-of-sample curve) into the output folder.",
        "With walkForward.retrain (a quant train YAML, or default) and config.model.name, each step first retrains "
            + "the model on its train window only and tests with that version (models.json, registry/).",
        "Example: quant walk-forward --config config/walk-forward.yaml"})
final class WalkForwardCommand extends SpecCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    BarStore store = store();
    OptimizeSpec s = spec(store);
    if (s.walkForward() == null) {
      throw new UserError("Spec " + spec + " has no 'walkForward:' section; add e.g. 'walkForward: {train: 60d, "
          + "test: 20d}' (see config/walk-forward.yaml), or run it with quant optimize");
    }
    Path out = outputDir("walk-forward");
    WalkForwardJob.Result r = WalkForwardJob.run(s, new LocalBacktestEvaluator(store.root()), store, out,
        Progress.STDERR);
    System.out.printf(Locale.ROOT, "%n%s", r.summary());
    System.out.printf(Locale.ROOT, "Results in %s (%.1f s)%n", out, (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
