package io.quantflow.jobs.cli;

import io.quantflow.jobs.risk.BundledDaily;
import io.quantflow.jobs.risk.PositionsBook;
import java.util.List;
import io.quantflow.jobs.risk.RiskJson;
import io.quantflow.jobs.risk.StressCalculation;
import io.quantflow.jobs.risk.StressRequest;
import io.quantflow.jobs.risk.StressResponse;
import io.quantflow.jobs.risk.VarCalculation;
import io.quantflow.jobs.risk.VarRequest;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code quant risk}: risk measures of a portfolio. */
@Command(name = "risk", mixinStandardHelpOptions = true, subcommands = {RiskCommand.Var.class,
    RiskCommand.Stress.class},
    description = "Portfolio risk: quant risk var (VaR, CVaR, component VaR, Kupiec backtest) and quant risk stress "
        + "(historical and hypothetical scenarios).")
final class RiskCommand implements Runnable {
  @Override
  public void run() {
    throw new UserError("Name a command: quant risk var --input FILE.json or quant risk stress --input FILE.json "
        + "| --positions RUN_DIR (see --help of each)");
  }

  /** {@code quant risk var}. */
  @Command(name = "var", mixinStandardHelpOptions = true,
      description = {"Value at risk and expected shortfall (CVaR) of daily returns from a JSON request, as positive "
          + "loss fractions: parametric (the default), cornish-fisher, historical or monte-carlo, over horizonDays "
          + "with sqrt-time or compounded scaling.",
          "Per-asset returns with weights add the Euler components of the parametric VaR; \"backtest\": true adds a "
              + "Kupiec test of a rolling historical VaR with its Basel zone.",
          "Reference: docs/portfolio-and-risk.md. Example: quant risk var --input docs/examples/var.json"})
  static final class Var implements Callable<Integer> {
    @Mixin Options.JsonIo io;

    @Override
    public Integer call() throws Exception {
      VarRequest request = RiskJson.read(io.read(), io.inputName(), VarRequest.class);
      io.write(RiskJson.write(VarCalculation.run(request)));
      return 0;
    }
  }

  /** {@code quant risk stress}. */
  @Command(name = "stress", mixinStandardHelpOptions = true,
      description = {"Stress-tests a book of USD positions from a JSON request: replays historical days and windows "
          + "(\"historical\": \"bundled\" uses the real daily crisis sample in data/sample/daily: its worst days and "
          + "the dot-com, 2008, flash-crash, 2011 and COVID windows) and applies hypothetical shocks (index, "
          + "factor, volatility, correlations to one).",
          "With --positions the book is the last day of a backtest run folder or positions Parquet (market value per "
              + "symbol, equity from the run's equity table at that timestamp); --input then gives only the "
              + "scenarios, betas and covariance, and may be left out: the default is \"historical\": \"bundled\" "
              + "and an index shock of -10% (plus volatility x3 and correlations to one when the request has a "
              + "covariance).",
          "Writes each scenario's P&L per position and in total (USD and fraction of equity), proxied positions "
              + "and stressed against base VaR, worst first.",
          "Reference: docs/portfolio-and-risk.md. Examples: quant risk stress --input docs/examples/stress.json; "
              + "quant risk stress --positions notebooks-output/<run-id>"})
  static final class Stress implements Callable<Integer> {
    @Option(names = "--input", paramLabel = "FILE",
        description = "The request, a JSON file (examples in docs/examples/), or - for standard input. Required "
            + "without --positions.")
    String input;

    @Option(names = "--output", paramLabel = "FILE", defaultValue = "-",
        description = "Where the JSON result goes: a file, or - for standard output (the default).")
    String output;

    @Option(names = "--positions", paramLabel = "PATH",
        description = "Stress the last day's book of a backtest run folder (its positions.parquet, equity from "
            + "equity.parquet), a positions Parquet file, or a folder of them (positions/ part files; equity from a "
            + "sibling equity/ folder). The request must not give 'positions' then.")
    Path positions;

    @Override
    public Integer call() throws Exception {
      Options.JsonIo io = new Options.JsonIo();
      io.input = input;
      io.output = output;
      Path bundled = QuantHome.dir().resolve(BundledDaily.FOLDER);
      if (positions == null) {
        if (input == null) {
          throw new UserError("Give the book: --input FILE.json with 'positions' and 'equity', or --positions PATH "
              + "(a backtest run folder or positions Parquet)");
        }
        StressRequest request = RiskJson.read(io.read(), io.inputName(), StressRequest.class);
        io.write(RiskJson.write(StressCalculation.run(request, bundled)));
        return 0;
      }
      PositionsBook book = PositionsBook.read(positions, "--positions");
      StressRequest given = input == null ? null : RiskJson.read(io.read(), io.inputName(), StressRequest.class);
      java.util.Set<String> sample = new java.util.TreeSet<>();
      if (java.nio.file.Files.isDirectory(bundled)) {
        try (var files = java.nio.file.Files.list(bundled)) {
          files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".csv.gz"))
              .forEach(n -> sample.add(n.substring(0, n.length() - ".csv.gz".length())));
        }
      }
      StressRequest request = StressCalculation.onBook(given, book, sample, "--positions", io.inputName());
      StressResponse response = StressCalculation.run(request, bundled);
      List<String> assumed = new java.util.ArrayList<>();
      if (request.betas() != null) {
        for (String symbol : request.betas().keySet()) {
          if (given == null || given.betas() == null || !given.betas().containsKey(symbol)) {
            assumed.add(symbol);
          }
        }
      }
      io.write(RiskJson.write(response.withPositionsSource(new StressResponse.PositionsSource(book.path().toString(),
          book.timestamp().toString(), book.newYorkDate(), book.positions().size(),
          book.equity() != null ? book.equitySource() : io.inputName(), assumed))));
      return 0;
    }
  }
}
