package io.quantflow.jobs.cli;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.connectors.synthetic.GenerateReport;
import io.quantflow.connectors.synthetic.SyntheticConfig;
import io.quantflow.connectors.synthetic.SyntheticMarket;
import io.quantflow.domain.Timeframe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code quant generate}. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Writes a seeded synthetic US equity universe into a store: a market factor with volatility "
        + "regimes, fat-tailed returns, jumps, overnight gaps, U-shaped intraday volume and occasional halts, on "
        + "the NYSE calendar (regular session, holidays, daylight saving).",
        "The same arguments and seed give the same bytes, whatever --parallelism. Model: docs/synthetic-data.md."})
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--symbols", paramLabel = "N", defaultValue = "20", description = "Number of symbols. Default: 20.")
  int symbols;

  @Option(names = "--days", paramLabel = "N", defaultValue = "20",
      description = "Number of trading days. Default: 20.")
  int days;

  @Option(names = "--timeframe", paramLabel = "TF", defaultValue = "1m",
      description = "Bar timeframe: 1s, 15s, 1m, 5m, 15m, 1h or 1d. Default: 1m.")
  String timeframe;

  @Option(names = "--start", paramLabel = "DATE",
      description = "First calendar date (YYYY-MM-DD); the first trading day on or after it starts the data. "
          + "Default: 2024-01-02.")
  LocalDate start;

  @Mixin Options.Seed seed;
  @Mixin Options.Output output;
  @Mixin Options.Parallelism parallelism;

  @Override
  public Integer call() throws Exception {
    long t0 = System.nanoTime();
    Timeframe tf = Timeframe.parse(timeframe);
    SyntheticConfig.Builder b = SyntheticConfig.builder(symbols, days, tf, seed.seed == null ? 1L : seed.seed);
    if (start != null) {
      b.startDate(start);
    }
    SyntheticConfig cfg = b.build();
    Path out = output.output != null ? output.output.toAbsolutePath().normalize() : QuantHome.newRunDir("generate");
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UserError("--output " + out + " is a file; pass a folder (it is created if missing)");
    }
    int threads = parallelism.parallelism == null ? 2 : parallelism.parallelism;
    if (threads < 1) {
      throw new UserError("--parallelism must be at least 1 but was " + threads);
    }
    GenerateReport r = SyntheticMarket.generate(cfg, BarStore.at(out), threads, System.err::println);
    System.out.printf(Locale.ROOT, "Generated %,d %s bars of %d symbols over %d trading days (%s to %s, %d halts) "
            + "into %,d files (%.1f s)%nStore: %s%n", r.barsWritten(), r.timeframe().label(), r.symbols().size(),
        r.days(), r.firstSession(), r.lastSession(), r.halts(), r.filesWritten(), (System.nanoTime() - t0) / 1e9, out);
    return 0;
  }
}
