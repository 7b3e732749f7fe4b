package io.quantflow.models.risk.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.models.stats.StandardNormal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HypotheticalShockTest {
  private static final double TOL = 1e-9;
  private static final double Z99 = StandardNormal.inverseCdf(0.99);
  private static final Map<String, Double> BETAS = Map.of("AAA", 1.2, "BBB", 0.8, "CCC", 1.5);

  /** Daily volatilities 2%, 1%, 3%; correlations AAA/BBB 0.3, AAA/CCC 0.5, BBB/CCC 0.2. */
  private static final SymbolCovariance COV = SymbolCovariance.of(List.of("AAA", "BBB", "CCC"), new double[][] {
      {0.0004, 0.3 * 0.02 * 0.01, 0.5 * 0.02 * 0.03},
      {0.3 * 0.02 * 0.01, 0.0001, 0.2 * 0.01 * 0.03},
      {0.5 * 0.02 * 0.03, 0.2 * 0.01 * 0.03, 0.0009}});
  /** Long-only: weights 0.5, 0.3, 0.2 of 1M equity. */
  private static final Exposures LONG = new Exposures(Map.of("AAA", 500_000.0, "BBB", 300_000.0, "CCC",
      200_000.0), 1_000_000);
  private static final StressInputs LONG_INPUTS = new StressInputs(LONG, BETAS, COV, 0.99);
  /**
   * Base variance by hand: a = w sigma = (0.01, 0.003, 0.006); sum a^2 = 1.45e-4; cross terms
   * 2 (0.3 * 3e-5 + 0.5 * 6e-5 + 0.2 * 1.8e-5) = 8.52e-5; w' Sigma w = 2.302e-4.
   */
  private static final double BASE_VAR = Z99 * Math.sqrt(2.302e-4);

  @Test
  void indexDownTenPercentFollowsEachBeta() {
    Exposures book = new Exposures(Map.of("AAA", 100_000.0, "BBB", -50_000.0, "CCC", 30_000.0), 200_000);
    StressResult r = StressTest.apply(new HypotheticalShock.Index("index -10%", -0.10), StressInputs.of(book,
        BETAS));
    // AAA 100000 * 1.2 * -0.1 = -12000; BBB -50000 * 0.8 * -0.1 = +4000; CCC 30000 * 1.5 * -0.1 = -4500
    assertThat(r.pnlBySymbol().get("AAA")).isCloseTo(-12_000, within(TOL));
    assertThat(r.pnlBySymbol().get("BBB")).isCloseTo(4_000, within(TOL));
    assertThat(r.pnlBySymbol().get("CCC")).isCloseTo(-4_500, within(TOL));
    assertThat(r.pnl()).isCloseTo(-12_500, within(TOL));
    assertThat(r.pnlFraction()).isCloseTo(-0.0625, within(1e-15));
    assertThat(r.var()).isNull();
    assertThat(r.description()).contains("-10.00%");
  }

  @Test
  void aFactorShockIsLoadingTimesMove() {
    // rates +100 bp: a 7-duration bond fund (AAA) loses 7%, CCC 2%, BBB has no loading
    StressResult r = StressTest.apply(new HypotheticalShock.Factor("rates +100bp", "US 10y", 0.01,
        Map.of("AAA", -7.0, "CCC", -2.0)), LONG_INPUTS);
    assertThat(r.pnlBySymbol().get("AAA")).isCloseTo(-35_000, within(TOL));
    assertThat(r.pnlBySymbol().get("BBB")).isEqualTo(0.0);
    assertThat(r.pnlBySymbol().get("CCC")).isCloseTo(-4_000, within(TOL));
    assertThat(r.pnl()).isCloseTo(-39_000, within(TOL));
  }

  @Test
  void tripledVolatilityTriplesTheParametricVar() {
    StressResult r = StressTest.apply(new HypotheticalShock.Volatility("vol x3", 3), LONG_INPUTS);
    assertThat(r.pnl()).isNaN();
    assertThat(r.pnlBySymbol()).isEmpty();
    assertThat(r.var().baseVar()).isCloseTo(BASE_VAR, within(1e-15));
    assertThat(r.var().stressedVar()).isCloseTo(3 * r.var().baseVar(), within(1e-15));
    assertThat(r.var().ratio()).isCloseTo(3, within(1e-13));
    assertThat(r.var().stressedVarUsd()).isCloseTo(3 * BASE_VAR * 1_000_000, within(1e-6));
    assertThat(r.lossUsd()).isEqualTo(r.var().stressedVarUsd());
  }

  @Test
  void correlationsToOneGiveZTimesTheSumOfWeightedVolatilitiesForALongOnlyBook() {
    StressResult r = StressTest.apply(new HypotheticalShock.CorrelationsToOne("corr 1"), LONG_INPUTS);
    // sum |w_i| sigma_i = 0.5 * 0.02 + 0.3 * 0.01 + 0.2 * 0.03 = 0.019
    assertThat(r.var().stressedVar()).isCloseTo(Z99 * 0.019, within(1e-15));
    assertThat(r.var().baseVar()).isCloseTo(BASE_VAR, within(1e-15));
    assertThat(r.var().stressedVar()).isGreaterThan(r.var().baseVar());
  }

  @Test
  void correlationsToOneLetShortsOffsetLongs() {
    Exposures longShort = new Exposures(Map.of("AAA", 500_000.0, "BBB", -300_000.0, "CCC", 200_000.0), 1_000_000);
    StressResult r = StressTest.apply(new HypotheticalShock.CorrelationsToOne("corr 1"),
        new StressInputs(longShort, Map.of(), COV, 0.99));
    // |0.01 - 0.003 + 0.006| = 0.013
    assertThat(r.var().stressedVar()).isCloseTo(Z99 * 0.013, within(1e-15));
  }

  @Test
  void aCombinedShockAddsPnlAndComposesCovarianceShocks() {
    HypotheticalShock crash = new HypotheticalShock.Combined("crash", List.of(
        new HypotheticalShock.Index("index -10%", -0.10),
        new HypotheticalShock.Factor("rates", "US 10y", 0.01, Map.of("AAA", -1.0)),
        new HypotheticalShock.Volatility("vol x3", 3),
        new HypotheticalShock.CorrelationsToOne("corr 1")));
    StressResult r = StressTest.apply(crash, LONG_INPUTS);
    // index: -60000, -24000, -30000; rates: AAA 500000 * -1 * 0.01 = -5000
    assertThat(r.pnlBySymbol().get("AAA")).isCloseTo(-65_000, within(TOL));
    assertThat(r.pnl()).isCloseTo(-119_000, within(TOL));
    assertThat(r.pnlFraction()).isCloseTo(-0.119, within(1e-15));
    // 3 z sum w sigma = 3 * z * 0.019
    assertThat(r.var().stressedVar()).isCloseTo(3 * Z99 * 0.019, within(1e-15));
    assertThat(r.description()).contains("index -10.00%").contains("correlations set to 1");
  }

  @Test
  void theReportSortsByWorstLoss() {
    StressReport report = StressTest.run(LONG_INPUTS, List.of(), List.of(
        new HypotheticalShock.Factor("rates +100bp", "US 10y", 0.01, Map.of("AAA", -7.0)),
        new HypotheticalShock.CorrelationsToOne("corr 1"),
        new HypotheticalShock.Index("index -10%", -0.10),
        new HypotheticalShock.Volatility("vol x3", 3)));
    // losses: index 114000; vol x3 3 * 35296 = 105889; corr 1 z * 0.019 * 1M = 44201; rates 35000
    assertThat(report.results()).extracting(StressResult::name)
        .containsExactly("index -10%", "vol x3", "corr 1", "rates +100bp");
    assertThat(report.worst().lossUsd()).isCloseTo(114_000, within(TOL));
  }

  @Test
  void missingInputsAreNamed() {
    assertThatThrownBy(() -> StressTest.apply(new HypotheticalShock.Volatility("v", 2), StressInputs.of(LONG,
        BETAS))).hasMessageContaining("needs a covariance");
    assertThatThrownBy(() -> StressTest.apply(new HypotheticalShock.Index("i", -0.1), StressInputs.of(LONG,
        Map.of("AAA", 1.0)))).hasMessageContaining("position BBB has no beta");
    Exposures other = new Exposures(Map.of("ZZZ", 1.0), 10);
    assertThatThrownBy(() -> StressTest.apply(new HypotheticalShock.Volatility("v", 2),
        new StressInputs(other, Map.of(), COV, 0.99))).hasMessageContaining("ZZZ has no row in the covariance");
    assertThatThrownBy(() -> SymbolCovariance.of(List.of("A", "B"), new double[][] {{1e-4, 2e-4}, {2e-4, 1e-4}}))
        .hasMessageContaining("not positive semi-definite");
  }
}
