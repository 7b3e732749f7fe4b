package io.quantflow.jobs.cli;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.jobs.backtest.Progress;
import io.quantflow.jobs.stress.StressConfig;
import io.quantflow.jobs.stress.StressJob;
import io.quantflow.jobs.stress.StressResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code quant stress}. */
@Command(name = "stress", mixinStandardHelpOptions = true,
    description = {"Stress-tests the backtest: runs it on the store as it is (the baseline), on synthetic scenarios "
        + "(gap down, volatility and volume multipliers, flash crash, halt, delisting) and on historical periods of "
        + "the store, and compares each with the baseline.",
        "Writes stress.parquet, stress.arrow and stress.md, and each backtest's files under runs/<name>/, into the "
            + "output folder. Configuration: config/stress.yaml, docs/stress.md."})
final class StressCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", required = true,
      description = "Stress configuration (YAML: backtest, scenarios, periods; see config/stress.yaml and "
          + "docs/stress.md).")
  Path config;

  @Option(names = "--data", paramLabel = "STORE",
      description = "Input store (a folder with bars/). Default: the bundled real sample (data/sample/store).")
  Path data;

  @Mixin Options.Output output;
  @Mixin Options.Parallelism parallelism;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    StressConfig c = StressConfig.load(config);
    if (parallelism.parallelism != null) {
      c = c.withParallelism(parallelism.parallelism);
    }
    c.backtest().pipeline(); // checks the backtest settings against each other before any run
    Path storeDir = data != null ? data.toAbsolutePath().normalize() : QuantHome.sampleStore();
    if (!BarStore.isStore(storeDir)) {
      throw new UserError((data != null ? "--data " + storeDir : "The bundled sample store " + storeDir)
          + " is not a store (it has no bars/ folder); pass a folder written by 'quant import csv', 'quant import "
          + "daily' or 'quant generate'");
    }
    Path out = output.output != null ? output.output.toAbsolutePath().normalize() : QuantHome.newRunDir("stress");
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UserError("--output " + out + " is a file; pass a folder (it is created if missing)");
    }
    Files.createDirectories(out);
    StressJob.Result r = StressJob.run(c, BarStore.at(storeDir), out, Progress.STDERR);
    System.out.printf(Locale.ROOT, "%nStress test of %s: %d runs (%.1f s)%n", storeDir, r.rows().size(),
        (System.nanoTime() - start) / 1e9);
    System.out.printf(Locale.ROOT, "  %-28s %12s %12s %10s %10s %8s%n", "scenario", "total return", "max drawdown",
        "VaR 95", "CVaR 95", "fills");
    for (StressResult row : r.rows()) {
      StressResult.Metrics m = row.metrics();
      System.out.printf(Locale.ROOT, "  %-28s %+11.3f%% %11.3f%% %9.3f%% %9.3f%% %8d%n", row.scenario(),
          100 * m.totalReturn(), 100 * m.maxDrawdown(), 100 * m.valueAtRisk(), 100 * m.conditionalValueAtRisk(),
          m.fills());
    }
    r.notes().forEach(n -> System.out.println("note: " + n));
    System.out.printf(Locale.ROOT, "Report in %s (stress.md, stress.parquet)%n", out);
    return 0;
  }
}
