package io.quantflow.jobs.stress;

import static io.quantflow.jobs.backtest.RunAnalysis.iso;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.connectors.store.CorporateActionStore;
import io.quantflow.connectors.stress.HistoricalPeriod;
import io.quantflow.connectors.stress.StressScenario;
import io.quantflow.domain.Checks;
import io.quantflow.domain.CorporateAction;
import io.quantflow.domain.Timeframe;
import io.quantflow.jobs.backtest.BacktestJob;
import io.quantflow.jobs.backtest.Progress;
import io.quantflow.jobs.backtest.RunOutputs;
import io.quantflow.jobs.config.JobConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code quant stress}: one backtest of the unmodified store (the baseline), one per synthetic scenario (the
 * scenario's transforms applied to the store's bars of the backtest timeframe, written to a store of its own) and
 * one per historical period (the store's bars of those dates copied to a store of their own), then a report that
 * sets each run against the baseline. Writes into the output folder:
 *
 * <pre>
 * stress.parquet, stress.arrow   one row per run ({@link StressResult#TABLE}), baseline first
 * stress.md                      the same as a Markdown table, with the scenario definitions
 * runs/&lt;name&gt;/                   each backtest's own files (metrics.json, equity.parquet, ...)
 * stores/&lt;name&gt;/                 each scenario's and period's store, only with keepStores
 * </pre>
 *
 * <p>Every file is a pure function of the store and the configuration, like a backtest's.
 */
public final class StressJob {
  private StressJob() {}

  /**
   * What a stress run produced.
   *
   * @param outputDir where the report is
   * @param rows the report rows: the baseline, then the scenarios and periods in configuration order
   * @param notes warnings worth reading next to the numbers (split artefacts, ...)
   */
  public record Result(Path outputDir, List<StressResult> rows, List<String> notes) {}

  /**
   * Runs the baseline, every scenario and every period of {@code config} over {@code store}.
   *
   * @throws IllegalArgumentException if the store lacks the backtest's timeframe or a period holds none of its bars
   * @throws Exception when a Flink job fails
   */
  public static Result run(StressConfig config, BarStore store, Path outputDir, Progress progress) throws Exception {
    Checks.notNull(config, "config");
    Checks.notNull(store, "store");
    Checks.notNull(outputDir, "outputDir");
    Checks.notNull(progress, "progress");
    config.check();
    JobConfig backtest = config.backtest();
    Timeframe tf = backtest.timeframe();
    Checks.isTrue(!backtest.fromTicks(), "quant stress transforms bars: set 'backtest.input: bars' (was ticks)");
    if (!store.timeframes().contains(tf)) {
      throw new IllegalArgumentException("Store " + store.root() + " has no " + tf.label() + " bars (it has "
          + store.timeframes().stream().map(Timeframe::label).collect(Collectors.joining(", "))
          + "); set 'backtest.timeframe' in the stress config to one of these, or pass another --data");
    }
    List<StressScenario> scenarios = config.stressScenarios();
    List<HistoricalPeriod> periods = config.historicalPeriods();
    List<CorporateAction> splits = CorporateActionStore.at(store.root()).read().stream()
        .filter(a -> a.kind() == CorporateAction.Kind.SPLIT).toList();
    double initialCash = backtest.portfolio().initialCash();
    int total = 1 + scenarios.size() + periods.size();
    int done = 0;

    progress.report(String.format(Locale.ROOT, "stress: %d runs of %s (baseline, %d scenarios, %d periods)", total,
        store.root(), scenarios.size(), periods.size()));
    Run baselineRun = backtest(config, store, outputDir, StressConfig.BASELINE, progress, ++done, total);
    StressResult.Metrics baseline = StressResult.Metrics.of(baselineRun.result, initialCash);
    List<StressResult> rows = new ArrayList<>();
    rows.add(new StressResult(StressConfig.BASELINE, "baseline", "the store as it is", baselineRun.dir,
        splitsIn(splits, baseline), baseline, baseline));

    for (StressScenario s : scenarios) {
      BarStore stressed = freshStore(outputDir, s.name());
      progress.report("scenario " + s.name() + ": " + s.describe());
      long bars = s.apply(store, tf, stressed);
      Checks.isTrue(bars > 0, "Scenario '%s' removes every %s bar of the store; nothing is left to backtest", s.name(),
          tf.label());
      Run run = backtest(config, stressed, outputDir, s.name(), progress, ++done, total);
      StressResult.Metrics m = StressResult.Metrics.of(run.result, initialCash);
      rows.add(new StressResult(s.name(), "synthetic", s.describe(), run.dir, splitsIn(splits, m), m, baseline));
      dropStore(config, stressed);
    }
    for (HistoricalPeriod p : periods) {
      BarStore window = freshStore(outputDir, p.name());
      progress.report("period " + p.name() + ": " + p.start() + " to " + p.end());
      long bars = p.copy(store, tf, window);
      if (bars == 0) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "Period '%s' (%s to %s) holds no %s bars of "
            + "%s; the store covers %s to %s", p.name(), p.start(), p.end(), tf.label(), store.root(),
            iso(baseline.startMicros()), iso(baseline.endMicros())));
      }
      Run run = backtest(config, window, outputDir, p.name(), progress, ++done, total);
      StressResult.Metrics m = StressResult.Metrics.of(run.result, initialCash);
      rows.add(new StressResult(p.name(), "historical", p.start() + " to " + p.end(), run.dir, splitsIn(splits, m),
          m, baseline));
      dropStore(config, window);
    }

    List<String> notes = notes(rows, tf);
    String gaps = gaps(baselineRun.result);
    if (gaps != null) {
      notes.add(gaps);
    }
    notes.forEach(n -> progress.report("note: " + n));
    RunOutputs.table(outputDir, "stress", StressResult.TABLE, rows);
    RunOutputs.writeText(outputDir.resolve("stress.md"), StressMarkdown.render(backtest, rows, notes));
    if (!config.keepStores()) {
      deleteIfEmpty(outputDir.resolve("stores"));
    }
    progress.report("wrote " + outputDir.resolve("stress.parquet") + " and stress.md");
    return new Result(outputDir, List.copyOf(rows), List.copyOf(notes));
  }

  private record Run(BacktestJob.Result result, String dir) {}

  private static Run backtest(StressConfig config, BarStore store, Path outputDir, String name, Progress progress,
      int index, int total) throws Exception {
    String dir = "runs/" + name;
    progress.report(String.format(Locale.ROOT, "[%d/%d] %s", index, total, name));
    return new Run(BacktestJob.run(config.backtest(), store, outputDir.resolve(dir), progress), dir);
  }

  /** An empty store under {@code <output>/stores/<name>}: a leftover of an earlier run would merge into it. */
  private static BarStore freshStore(Path outputDir, String name) {
    Path dir = outputDir.resolve("stores").resolve(name);
    deleteTree(dir);
    return BarStore.at(dir);
  }

  private static void dropStore(StressConfig config, BarStore store) {
    if (!config.keepStores()) {
      deleteTree(store.root());
    }
  }

  private static int splitsIn(List<CorporateAction> splits, StressResult.Metrics m) {
    return (int) splits.stream()
        .filter(a -> a.exDateMicros() >= m.startMicros() && a.exDateMicros() <= m.endMicros()).count();
  }

  private static List<String> notes(List<StressResult> rows, Timeframe tf) {
    List<String> notes = new ArrayList<>();
    List<String> withSplits = rows.stream().filter(r -> r.splits() > 0)
        .map(r -> r.scenario() + " (" + r.splits() + ")").toList();
    if (!withSplits.isEmpty()) {
      notes.add("Splits fall inside " + String.join(", ", withSplits) + ": the portfolio applies them to its "
          + "positions on the ex-date, but the store's bars are raw, so the indicators see the price jump and may "
          + "trade on it.");
    }
    if (tf != Timeframe.D1) {
      notes.add("Returns are per " + tf.label() + " bar: VaR, CVaR and the worst period are one-bar figures, not "
          + "daily ones.");
    }
    return notes;
  }

  /** A note on calendar gaps longer than a week in the baseline's valuations, or null when there are none. */
  private static String gaps(BacktestJob.Result baseline) {
    List<io.quantflow.domain.EquityPoint> e = baseline.equity();
    long week = 7 * Timeframe.D1.durationMicros();
    int count = 0;
    long longestFrom = 0;
    long longest = 0;
    for (int i = 1; i < e.size(); i++) {
      long gap = e.get(i).timestampMicros() - e.get(i - 1).timestampMicros();
      if (gap > week) {
        count++;
        if (gap > longest) {
          longest = gap;
          longestFrom = e.get(i - 1).timestampMicros();
        }
      }
    }
    if (count == 0) {
      return null;
    }
    return String.format(Locale.ROOT, "The store has %d gap%s longer than a week (the longest from %s to %s): the "
        + "first return after a gap spans all of it, which weighs on the volatility, drawdown and tail figures of "
        + "the runs that cross it.", count, count == 1 ? "" : "s", iso(longestFrom), iso(longestFrom + longest));
  }


  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete the temporary store " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void deleteIfEmpty(Path dir) {
    try {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.list(dir)) {
          if (s.findAny().isEmpty()) {
            Files.delete(dir);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete " + dir + ": " + e.getMessage(), e);
    }
  }
}
