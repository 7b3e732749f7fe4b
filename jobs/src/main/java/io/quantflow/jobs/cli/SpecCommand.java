package io.quantflow.jobs.cli;

import io.quantflow.connectors.parquet.BarReader;
import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.calendar.ExchangeCalendar;
import io.quantflow.jobs.optimize.OptimizeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code optimize} and {@code walk-forward} share: the spec, the store, the window and the output folder. */
abstract class SpecCommand {
  @Option(names = "--config", paramLabel = "FILE", required = true,
      description = "The spec (YAML): the base backtest config with $${name} placeholders, the parameters, the "
          + "search, the objective and the window. Examples: config/optimize.yaml, config/walk-forward.yaml; "
          + "reference: docs/backtesting.md.")
  Path spec;

  @Option(names = "--data", paramLabel = "STORE",
      description = "The store to backtest (a folder with bars/, e.g. from quant import csv or quant generate); it "
          + "must be readable at the same path on every task manager. Default: the bundled real sample "
          + "(data/sample/store).")
  Path data;

  @Mixin Options.Output output;
  @Mixin Options.Parallelism parallelism;

  /** The spec, with --parallelism applied and missing window dates taken from the store's bars. */
  OptimizeSpec spec(BarStore store) {
    OptimizeSpec s;
    try {
      s = OptimizeSpec.load(spec);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage() + " (spec reference: docs/backtesting.md)");
    }
    if (parallelism.parallelism != null) {
      if (parallelism.parallelism < 1) {
        throw new UserError("--parallelism must be at least 1 but was " + parallelism.parallelism);
      }
      s = s.withParallelism(parallelism.parallelism);
    }
    if (s.window().startDate() == null || s.window().endDate() == null) {
      Timeframe tf = s.render(s.firstPoint()).timeframe();
      LocalDate[] range = dateRange(store, tf);
      s = s.withDefaultWindow(range[0], range[1]);
    }
    return s;
  }

  /** The input store: --data, else the bundled sample. */
  BarStore store() {
    Path root = data == null ? QuantHome.sampleStore() : data.toAbsolutePath().normalize();
    if (!BarStore.isStore(root)) {
      throw new UserError(data == null
          ? "The bundled sample store " + root + " is missing; run from the repository root (or set QUANT_HOME to "
              + "it), or pass --data"
          : "--data " + root + " is not a store (it has no bars/ folder); pass a folder written by 'quant import csv' "
              + "or 'quant generate' (import a CSV file first with quant import csv)");
    }
    return BarStore.at(root);
  }

  /** The output folder, created. */
  Path outputDir(String command) throws Exception {
    Path dir = output.output != null ? output.output.toAbsolutePath().normalize() : QuantHome.newRunDir(command);
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UserError("--output " + dir + " is a file; pass a folder (it is created if missing)");
    }
    Files.createDirectories(dir);
    return dir;
  }

  /**
   * The first and last New York dates of the store's {@code timeframe} bars, from the first and last file of each
   * symbol (files hold consecutive periods, so the whole store need not be read).
   */
  static LocalDate[] dateRange(BarStore store, Timeframe timeframe) {
    List<Path> files = store.files(timeframe);
    if (files.isEmpty()) {
      List<Timeframe> present = store.timeframes();
      throw new UserError("Store " + store.root() + " has no " + timeframe.label() + " bars"
          + (present.isEmpty() ? "; fill it with quant import csv or quant generate"
              : " (it has " + present.stream().map(Timeframe::label).collect(Collectors.joining(", "))
                  + "); set 'config.timeframe' in the spec to one of these"));
    }
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (List<Path> symbolFiles : files.stream().collect(Collectors.groupingBy(Path::getParent)).values()) {
      for (Path f : List.of(symbolFiles.get(0), symbolFiles.get(symbolFiles.size() - 1))) {
        for (Bar b : BarReader.read(f, timeframe)) {
          first = Math.min(first, b.timestampMicros());
          last = Math.max(last, b.timestampMicros());
        }
      }
    }
    if (first > last) {
      throw new UserError("Store " + store.root() + " has " + timeframe.label() + " files but no bars in them");
    }
    ExchangeCalendar nyse = ExchangeCalendar.nyse();
    return new LocalDate[] {nyse.localDate(first), nyse.localDate(last)};
  }
}
