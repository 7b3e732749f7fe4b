package io.quantflow.jobs.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.jobs.cli.UserError;
import org.junit.jupiter.api.Test;

/** {@code quant risk var} through its JSON mapping, against formulas computed here. */
class VarCalculationTest {
  /** PhiInv(0.95), e.g. scipy.stats.norm.ppf(0.95). */
  private static final double Z95 = 1.6448536269514722;
  private static final double[] SERIES = {0.012, -0.008, 0.003, -0.021, 0.015, 0.004, -0.011, 0.007, -0.002, 0.009,
      -0.017, 0.006, 0.001, -0.005, 0.013, -0.009, 0.002, -0.026, 0.010, 0.005};

  private static VarResponse var(String json) {
    return VarCalculation.run(RiskJson.read(json, "test input", VarRequest.class));
  }

  private static String array(double[] x) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < x.length; i++) {
      b.append(i == 0 ? "" : ", ").append(x[i]);
    }
    return b.append(']').toString();
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double sd(double[] x) {
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / (x.length - 1));
  }

  @Test
  void parametricIsTheNormalFormulaOfTheSampleMoments() {
    VarResponse r = var("{\"returns\": " + array(SERIES) + "}");
    double mu = mean(SERIES);
    double sigma = sd(SERIES);
    double phi = Math.exp(-Z95 * Z95 / 2) / Math.sqrt(2 * Math.PI);
    assertThat(r.method()).isEqualTo("parametric"); // the default
    assertThat(r.confidence()).isEqualTo(0.95);
    assertThat(r.var()).isCloseTo(-mu + sigma * Z95, within(1e-12));
    assertThat(r.cvar()).isCloseTo(-mu + sigma * phi / 0.05, within(1e-12));
    assertThat(r.observations()).isEqualTo(20);
    VarResponse tenDays = var("{\"returns\": " + array(SERIES) + ", \"horizonDays\": 10}");
    assertThat(tenDays.var()).isCloseTo(-10 * mu + Math.sqrt(10) * sigma * Z95, within(1e-12));
    assertThat(tenDays.horizonDays()).isEqualTo(10);
  }

  @Test
  void historicalIsTheHandQuantileOfTwentyReturns() {
    VarResponse r = var("{\"returns\": " + array(SERIES) + ", \"method\": \"historical\", \"confidence\": 0.9}");
    // 20 returns at 90%: the tail is the ceil(20 x 0.1) = 2 worst, -0.026 and -0.021
    assertThat(r.var()).isCloseTo(0.021, within(1e-15));
    assertThat(r.cvar()).isCloseTo((0.026 + 0.021) / 2, within(1e-15));
    assertThat(r.samples()).isEqualTo(20);
  }

  @Test
  void perAssetReturnsGiveEulerComponentsThatAddUpToTheParametricVar() {
    double[] a = {0.01, -0.02, 0.015, 0.003, -0.007, 0.012};
    double[] b = {0.002, -0.004, 0.001, 0.0, 0.003, -0.001};
    VarResponse r = var("{\"returns\": {\"A\": " + array(a) + ", \"B\": " + array(b) + "}, \"weights\": {\"A\": 0.6, "
        + "\"B\": 0.4}}");
    double[] p = new double[a.length];
    for (int t = 0; t < p.length; t++) {
      p[t] = 0.6 * a[t] + 0.4 * b[t];
    }
    double expected = -mean(p) + sd(p) * Z95;
    assertThat(r.var()).isCloseTo(expected, within(1e-12));
    assertThat(r.parametricVar()).isCloseTo(expected, within(1e-12));
    assertThat(r.componentVar().get("A") + r.componentVar().get("B")).isCloseTo(expected, within(1e-12));
    // component_A = w_A (-mu_A + z (S w)_A / sigma_p)
    double covAp = 0;
    for (int t = 0; t < a.length; t++) {
      covAp += (a[t] - mean(a)) * (p[t] - mean(p)) / (a.length - 1);
    }
    assertThat(r.componentVar().get("A")).isCloseTo(0.6 * (-mean(a) + Z95 * covAp / sd(p)), within(1e-12));
  }

  @Test
  void theBacktestCountsExceptionsOfTheRollingHistoricalVar() {
    double[] x = {0.01, -0.02, 0.005, -0.01, -0.03, 0.02, -0.025, 0.0};
    VarResponse r = var("{\"returns\": " + array(x) + ", \"method\": \"historical\", \"confidence\": 0.75, "
        + "\"backtest\": true, \"window\": 4}");
    // window 4 at 75%: a tail of ceil(4 x 0.25) = 1, so each forecast is minus the worst of the 4 days before:
    // forecasts 0.02, 0.03, 0.03, 0.03 against the returns -0.03, 0.02, -0.025, 0.0 -> one exception (day 4)
    VarResponse.Backtest b = r.backtest();
    assertThat(b.observations()).isEqualTo(4);
    assertThat(b.exceptions()).isEqualTo(1);
    assertThat(b.expectedExceptions()).isCloseTo(1.0, within(1e-12));
    // Kupiec with x/T = p = 0.25 has LR = 0 and p-value 1
    assertThat(b.likelihoodRatio()).isCloseTo(0, within(1e-12));
    assertThat(b.pValue()).isCloseTo(1, within(1e-12));
    assertThat(b.zone()).isEqualTo("green");
  }

  @Test
  void monteCarloNormalIsCloseToTheParametricFormulaAndRepeatsWithTheSeed() {
    String json = "{\"returns\": " + array(SERIES) + ", \"method\": \"monte-carlo\", \"paths\": 200000, \"seed\": 7}";
    VarResponse r = var(json);
    assertThat(r.var()).isCloseTo(-mean(SERIES) + sd(SERIES) * Z95, within(2e-4));
    assertThat(var(json).var()).isEqualTo(r.var());
    assertThat(r.paths()).isEqualTo(200000);
    assertThat(r.distribution()).isEqualTo("normal");
  }

  @Test
  void badInputsSayWhatToFix() {
    assertThatThrownBy(() -> var("{\"returns\": [0.01, 0.02], \"method\": \"gaussian\"}"))
        .isInstanceOf(UserError.class).hasMessageContaining("'method': Unknown VaR method 'gaussian'")
        .hasMessageContaining("parametric, cornish-fisher, historical, monte-carlo");
    assertThatThrownBy(() -> var("{\"returns\": [[0.01, 0.02], [0.0, 0.01]], \"assets\": [\"A\", \"B\"]}"))
        .isInstanceOf(UserError.class).hasMessageContaining("Per-asset 'returns' need 'weights'");
    assertThatThrownBy(() -> var("{\"returns\": [0.01, 0.02, 0.0], \"distribution\": \"student-t\"}"))
        .isInstanceOf(UserError.class).hasMessageContaining("apply to \"method\": \"monte-carlo\" only");
    assertThatThrownBy(() -> var("{\"returns\": [0.01, 0.02, 0.0], \"backtest\": true}"))
        .isInstanceOf(UserError.class).hasMessageContaining("there are 3 daily returns and \"window\" is 250");
    assertThatThrownBy(() -> var("{\"returns\": [0.01, 0.02, 0.0], \"confidence\": 95}"))
        .isInstanceOf(UserError.class).hasMessageContaining("'confidence' must be in (0, 1) but was 95.0");
    assertThatThrownBy(() -> var("{\"returns\": [0.01, \"x\"]}")).isInstanceOf(UserError.class)
        .hasMessageContaining("'returns[1]' must be a number");
  }
}
