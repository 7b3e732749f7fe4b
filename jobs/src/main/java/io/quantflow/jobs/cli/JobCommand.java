package io.quantflow.jobs.cli;

import io.quantflow.connectors.csv.CsvBarImporter;
import io.quantflow.connectors.csv.CsvImportReport;
import io.quantflow.connectors.csv.ImportOptions;
import io.quantflow.connectors.store.BarStore;
import io.quantflow.connectors.store.TickStore;
import io.quantflow.jobs.backtest.Progress;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.jobs.config.JobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code backtest} and {@code features} share: input resolution, configuration and the output folder. */
abstract class JobCommand {
  @Mixin Options.Data data;
  @Mixin Options.Config config;
  @Mixin Options.Output output;
  @Mixin Options.Parallelism parallelism;
  @Mixin Options.Seed seed;

  @Option(names = "--spec", paramLabel = "FILE",
      description = "Feature spec (YAML with a top-level 'features:' holding timeframes and indicators, see "
          + "docs/features.md); replaces the config's features.")
  Path spec;

  /** A feature spec file: {@code features: {timeframes: [...], indicators: [...]}}. */
  record SpecFile(JobConfig.Features features) {}

  @Option(names = "--mode", paramLabel = "MODE",
      description = "batch (bounded read of the store, the default) or streaming (event-time replay of the store "
          + "through an unbounded source).")
  String mode;

  @Option(names = "--input", paramLabel = "KIND",
      description = "bars (the store's bars of the configured timeframe, the default) or ticks (bars of every feature "
          + "timeframe built from the store's trades, quotes and recorded feeds, with late ticks as revisions).")
  String input;

  @Option(names = "--speed", paramLabel = "X",
      description = "Streaming mode: market time per wall time (60 plays a minute per second); 0, the default, "
          + "replays as fast as possible.")
  Double speed;

  /** The configuration: the YAML file if given, command-line flags on top. */
  JobConfig jobConfig() {
    JobConfig c = config.config == null ? JobConfig.defaults() : ConfigLoader.load(config.config, JobConfig.class);
    if (spec != null) {
      SpecFile file = ConfigLoader.load(spec, SpecFile.class);
      if (file.features() == null) {
        throw new UserError("Spec " + spec + " has no 'features:' section; see docs/features.md for the format");
      }
      c = c.withFeatures(file.features());
    }
    if (parallelism.parallelism != null) {
      c = c.withParallelism(parallelism.parallelism);
    }
    if (seed.seed != null) {
      c = c.withSeed(seed.seed);
    }
    if (mode != null) {
      c = c.withMode(mode);
    }
    if (speed != null) {
      c = c.withReplaySpeed(speed);
    }
    if (input != null) {
      c = c.withInput(input);
    }
    c.pipeline(); // checks the settings against each other now, before any input is read
    return c;
  }

  /** The output folder, created. */
  Path outputDir(String command) throws Exception {
    return outputDir(output, command);
  }

  /** The folder {@code output} names, or a new run folder for {@code command}; created. */
  static Path outputDir(Options.Output output, String command) throws Exception {
    Path dir = output.output != null ? output.output.toAbsolutePath().normalize() : QuantHome.newRunDir(command);
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UserError("--output " + dir + " is a file; pass a folder (it is created if missing)");
    }
    Files.createDirectories(dir);
    return dir;
  }

  /**
   * The input store: {@code --data} if it is a store, an import of it into {@code <output>/input} if it is a CSV
   * file, the bundled sample if absent.
   */
  BarStore inputStore(Path outputDir, Progress progress) {
    return inputStore(data, outputDir, progress);
  }

  /** The store {@code data} names (see {@link #inputStore(Path, Progress)}). */
  static BarStore inputStore(Options.Data data, Path outputDir, Progress progress) {
    if (data.data == null) {
      Path sample = QuantHome.sampleStore();
      if (!BarStore.isStore(sample)) {
        throw new UserError("The bundled sample store " + sample + " is missing; run from the repository root (or "
            + "set QUANT_HOME to it), or pass --data");
      }
      return BarStore.at(sample);
    }
    Path path = Path.of(data.data).toAbsolutePath().normalize();
    if (!Files.exists(path)) {
      throw new UserError("--data " + path + " does not exist; pass a store folder (with bars/) or a CSV file");
    }
    if (Files.isDirectory(path)) {
      if (!BarStore.isStore(path) && !TickStore.at(path).hasTicks()) {
        throw new UserError("--data " + path + " is not a store (it has no bars/, trades/ or events/ folder); pass a "
            + "folder written by 'quant import csv' or 'quant generate', or a CSV file");
      }
      return BarStore.at(path);
    }
    if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
      throw new UserError("--data " + path + " is neither a folder nor a .csv file; pass a store folder or a CSV "
          + "file with header symbol,timestamp,open,high,low,close,volume[,trade_count,vwap]");
    }
    BarStore store = BarStore.at(outputDir.resolve("input"));
    progress.report("importing " + path + " into " + store.root());
    CsvImportReport report = CsvBarImporter.importInto(List.of(path), store,
        new ImportOptions(null, false, progress::report));
    report.notes().forEach(progress::report);
    return store;
  }
}
