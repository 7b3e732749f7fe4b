package io.quantflow.jobs.cli;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.jobs.backtest.Progress;
import io.quantflow.jobs.ml.DriftReportJob;
import io.quantflow.models.ml.ModelRegistry;
import io.quantflow.operators.ml.DriftConfig;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code quant drift}. */
@Command(name = "drift", mixinStandardHelpOptions = true,
    description = {"Daily drift report of a registry model over a store: each trading day's rows (built like its "
        + "training rows, from its train.yaml) against the training window stored with the model: PSI and KS per "
        + "feature, PSI of the scores, rank IC and hit rate against realised returns.",
        "Writes drift-days.csv, drift-features.csv, drift-alerts.json and drift-report.md; alerts are also logged. "
            + "Exits with 3 when a day raised an alert (for schedulers). Reference: docs/models.md."})
final class DriftCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "The model: NAME (its latest version) or NAME@VERSION.")
  String model;

  @Mixin Options.Data data;
  @Mixin Options.Output output;
  @Mixin Options.Registry registry;

  @Option(names = "--psi", paramLabel = "X", description = "PSI above which a day has shifted (default 0.25).")
  Double psi;

  @Option(names = "--ks-p-value", paramLabel = "P", description = "KS p-value below which a feature's day no longer "
      + "looks like training (default 0.001).")
  Double ksPValue;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    ModelRef ref = ModelRef.parse(model);
    Path out = JobCommand.outputDir(output, "drift");
    Progress progress = Progress.STDERR;
    BarStore store = JobCommand.inputStore(data, out, progress);
    DriftConfig config = new DriftConfig(null, null, null, null, psi, ksPValue, null, null);
    DriftReportJob.Result r = DriftReportJob.run(new ModelRegistry(registry.resolve(null)), ref.name(),
        ref.version(), store, config, out, progress);
    System.out.printf(Locale.ROOT, "%nDrift of %s v%d over %d days (%.1f s)%n  %-10s %7s %9s %8s %8s %7s%n",
        ref.name(), r.artifact().info().version(), r.days().size(), (System.nanoTime() - start) / 1e9, "date", "rows",
        "score PSI", "rank IC", "hit rate", "alerts");
    for (DriftReportJob.Day d : r.days()) {
      System.out.printf(Locale.ROOT, "  %-10s %,7d %9.3f %8.3f %7.1f%% %7d%n", d.date(), d.rows(), d.scorePsi(),
          d.ic(), 100 * d.hitRate(), d.alerts().size());
    }
    System.out.printf(Locale.ROOT, "Results in %s (drift-report.md, drift-days.csv, drift-features.csv, "
        + "drift-alerts.json)%n", out);
    return r.alerts().isEmpty() ? 0 : 3;
  }
}
