package io.quantflow.jobs.cli;

import io.quantflow.jobs.risk.OptimizeRequest;
import io.quantflow.jobs.risk.PortfolioOptimization;
import io.quantflow.jobs.risk.RiskJson;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code quant portfolio}: portfolio construction. */
@Command(name = "portfolio", mixinStandardHelpOptions = true, subcommands = PortfolioCommand.Optimize.class,
    description = "Portfolio construction: quant portfolio optimize.")
final class PortfolioCommand implements Runnable {
  @Override
  public void run() {
    throw new UserError("Name a command: quant portfolio optimize --method risk-parity --input FILE.json (see quant "
        + "portfolio optimize --help)");
  }

  /** {@code quant portfolio optimize}. */
  @Command(name = "optimize", mixinStandardHelpOptions = true,
      description = {"Optimises portfolio weights from a JSON request: assets, a covariance (or returns to estimate "
          + "it: sample, ledoit-wolf, ledoit-wolf-constant-correlation, ewma, factor with sectors), expected "
          + "returns, views and "
          + "constraints. Decimals throughout (0.05 = 5%); numbers per period.",
          "Writes the weights, expected returns, volatility and risk contributions by asset as JSON (black-litterman "
              + "adds its posterior returns and covariance).",
          "Reference: docs/portfolio-and-risk.md. Example: quant portfolio optimize --method black-litterman --input "
              + "docs/examples/optimize-black-litterman.json"})
  static final class Optimize implements Callable<Integer> {
    @Option(names = "--method", paramLabel = "NAME", required = true,
        description = "volatility-target, mean-variance, minimum-variance, risk-parity, maximum-diversification, "
            + "black-litterman, equal-weight or inverse-volatility.")
    String method;

    @Mixin Options.JsonIo io;

    @Override
    public Integer call() throws Exception {
      OptimizeRequest request = RiskJson.read(io.read(), io.inputName(), OptimizeRequest.class);
      io.write(RiskJson.write(PortfolioOptimization.run(method, request)));
      return 0;
    }
  }
}
