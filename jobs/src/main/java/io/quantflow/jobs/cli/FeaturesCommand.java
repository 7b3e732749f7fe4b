package io.quantflow.jobs.cli;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.jobs.backtest.FeaturesJob;
import io.quantflow.jobs.backtest.Progress;
import io.quantflow.jobs.config.JobConfig;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code quant features}. */
@Command(name = "features", mixinStandardHelpOptions = true,
    description = {"Runs only the feature pipeline: resampling, indicators per timeframe and signals.",
        "Writes features.parquet (one row per symbol, timeframe and bar), wide.parquet (one row per symbol and base "
            + "bar with every timeframe aligned), signals.parquet, rejected.parquet "
            + "and config.yaml into the output folder."})
final class FeaturesCommand extends JobCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    JobConfig config = jobConfig();
    Path out = outputDir("features");
    Progress progress = Progress.STDERR;
    BarStore store = inputStore(out, progress);
    FeaturesJob.Result r = FeaturesJob.run(config, store, out, progress);
    System.out.printf(Locale.ROOT, "%nFeatures: %,d rows, %,d signals, %,d rejected inputs (%.1f s)%nResults in %s%n",
        r.features().size(), r.signals().size(), r.rejected().size(), (System.nanoTime() - start) / 1e9, out);
    return 0;
  }
}
