package io.quantflow.jobs.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.domain.testing.SampleBars;
import io.quantflow.jobs.cli.UserError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quant risk stress} through its JSON mapping, against P&amp;L computed by hand or from the CSV files. */
class StressCalculationTest {
  /** PhiInv(0.99), e.g. scipy.stats.norm.ppf(0.99). */
  private static final double Z99 = 2.3263478740408408;
  private static final Path DAILY = SampleBars.repoRoot().resolve("data/sample/daily");

  @TempDir Path dir;

  private static StressResponse stress(String json) {
    return StressCalculation.run(RiskJson.read(json, "test input", StressRequest.class), DAILY);
  }

  private static StressResponse.Scenario named(StressResponse r, String name) {
    return r.scenarios().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(
        () -> new AssertionError("no scenario " + name + " among " + r.scenarios().stream()
            .map(StressResponse.Scenario::name).toList()));
  }

  @Test
  void anIndexShockMovesEachPositionThroughItsBeta() {
    StressResponse r = stress("{\"positions\": {\"A\": 100000, \"B\": -50000}, \"equity\": 200000, \"betas\": "
        + "{\"A\": 1.2, \"B\": 0.8}, \"scenarios\": [{\"type\": \"index\", \"move\": -0.10}, {\"type\": \"factor\", "
        + "\"name\": \"rates\", \"move\": 0.01, \"loadings\": {\"B\": -7}}]}");
    StressResponse.Scenario index = named(r, "index -10.00%");
    // 100000 x 1.2 x -0.10 = -12000 and -50000 x 0.8 x -0.10 = +4000
    assertThat(index.pnlBySymbol().get("A")).isCloseTo(-12_000, within(1e-9));
    assertThat(index.pnlBySymbol().get("B")).isCloseTo(4_000, within(1e-9));
    assertThat(index.pnl()).isCloseTo(-8_000, within(1e-9));
    assertThat(index.pnlFraction()).isCloseTo(-0.04, within(1e-15));
    assertThat(index.kind()).isEqualTo("hypothetical");
    // -50000 x -7 x 0.01 = +3500: a gain, so it ranks after the loss
    StressResponse.Scenario rates = named(r, "rates +0.0100");
    assertThat(rates.pnl()).isCloseTo(3_500, within(1e-9));
    assertThat(r.scenarios()).extracting(StressResponse.Scenario::name).containsExactly("index -10.00%",
        "rates +0.0100");
    assertThat(r.grossExposure()).isEqualTo(150_000);
    assertThat(r.netExposure()).isEqualTo(50_000);
  }

  @Test
  void covarianceShocksCompareTheStressedWithTheBaseVar() {
    StressResponse r = stress("{\"positions\": {\"A\": 100000, \"B\": -50000}, \"equity\": 200000, \"covariance\": "
        + "{\"A\": {\"A\": 4e-4, \"B\": 1e-4}, \"B\": {\"B\": 2.5e-4}}, \"scenarios\": [{\"type\": \"volatility\", "
        + "\"multiplier\": 3}, {\"type\": \"correlations-to-one\"}]}");
    // w = (0.5, -0.25): w'Sw = 0.25 x 4e-4 + 0.0625 x 2.5e-4 - 2 x 0.125 x 1e-4 = 9.0625e-5
    double base = Z99 * Math.sqrt(9.0625e-5);
    assertThat(r.baseVar()).isCloseTo(base, within(1e-15));
    StressResponse.Scenario vol = named(r, "volatility x3");
    assertThat(vol.var().baseVar()).isCloseTo(base, within(1e-15));
    assertThat(vol.var().stressedVar()).isCloseTo(3 * base, within(1e-15));
    assertThat(vol.var().stressedVarUsd()).isCloseTo(3 * base * 200_000, within(1e-9));
    assertThat(vol.pnl()).isNull();
    // correlations one: sigma_p = |0.5 x 0.02 - 0.25 x sqrt(2.5e-4)|
    StressResponse.Scenario ones = named(r, "correlations to one");
    assertThat(ones.var().stressedVar()).isCloseTo(Z99 * (0.01 - 0.25 * Math.sqrt(2.5e-4)), within(1e-15));
    assertThat(r.scenarios().get(0).name()).isEqualTo("volatility x3");
  }

  @Test
  void inlinePricesAreReplayedAndAMissingSymbolIsProxiedThroughItsBeta() {
    // A: 100 -> 110 -> 99 (+10%, -10%), B: 50 -> 45 -> 45.9 (-10%, +2%); the equal-weighted index: 0%, -4%
    StressResponse r = stress("{\"positions\": {\"A\": 10000, \"C\": 5000}, \"equity\": 20000, \"betas\": {\"C\": "
        + "1.5}, \"historical\": {\"prices\": {\"2024-01-02\": {\"A\": 100, \"B\": 50}, \"2024-01-03\": {\"A\": 110, "
        + "\"B\": 45}, \"2024-01-04\": {\"A\": 99, \"B\": 45.9}}, \"worstDays\": 1, \"windows\": [{\"name\": "
        + "\"both days\", \"from\": \"2024-01-03\", \"to\": \"2024-01-04\"}]}}");
    StressResponse.Scenario worst = named(r, "worst day 2024-01-04");
    assertThat(worst.indexReturn()).isCloseTo(-0.04, within(1e-12));
    assertThat(worst.pnlBySymbol().get("A")).isCloseTo(-1_000, within(1e-9));
    assertThat(worst.pnlBySymbol().get("C")).isCloseTo(5_000 * 1.5 * -0.04, within(1e-9));
    assertThat(worst.proxied()).singleElement().satisfies(p -> {
      assertThat(p.symbol()).isEqualTo("C");
      assertThat(p.reason()).contains("C has no return in scenario worst day 2024-01-04");
    });
    // compounded: A 1.1 x 0.9 - 1 = -1%, index 1.0 x 0.96 - 1 = -4%
    StressResponse.Scenario both = named(r, "both days");
    assertThat(both.pnl()).isCloseTo(10_000 * -0.01 + 5_000 * 1.5 * -0.04, within(1e-9));
    assertThat(both.from()).isEqualTo("2024-01-03");
    assertThat(both.to()).isEqualTo("2024-01-04");
    // A's beta, estimated on the two days: cov((0.1, -0.1), (0, -0.04)) / var((0, -0.04)) = 5
    assertThat(r.estimatedBetas()).containsExactly("A");
    assertThat(r.betas().get("A")).isCloseTo(5, within(1e-9));
    assertThat(r.index()).isEqualTo("EW");
  }

  @Test
  void theBundledSampleReplaysLehmanDayAsTheCsvFilesSay() throws IOException {
    StressResponse r = stress("{\"positions\": {\"AAPL\": 50000, \"JPM\": 30000, \"XOM\": -20000}, \"equity\": "
        + "100000, \"historical\": \"bundled\"}");
    StressResponse.Scenario lehman = r.scenarios().stream().filter(s -> "2008-09-15".equals(s.from())
        && "2008-09-15".equals(s.to())).findFirst().orElseThrow();
    assertThat(lehman.kind()).isEqualTo("historical");
    // sum_i v_i (P_i(2008-09-15) / P_i(2008-09-12) - 1), adjusted closes read straight from the CSV files
    double pnl = 50_000 * dayReturn("AAPL") + 30_000 * dayReturn("JPM") - 20_000 * dayReturn("XOM");
    assertThat(lehman.pnl()).isCloseTo(pnl, within(1e-6));
    assertThat(lehman.pnlBySymbol().get("JPM")).isCloseTo(30_000 * dayReturn("JPM"), within(1e-6));
    assertThat(lehman.pnlFraction()).isCloseTo(pnl / 100_000, within(1e-12));
    assertThat(lehman.proxied()).isNull();
    assertThat(r.scenarios()).extracting(StressResponse.Scenario::name).contains("Lehman bankruptcy 2008-09-15",
        "COVID crash (S&P 500 peak 2020-02-19 to trough 2020-03-23)", "flash crash 2010-05-06",
        "worst day 2020-03-16");
    // 5 worst days (Lehman's among them, named once) and 6 named scenarios
    assertThat(r.scenarios()).hasSize(10);
    List<Double> losses = r.scenarios().stream().map(StressResponse.Scenario::lossUsd).toList();
    assertThat(losses).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(r.historical()).startsWith("bundled (");
  }

  /** The simple return of {@code symbol} on 2008-09-15 (from 2008-09-12, the Friday before). */
  private static double dayReturn(String symbol) throws IOException {
    Map<String, Double> close = new HashMap<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(
        DAILY.resolve(symbol + ".csv.gz"))), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split(",");
        close.put(f[0], f[5].equals("adjusted_close") ? Double.NaN : Double.parseDouble(f[5]));
      }
    }
    return close.get("2008-09-15") / close.get("2008-09-12") - 1;
  }

  @Test
  void aDayOutsideTheBundledWindowsSaysWhatTheSampleCovers() {
    assertThatThrownBy(() -> stress("{\"positions\": {\"AAPL\": 1000}, \"equity\": 1000, \"historical\": {\"source\": "
        + "\"bundled\", \"windows\": [{\"name\": \"Black Monday\", \"from\": \"1987-10-19\"}]}}"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("'historical.windows[0]' (Black Monday): The returns panel has no date in [1987-10-19, "
            + "1987-10-19]")
        .hasMessageContaining("the panel covers 1999-11-02..2002-12-31, 2007-06-04..2009-06-30");
  }

  @Test
  void badInputsSayWhatToFix() {
    assertThatThrownBy(() -> stress("{\"positions\": {\"A\": 1000, \"B\": 500}, \"equity\": 2000, \"betas\": {\"A\": "
        + "1}, \"scenarios\": [{\"type\": \"index\", \"move\": -0.1}]}")).isInstanceOf(UserError.class)
        .hasMessageContaining("scenarios[0] (index shock): position B has no beta: add it to 'betas'");
    assertThatThrownBy(() -> stress("{\"positions\": {\"A\": 1000}, \"equity\": 2000, \"scenarios\": [{\"type\": "
        + "\"volatility\", \"multiplier\": 3}]}")).isInstanceOf(UserError.class)
        .hasMessageContaining("scenarios[0] (volatility shock) needs a covariance of daily returns");
    assertThatThrownBy(() -> stress("{\"positions\": {\"A\": 1000}, \"equity\": 2000}"))
        .isInstanceOf(UserError.class).hasMessageContaining("Nothing to stress");
    assertThatThrownBy(() -> stress("{\"positions\": {\"A\": 1000}, \"equity\": 2000, \"scenarios\": [{\"type\": "
        + "\"crash\"}]}")).isInstanceOf(UserError.class).hasMessageContaining("crash")
        .hasMessageContaining("correlations-to-one");
    assertThatThrownBy(() -> stress("{\"positions\": {\"XLF\": 1000}, \"equity\": 2000, \"historical\": {\"prices\": "
        + "{\"2024-01-02\": {\"A\": 1}, \"2024-01-03\": {\"A\": 1.1}}}}")).isInstanceOf(UserError.class)
        .hasMessageContaining("Position XLF has no return in historical scenario 'worst day 2024-01-03' and no beta")
        .hasMessageContaining("add \"XLF\": <beta> to 'betas'");
    assertThatThrownBy(() -> StressCalculation.run(RiskJson.read("{\"positions\": {\"A\": 1}, \"equity\": 1, "
        + "\"historical\": \"bundled\"}", "test", StressRequest.class), dir.resolve("nowhere")))
        .isInstanceOf(UserError.class).hasMessageContaining("does not exist").hasMessageContaining("QUANT_HOME");
  }
}
