package io.quantflow.jobs.cli;

import io.quantflow.jobs.risk.BundledDaily;
import io.quantflow.jobs.risk.RiskJson;
import io.quantflow.jobs.risk.StressCalculation;
import io.quantflow.jobs.risk.StressRequest;
import io.quantflow.jobs.risk.VarCalculation;
import io.quantflow.jobs.risk.VarRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code quant risk}: risk measures of a portfolio. */
@Command(name = "risk", mixinStandardHelpOptions = true, subcommands = {RiskCommand.Var.class,
    RiskCommand.Stress.class},
    description = "Portfolio risk: quant risk var (VaR, CVaR, component VaR, Kupiec backtest) and quant risk stress "
        + "(historical and hypothetical scenarios).")
final class RiskCommand implements Runnable {
  @Override
  public void run() {
    throw new UserError("Name a command: quant risk var --input FILE.json or quant risk stress --input FILE.json "
        + "(see --help of each)");
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
          "Writes each scenario's P&L per position and in total (USD and fraction of equity), proxied positions "
              + "and stressed against base VaR, worst first.",
          "Reference: docs/portfolio-and-risk.md. Example: quant risk stress --input docs/examples/stress.json"})
  static final class Stress implements Callable<Integer> {
    @Mixin Options.JsonIo io;

    @Override
    public Integer call() throws Exception {
      StressRequest request = RiskJson.read(io.read(), io.inputName(), StressRequest.class);
      io.write(RiskJson.write(StressCalculation.run(request, QuantHome.dir().resolve(BundledDaily.FOLDER))));
      return 0;
    }
  }
}
