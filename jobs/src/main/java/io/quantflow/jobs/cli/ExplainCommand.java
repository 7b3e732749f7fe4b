package io.quantflow.jobs.cli;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.jobs.backtest.Progress;
import io.quantflow.jobs.ml.ExplainJob;
import io.quantflow.models.ml.ModelRegistry;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code quant explain}. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = {"Explains a registry model on its training data (rebuilt from the store with the model's "
        + "train.yaml): permutation importance on the held-out validation folds and mean |SHAP| of the published "
        + "model (TreeSHAP for trees, linear SHAP otherwise; log-odds for classifiers).",
        "Writes importance.csv and importance.svg (and shap-values.parquet with --per-prediction) into the output "
            + "folder. Reference: docs/models.md."})
final class ExplainCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "The model: NAME (its latest version) or NAME@VERSION.")
  String model;

  @Mixin Options.Data data;
  @Mixin Options.Output output;
  @Mixin Options.Registry registry;

  @Option(names = "--per-prediction", description = "Also write every sample's SHAP values (shap-values.parquet).")
  boolean perPrediction;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    ModelRef ref = ModelRef.parse(model);
    String name = ref.name();
    Integer version = ref.version();
    Path out = JobCommand.outputDir(output, "explain");
    Progress progress = Progress.STDERR;
    BarStore store = JobCommand.inputStore(data, out, progress);
    ExplainJob.Result r = ExplainJob.run(new ModelRegistry(registry.resolve(null)), name, version, store, out,
        perPrediction, progress);
    System.out.printf(Locale.ROOT, "%nExplained %s v%d (%.1f s)%n  %-28s %12s %10s %12s%n", name,
        r.artifact().info().version(), (System.nanoTime() - start) / 1e9, "feature", "permutation", "± sd",
        "mean |SHAP|");
    for (ExplainJob.Row row : r.rows()) {
      System.out.printf(Locale.ROOT, "  %-28s %12.5f %10.5f %12.5f%n", row.feature(), row.permutationMean(),
          row.permutationStd(), row.meanAbsShap());
    }
    System.out.printf(Locale.ROOT, "Results in %s (importance.csv, importance.svg)%n", out);
    return 0;
  }
}
