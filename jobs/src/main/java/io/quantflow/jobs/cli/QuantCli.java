package io.quantflow.jobs.cli;

import io.quantflow.connectors.csv.CsvImportException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code quant} command line. Each subcommand is one job; the flags {@code --data}, {@code --config},
 * {@code --output}, {@code --parallelism} and {@code --seed} mean the same on every command that takes them.
 */
@Command(name = "quant", mixinStandardHelpOptions = true, version = "QuantFlow 0.1.0 (Apache Flink 2.2)",
    subcommands = {BacktestCommand.class, FeaturesCommand.class, SignalsCommand.class, OptimizeCommand.class,
        WalkForwardCommand.class, StressCommand.class, PortfolioCommand.class, RiskCommand.class, TrainCommand.class,
        ExplainCommand.class, DriftCommand.class,
        ReportCommand.class, ImportCommand.class, IngestCommand.class, GenerateCommand.class, AlpacaSimCommand.class, LiveCommand.Live.class,
        LiveCommand.Bridge.class, CommandLine.HelpCommand.class},
    description = "QuantFlow: research, backtest and run equity strategies on Apache Flink.",
    footer = {"", "Start with: quant backtest    (a backtest of the bundled real sample)",
        "Docs: docs/ in the repository; every command has --help."})
public final class QuantCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command; try: quant backtest");
  }

  /** Runs the command line and exits with its status (0 success, 1 failure, 2 usage error). */
  public static void main(String[] args) {
    int code = execute(args);
    if (code != 0 || !isFlinkClient()) {
      System.exit(code);
    }
  }

  /** Runs the command line and returns its exit status, for tests. */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new QuantCli());
    cli.setExecutionExceptionHandler(QuantCli::handle);
    return cli.execute(args);
  }

  private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (e instanceof UserError || e instanceof CsvImportException || e instanceof IllegalArgumentException
        || e instanceof UncheckedIOException) {
      err.println("error: " + e.getMessage());
    } else {
      Throwable root = e;
      StringBuilder chain = new StringBuilder();
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      chain.append(root.getClass().getSimpleName()).append(": ").append(root.getMessage());
      err.println("error: " + cmd.getCommandName() + " failed: " + chain);
      if (System.getenv("QUANT_DEBUG") != null) {
        e.printStackTrace(err);
      } else {
        err.println("(set QUANT_DEBUG=1 for the full stack trace)");
      }
    }
    err.flush();
    return 1;
  }

  /** Under {@code flink run} the client keeps running after main returns; exiting would cut it short. */
  private static boolean isFlinkClient() {
    return System.getProperty("log.file") != null || System.getenv("FLINK_HOME") != null;
  }
}
