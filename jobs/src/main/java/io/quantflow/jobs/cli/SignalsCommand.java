package io.quantflow.jobs.cli;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.jobs.backtest.FeaturesJob;
import io.quantflow.jobs.backtest.Progress;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.jobs.signals.SignalRanking;
import io.quantflow.models.signals.SignalReport;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code quant signals}: signal research. */
@Command(name = "signals", mixinStandardHelpOptions = true, subcommands = SignalsCommand.Rank.class,
    description = "Signal research: quant signals rank.")
final class SignalsCommand implements Runnable {
  @Override
  public void run() {
    throw new UserError("Name a command: quant signals rank (see quant signals rank --help)");
  }

  /** {@code quant signals rank}. */
  @Command(name = "rank", mixinStandardHelpOptions = true,
      description = {"Ranks every candidate signal by its statistical strength: each voting method on each "
          + "timeframe, the combined agreement signal and an ensemble weighted by trailing IC, against forward "
          + "returns of the base timeframe.",
          "Reports rank IC (Spearman, per cross-section) with its t-statistic, pooled IC, hit rate, mean forward "
              + "return by score quantile, turnover and score autocorrelation, at each horizon (the decay).",
          "Writes signal-ranking.parquet (strongest first) next to the features run's files and prints the top."})
  static final class Rank extends JobCommand implements Callable<Integer> {
    @Option(names = "--horizons", paramLabel = "BARS", split = ",", defaultValue = "1,5,15,60",
        description = "Forward-return horizons in base bars. Default: 1,5,15,60.")
    int[] horizons;

    @Option(names = "--quantiles", paramLabel = "N", defaultValue = "5",
        description = "Score quantiles for the mean-return table. Default: 5.")
    int quantiles;

    @Override
    public Integer call() throws Exception {
      long start = System.nanoTime();
      JobConfig config = jobConfig();
      if (horizons.length == 0 || Arrays.stream(horizons).anyMatch(h -> h < 1)) {
        throw new UserError("--horizons must be positive bar counts, e.g. --horizons 1,5,15");
      }
      Path out = outputDir("signals-rank");
      Progress progress = Progress.STDERR;
      BarStore store = inputStore(out, progress);
      FeaturesJob.Result features = FeaturesJob.run(config, store, out, progress);
      progress.report("ranking " + features.wide().size() + " aligned rows");
      SignalRanking.Result r = SignalRanking.rank(config.pipeline(), features.wide(), horizons, quantiles);
      SignalRanking.write(out, r.reports(), quantiles);
      List<SignalReport> top = r.reports().subList(0, Math.min(15, r.reports().size()));
      System.out.printf(Locale.ROOT, "%nSignal ranking (%,d scores, strongest first; all rows in %s):%n",
          r.observations(), out.resolve("signal-ranking.parquet"));
      System.out.printf(Locale.ROOT, "%-26s %7s %8s %8s %8s %8s %9s%n", "signal", "horizon", "mean IC", "IC t",
          "hit rate", "turnover", "top-bot");
      for (SignalReport s : top) {
        System.out.printf(Locale.ROOT, "%-26s %7d %8.4f %8.2f %8.3f %8.3f %9.5f%n", s.signal(), s.horizonBars(),
            s.meanIc(), s.icTStat(), s.hitRate(), s.turnover(), s.topMinusBottom());
      }
      System.out.printf(Locale.ROOT, "(%.1f s)%n", (System.nanoTime() - start) / 1e9);
      return 0;
    }
  }
}
