package io.quantflow.jobs.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.jobs.cli.UserError;
import org.junit.jupiter.api.Test;

/** {@code quant portfolio optimize} through its JSON mapping, against closed forms computed here. */
class PortfolioOptimizationTest {
  /** sigma = (0.20, 0.10), rho = 0.3: S = [[0.04, 0.006], [0.006, 0.01]]. */
  private static final String TWO_ASSETS = "\"assets\": [\"A\", \"B\"], \"covariance\": [[0.04, 0.006], [0.006, "
      + "0.01]]";
  private static final double S11 = 0.04;
  private static final double S12 = 0.006;
  private static final double S22 = 0.01;

  private static OptimizeResponse optimize(String method, String json) {
    return PortfolioOptimization.run(method, RiskJson.read(json, "test input", OptimizeRequest.class));
  }

  @Test
  void twoAssetRiskParityWeighsByTheOtherAssetsVolatility() {
    OptimizeResponse r = optimize("risk-parity", "{" + TWO_ASSETS + "}");
    // w1 = sigma2 / (sigma1 + sigma2) for any correlation
    assertThat(r.weights().get("A")).isCloseTo(0.10 / (0.20 + 0.10), within(1e-9));
    assertThat(r.weights().get("B")).isCloseTo(0.20 / (0.20 + 0.10), within(1e-9));
    assertThat(r.riskContributions().get("A")).isCloseTo(r.riskContributions().get("B"), within(1e-12));
    assertThat(r.method()).isEqualTo("risk-parity");
    assertThat(r.covarianceMethod()).isEqualTo("input");
  }

  @Test
  void unconstrainedMeanVarianceIsTheClosedForm() {
    OptimizeResponse r = optimize("mean-variance", "{" + TWO_ASSETS + ", \"expectedReturns\": [0.08, 0.05], "
        + "\"riskAversion\": 4, \"constraints\": \"none\"}");
    // w = S^-1 mu / gamma, with the 2 x 2 inverse written out
    double det = S11 * S22 - S12 * S12;
    double w1 = (S22 * 0.08 - S12 * 0.05) / det / 4;
    double w2 = (-S12 * 0.08 + S11 * 0.05) / det / 4;
    assertThat(r.weights().get("A")).isCloseTo(w1, within(1e-6));
    assertThat(r.weights().get("B")).isCloseTo(w2, within(1e-6));
    assertThat(r.expectedReturn()).isCloseTo(0.08 * w1 + 0.05 * w2, within(1e-6));
    assertThat(r.expectedReturns()).containsEntry("A", 0.08).containsEntry("B", 0.05);
  }

  @Test
  void budgetOnlyMeanVarianceIsTheClosedForm() {
    OptimizeResponse r = optimize("mean-variance", "{" + TWO_ASSETS + ", \"expectedReturns\": {\"A\": 0.08, \"B\": "
        + "0.05}, \"constraints\": {\"longOnly\": false}}");
    // w = (1/gamma) S^-1 (mu - eta 1), eta = (1'S^-1 mu - gamma) / (1'S^-1 1), gamma = 2.5 (the default)
    double det = S11 * S22 - S12 * S12;
    double[][] inv = {{S22 / det, -S12 / det}, {-S12 / det, S11 / det}};
    double[] mu = {0.08, 0.05};
    double oneInvMu = inv[0][0] * mu[0] + inv[0][1] * mu[1] + inv[1][0] * mu[0] + inv[1][1] * mu[1];
    double oneInvOne = inv[0][0] + inv[0][1] + inv[1][0] + inv[1][1];
    double eta = (oneInvMu - 2.5) / oneInvOne;
    double w1 = (inv[0][0] * (mu[0] - eta) + inv[0][1] * (mu[1] - eta)) / 2.5;
    assertThat(r.weights().get("A")).isCloseTo(w1, within(1e-6));
    assertThat(r.weights().get("A") + r.weights().get("B")).isCloseTo(1, within(1e-9));
  }

  @Test
  void blackLittermanWithoutViewsHoldsTheMarketOverOnePlusTau() {
    String json = "{\"assets\": [\"A\", \"B\", \"C\"], \"covariance\": [[0.04, 0.006, 0.01], [0.006, 0.01, 0.002], "
        + "[0.01, 0.002, 0.09]], \"marketWeights\": [0.5, 0.3, 0.2], \"riskAversion\": 3, \"tau\": 0.05}";
    OptimizeResponse r = optimize("black-litterman", json);
    double[] w = {0.5, 0.3, 0.2};
    double[][] s = {{0.04, 0.006, 0.01}, {0.006, 0.01, 0.002}, {0.01, 0.002, 0.09}};
    String[] names = {"A", "B", "C"};
    for (int i = 0; i < 3; i++) {
      // He and Litterman: no views and no constraints give w_mkt / (1 + tau); Pi = delta S w_mkt
      assertThat(r.weights().get(names[i])).isCloseTo(w[i] / 1.05, within(1e-9));
      double pi = 3 * (s[i][0] * w[0] + s[i][1] * w[1] + s[i][2] * w[2]);
      assertThat(r.expectedReturns().get(names[i])).isCloseTo(pi, within(1e-12));
      assertThat(r.equilibriumReturns().get(names[i])).isCloseTo(pi, within(1e-12));
      // the posterior covariance of no views is (1 + tau) S
      assertThat(r.covariance().get(names[i]).get("A")).isCloseTo(1.05 * s[i][0], within(1e-12));
    }
    assertThat(r.constraints()).isEqualTo("long-short");
  }

  @Test
  void aBindingMaxWeightIsHitByBlackLitterman() {
    String base = "{\"assets\": [\"A\", \"B\", \"C\"], \"covariance\": [[0.04, 0.006, 0.01], [0.006, 0.01, 0.002], "
        + "[0.01, 0.002, 0.09]], \"marketWeights\": {\"A\": 0.5, \"B\": 0.3, \"C\": 0.2}, \"views\": [{\"weights\": "
        + "{\"A\": 1}, \"return\": 0.15, \"confidence\": 0.9}]";
    OptimizeResponse free = optimize("black-litterman", base + ", \"constraints\": {\"longOnly\": true}}");
    assertThat(free.weights().get("A")).isGreaterThan(0.6); // so a cap of 0.4 binds
    OptimizeResponse capped = optimize("black-litterman", base + ", \"constraints\": {\"maxWeight\": 0.4}}");
    assertThat(capped.weights().get("A")).isCloseTo(0.4, within(1e-6));
    assertThat(capped.weights().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1, within(1e-6));
    assertThat(capped.constraints()).contains("<= 0.4", "sum w = 1.0");
  }

  @Test
  void returnsAreShrunkWhenAskedAndTheShrinkageIsReported() {
    OptimizeResponse r = optimize("minimum-variance", "{\"assets\": [\"A\", \"B\"], \"returns\": [[0.01, -0.02, "
        + "0.015, 0.003], [0.002, -0.004, 0.001, 0.0]], \"covarianceMethod\": \"ledoit-wolf\", \"periodsPerYear\": "
        + "252}");
    assertThat(r.covarianceMethod()).isEqualTo("ledoit-wolf");
    assertThat(r.shrinkage()).isBetween(0.0, 1.0);
    assertThat(r.annualVolatility()).isCloseTo(r.volatility() * Math.sqrt(252), within(1e-15));
  }

  /** Three assets over six periods: A and B in one sector, C in another. */
  private static final double[][] FACTOR_RETURNS = {
      {0.01, -0.02, 0.015, 0.003, -0.007, 0.012},
      {0.008, -0.01, 0.02, -0.004, -0.002, 0.006},
      {-0.005, 0.012, 0.004, 0.009, -0.011, -0.003}};
  private static final String FACTOR_INPUT = "\"assets\": [\"A\", \"B\", \"C\"], \"returns\": [[0.01, -0.02, 0.015, "
      + "0.003, -0.007, 0.012], [0.008, -0.01, 0.02, -0.004, -0.002, 0.006], [-0.005, 0.012, 0.004, 0.009, -0.011, "
      + "-0.003]], \"covarianceMethod\": \"factor\", \"sectors\": {\"A\": \"tech\", \"B\": \"tech\", \"C\": "
      + "\"energy\"}";

  /** {@code sqrt(w'Sw)} and {@code w_i (Sw)_i / sqrt(w'Sw)} of equal weights. */
  private static void assertEqualWeightRisk(OptimizeResponse r, double[][] s) {
    double[] w = {1.0 / 3, 1.0 / 3, 1.0 / 3};
    double[] sw = new double[3];
    double var = 0;
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        sw[i] += s[i][j] * w[j];
      }
      var += w[i] * sw[i];
    }
    double vol = Math.sqrt(var);
    assertThat(r.volatility()).isCloseTo(vol, within(1e-15));
    String[] names = {"A", "B", "C"};
    for (int i = 0; i < 3; i++) {
      assertThat(r.riskContributions().get(names[i])).isCloseTo(w[i] * sw[i] / vol, within(1e-15));
    }
  }

  @Test
  void factorCovarianceIsTheMarketPlusSectorsModel() {
    OptimizeResponse r = optimize("equal-weight", "{" + FACTOR_INPUT + "}");
    assertThat(r.covarianceMethod()).isEqualTo("factor");
    assertThat(r.shrinkage()).isNull();
    // without marketReturns the market is the equal-weighted mean of A, B and C
    double[][] s = io.quantflow.models.portfolio.FactorCovariance.estimate(FACTOR_RETURNS,
        java.util.List.of("tech", "tech", "energy")).covariance().matrix();
    assertEqualWeightRisk(r, s);
    // the market given: another model, still the one FactorCovariance fits
    double[] market = {0.004, -0.006, 0.011, 0.002, -0.008, 0.005};
    OptimizeResponse withMarket = optimize("equal-weight", "{" + FACTOR_INPUT + ", \"marketReturns\": [0.004, "
        + "-0.006, 0.011, 0.002, -0.008, 0.005]}");
    assertEqualWeightRisk(withMarket, io.quantflow.models.portfolio.FactorCovariance.estimate(FACTOR_RETURNS,
        java.util.List.of("tech", "tech", "energy"), market).covariance().matrix());
    assertThat(withMarket.volatility()).isNotCloseTo(r.volatility(), within(1e-9));
    // the model keeps every sample variance, so inverse-volatility weights are the sample ones, 1/sd_i normalised
    OptimizeResponse iv = optimize("inverse-volatility", "{" + FACTOR_INPUT + "}");
    double[] inv = new double[3];
    double sum = 0;
    for (int i = 0; i < 3; i++) {
      double mean = java.util.Arrays.stream(FACTOR_RETURNS[i]).average().orElseThrow();
      double ss = 0;
      for (double x : FACTOR_RETURNS[i]) {
        ss += (x - mean) * (x - mean);
      }
      inv[i] = 1 / Math.sqrt(ss / 5);
      sum += inv[i];
    }
    assertThat(iv.weights().get("A")).isCloseTo(inv[0] / sum, within(1e-12));
    assertThat(iv.weights().get("C")).isCloseTo(inv[2] / sum, within(1e-12));
  }

  @Test
  void factorCovarianceInputsAreChecked() {
    String returns = "\"assets\": [\"A\", \"B\", \"C\"], \"returns\": [[0.01, -0.02, 0.015, 0.003], [0.008, -0.01, "
        + "0.02, -0.004], [-0.005, 0.012, 0.004, 0.009]]";
    assertThatThrownBy(() -> optimize("equal-weight", "{" + returns + ", \"covarianceMethod\": \"factor\"}"))
        .isInstanceOf(UserError.class).hasMessageContaining("needs 'sectors'");
    assertThatThrownBy(() -> optimize("equal-weight", "{" + returns + ", \"covarianceMethod\": \"factor\", "
        + "\"sectors\": {\"A\": \"x\", \"B\": \"x\"}}")).isInstanceOf(UserError.class)
        .hasMessageContaining("'sectors' has no sector for 'C'");
    assertThatThrownBy(() -> optimize("equal-weight", "{" + returns + ", \"covarianceMethod\": \"factor\", "
        + "\"sectors\": {\"A\": \"x\", \"B\": \"x\", \"C\": \"y\"}, \"marketReturns\": [0.01]}"))
        .isInstanceOf(UserError.class).hasMessageContaining("'marketReturns' has 1 returns but 'returns' has 4");
    assertThatThrownBy(() -> optimize("equal-weight", "{" + returns + ", \"sectors\": {\"A\": \"x\"}}"))
        .isInstanceOf(UserError.class).hasMessageContaining("apply to \"covarianceMethod\": \"factor\" only");
    assertThatThrownBy(() -> optimize("equal-weight", "{" + returns + ", \"covarianceMethod\": \"factor\", "
        + "\"sectors\": {\"A\": \"market\", \"B\": \"x\", \"C\": \"y\"}}")).isInstanceOf(UserError.class)
        .hasMessageContaining("must not be named 'market'");
  }

  @Test
  void anUnknownMethodNamesTheValidOnes() {
    assertThatThrownBy(() -> optimize("risk-party", "{" + TWO_ASSETS + "}")).isInstanceOf(UserError.class)
        .hasMessageContaining("--method: Unknown optimisation method 'risk-party'")
        .hasMessageContaining("risk-parity").hasMessageContaining("black-litterman");
  }

  @Test
  void aCovarianceOfTheWrongSizeSaysWhatToGive() {
    assertThatThrownBy(() -> optimize("risk-parity", "{\"assets\": [\"A\", \"B\"], \"covariance\": [[0.04, 0, 0], "
        + "[0, 0.01, 0], [0, 0, 0.02]]}")).isInstanceOf(UserError.class)
        .hasMessageContaining("'covariance' has 3 rows but there are 2 assets [A, B]")
        .hasMessageContaining("one row and one column per asset");
    assertThatThrownBy(() -> optimize("mean-variance", "{" + TWO_ASSETS + ", \"expectedReturns\": [0.1]}"))
        .isInstanceOf(UserError.class).hasMessageContaining("'expectedReturns' has 1 entries but there are 2 assets");
  }

  @Test
  void aCovarianceThatIsNotPositiveSemiDefiniteIsRefused() {
    // a correlation of 0.05 / sqrt(0.04 * 0.01) = 2.5
    assertThatThrownBy(() -> optimize("minimum-variance", "{\"assets\": [\"A\", \"B\"], \"covariance\": [[0.04, "
        + "0.05], [0.05, 0.01]]}")).isInstanceOf(UserError.class)
        .hasMessageContaining("'covariance' is invalid: covariance is not positive semi-definite")
        .hasMessageContaining("\"covarianceMethod\": \"ledoit-wolf\"");
  }

  @Test
  void infeasibleConstraintsSayWhatToRelax() {
    assertThatThrownBy(() -> optimize("minimum-variance", "{" + TWO_ASSETS + ", \"constraints\": {\"maxWeight\": "
        + "0.3}}")).isInstanceOf(UserError.class)
        .hasMessageContaining("minimum-variance: Constraints are infeasible: maxWeight 0.3 x 2 assets")
        .hasMessageContaining("raise maxWeight to at least 0.5");
  }

  @Test
  void misplacedOrMissingInputsAreNamed() {
    assertThatThrownBy(() -> optimize("mean-variance", "{" + TWO_ASSETS + "}")).isInstanceOf(UserError.class)
        .hasMessageContaining("mean-variance needs 'expectedReturns'");
    assertThatThrownBy(() -> optimize("risk-parity", "{" + TWO_ASSETS + ", \"views\": []}"))
        .isInstanceOf(UserError.class).hasMessageContaining("'views' applies to black-litterman only");
    assertThatThrownBy(() -> optimize("risk-parity", "{\"assets\": [\"A\"], \"covarience\": [[0.04]]}"))
        .isInstanceOf(UserError.class).hasMessageContaining("unknown setting 'covarience'")
        .hasMessageContaining("covariance");
    assertThatThrownBy(() -> optimize("risk-parity", "{\"assets\": [\"A\"], \"covariance\": [[0.04]"))
        .isInstanceOf(UserError.class).hasMessageContaining("test input is not valid JSON (line 1");
    assertThatThrownBy(() -> optimize("black-litterman", "{" + TWO_ASSETS + ", \"views\": [{\"weights\": {\"Z\": 1}, "
        + "\"return\": 0.1}]}")).isInstanceOf(UserError.class)
        .hasMessageContaining("names asset 'Z', which is not among the problem's assets [A, B]");
    assertThatThrownBy(() -> optimize("black-litterman", "{" + TWO_ASSETS + ", \"views\": [{\"weights\": {\"A\": 1}}"
        + "]}")).isInstanceOf(UserError.class).hasMessageContaining("a view needs 'return'");
  }
}
