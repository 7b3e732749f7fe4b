package io.quantflow.jobs.cli;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.jobs.backtest.Progress;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.jobs.config.TrainConfig;
import io.quantflow.jobs.ml.TrainJob;
import io.quantflow.models.ml.ModelInfo;
import io.quantflow.models.ml.ModelRegistry;
import io.quantflow.models.ml.validation.MetricSummary;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code quant train}. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Trains a model on the store: builds the training set with the feature pipeline (a bounded Flink "
        + "job), labels it (triple barrier by default), validates out of sample (purged k-fold with embargo, or "
        + "walk-forward), trains on every sample and publishes the next version to the registry.",
        "Writes training-set.parquet (features, labels, out-of-fold scores), validation.json, model.json and "
            + "train.yaml into the output folder. Configuration: config/model.yaml, docs/models.md."})
final class TrainCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE",
      description = "Training spec (YAML: pipeline, label, model, validation; see config/model.yaml). Default: the "
          + "bundled spec (gradient boosting on the default features, triple-barrier labels, purged 5-fold).")
  Path config;

  @Mixin Options.Data data;
  @Mixin Options.Output output;
  @Mixin Options.Registry registry;
  @Mixin Options.Parallelism parallelism;

  @Option(names = "--name", paramLabel = "NAME", description = "The model's registry name (overrides model.name).")
  String name;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    TrainConfig c = config == null ? TrainConfig.defaults() : ConfigLoader.load(config, TrainConfig.class);
    if (parallelism.parallelism != null) {
      c = new TrainConfig(c.pipeline().withParallelism(parallelism.parallelism), c.label(), c.model(),
          c.validation());
    }
    if (name != null) {
      c = new TrainConfig(c.pipeline(), c.label(), c.model().withName(name), c.validation());
    }
    c.pipeline().pipeline(); // checks the pipeline settings before any input is read
    Path out = JobCommand.outputDir(output, "train");
    Progress progress = Progress.STDERR;
    BarStore store = JobCommand.inputStore(data, out, progress);
    ModelRegistry reg = new ModelRegistry(registry.resolve(null));
    TrainJob.Result r = TrainJob.run(c, store, out, reg, progress);
    ModelInfo info = r.artifact().info();
    System.out.printf(Locale.ROOT, "%nTrained %s v%d (%s %s): %,d samples, %d features, %s (%.1f s)%n", info.name(),
        info.version(), info.type(), info.task(), info.nSamples(), info.features().size(),
        summary(c.validation().method(), r.summary()), (System.nanoTime() - start) / 1e9);
    System.out.printf(Locale.ROOT, "Model in %s%nResults in %s%n",
        reg.versionDir(info.name(), info.version()), out);
    return 0;
  }

  private static String summary(String method, MetricSummary s) {
    if (s == null) {
      return "not validated (a regime model has no labels)";
    }
    return String.format(Locale.ROOT, "%s out-of-sample AUC %.4f ± %.4f over %d folds, IC %.4f ± %.4f", method,
        s.auc().mean(), s.auc().stdev(), s.auc().count(), s.ic().mean(), s.ic().stdev());
  }
}
