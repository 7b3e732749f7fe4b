package io.quantflow.jobs.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.domain.testing.SampleBars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every request in {@code docs/examples/} runs through the mapping layer and gives what the docs say it does. */
class ExamplesTest {
  private static final Path ROOT = SampleBars.repoRoot();

  private static <T> T read(String file, Class<T> type) throws IOException {
    Path p = ROOT.resolve("docs/examples").resolve(file);
    return RiskJson.read(Files.readString(p), p.toString(), type);
  }

  @Test
  void blackLittermanExampleIsFullyInvestedAndHitsItsCap() throws IOException {
    OptimizeResponse r = PortfolioOptimization.run("black-litterman",
        read("optimize-black-litterman.json", OptimizeRequest.class));
    assertThat(r.weights().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1, within(1e-6));
    assertThat(r.weights().get("AAPL")).isCloseTo(0.3, within(1e-6)); // maxWeight 0.3 binds
    assertThat(r.weights().values()).allSatisfy(w -> assertThat(w).isBetween(-1e-9, 0.3 + 1e-6));
    // the view "AAPL outperforms MSFT by 2%" widens the equilibrium gap towards it
    double priorGap = r.equilibriumReturns().get("AAPL") - r.equilibriumReturns().get("MSFT");
    double posteriorGap = r.expectedReturns().get("AAPL") - r.expectedReturns().get("MSFT");
    assertThat(posteriorGap).isGreaterThan(priorGap).isLessThan(0.02);
    assertThat(r.covariance()).containsOnlyKeys("AAPL", "MSFT", "JPM", "XOM");
  }

  @Test
  void riskParityExampleEqualisesTheRiskContributions() throws IOException {
    OptimizeResponse r = PortfolioOptimization.run("risk-parity",
        read("optimize-risk-parity.json", OptimizeRequest.class));
    double each = r.volatility() / 4;
    assertThat(r.riskContributions().values()).allSatisfy(rc -> assertThat(rc).isCloseTo(each, within(1e-12)));
    assertThat(r.covarianceMethod()).isEqualTo("ledoit-wolf");
    assertThat(r.annualVolatility()).isCloseTo(r.volatility() * Math.sqrt(252), within(1e-12));
  }

  @Test
  void factorExampleIsTheMarketPlusSectorsModelOfItsReturns() throws IOException {
    OptimizeRequest request = read("optimize-factor.json", OptimizeRequest.class);
    OptimizeResponse r = PortfolioOptimization.run("minimum-variance", request);
    assertThat(r.covarianceMethod()).isEqualTo("factor");
    assertThat(r.weights().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1, within(1e-9));
    // the reported volatility is that of the weights under FactorCovariance fitted directly (market: the mean of
    // the six stocks)
    java.util.List<String> sectors = request.assets().stream().map(a -> request.sectors().get(a)).toList();
    double[][] s = io.quantflow.models.portfolio.FactorCovariance.estimate(request.returns(), sectors).covariance()
        .matrix();
    double var = 0;
    for (int i = 0; i < s.length; i++) {
      for (int j = 0; j < s.length; j++) {
        var += r.weights().get(request.assets().get(i)) * s[i][j] * r.weights().get(request.assets().get(j));
      }
    }
    assertThat(r.volatility()).isCloseTo(Math.sqrt(var), within(1e-12));
    assertThat(r.annualVolatility()).isCloseTo(r.volatility() * Math.sqrt(252), within(1e-12));
  }

  @Test
  void varExampleHasComponentsAndABacktest() throws IOException {
    VarResponse r = VarCalculation.run(read("var.json", VarRequest.class));
    assertThat(r.method()).isEqualTo("historical");
    assertThat(r.observations()).isEqualTo(124);
    assertThat(r.cvar()).isGreaterThanOrEqualTo(r.var());
    assertThat(r.componentVar()).containsOnlyKeys("AAPL", "JPM", "XOM");
    assertThat(r.componentVar().values().stream().mapToDouble(Double::doubleValue).sum())
        .isCloseTo(r.parametricVar(), within(1e-12));
    assertThat(r.backtest().observations()).isEqualTo(124 - 60);
  }

  @Test
  void stressExampleReplaysTheBundledCrisesAndTheShocks() throws IOException {
    StressResponse r = StressCalculation.run(read("stress.json", StressRequest.class),
        ROOT.resolve(BundledDaily.FOLDER));
    assertThat(r.scenarios()).extracting(StressResponse.Scenario::name).contains("Lehman bankruptcy 2008-09-15",
        "index -10.00%", "volatility x3", "correlations to one", "rates +0.0100",
        "crash: index -20%, volatility x3, correlations to one");
    StressResponse.Scenario vol = r.scenarios().stream().filter(s -> s.name().equals("volatility x3")).findFirst()
        .orElseThrow();
    assertThat(vol.var().ratio()).isCloseTo(3, within(1e-12));
    assertThat(r.estimatedBetas()).containsExactly("AAPL", "BAC", "JPM", "KO", "XOM");
    assertThat(r.scenarios().get(0).lossUsd()).isGreaterThanOrEqualTo(r.scenarios().get(1).lossUsd());
  }
}
