package io.quantflow.models.risk.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoricalReplayTest {
  private static final double TOL = 1e-9;
  private static final LocalDate DAY = LocalDate.of(2008, 10, 15);
  /** Long AAA 100k, short BBB 50k, long CCC 30k on 200k of equity. */
  private static final Exposures BOOK = new Exposures(Map.of("AAA", 100_000.0, "BBB", -50_000.0, "CCC", 30_000.0),
      200_000);
  private static final Map<String, Double> BETAS = Map.of("AAA", 1.2, "BBB", 0.8, "CCC", 1.5);

  @Test
  void replayingAHistoricalDayGivesValueTimesReturn() {
    HistoricalScenario day = new HistoricalScenario("2008-10-15", DAY, DAY, "SPY", -0.09,
        Map.of("AAA", -0.05, "BBB", -0.08, "CCC", 0.02, "SPY", -0.09));
    StressResult r = StressTest.replay(day, StressInputs.of(BOOK, BETAS));
    // AAA 100000 * -0.05 = -5000; BBB -50000 * -0.08 = +4000 (the short gains); CCC 30000 * 0.02 = +600
    assertThat(r.pnlBySymbol()).containsOnlyKeys("AAA", "BBB", "CCC");
    assertThat(r.pnlBySymbol().get("AAA")).isCloseTo(-5000, within(TOL));
    assertThat(r.pnlBySymbol().get("BBB")).isCloseTo(4000, within(TOL));
    assertThat(r.pnlBySymbol().get("CCC")).isCloseTo(600, within(TOL));
    assertThat(r.pnl()).isCloseTo(-400, within(TOL));
    assertThat(r.pnlFraction()).isCloseTo(-0.002, within(1e-15));
    assertThat(r.proxied()).isEmpty();
    assertThat(r.var()).isNull();
    assertThat(r.lossUsd()).isCloseTo(400, within(TOL));
  }

  @Test
  void aSymbolMissingFromTheScenarioIsProxiedThroughItsBetaAndReported() {
    HistoricalScenario day = new HistoricalScenario("2008-10-15", DAY, DAY, "SPY", -0.09,
        Map.of("AAA", -0.05, "BBB", -0.08));
    StressResult r = StressTest.replay(day, StressInputs.of(BOOK, BETAS));
    // CCC: 30000 * 1.5 * -0.09 = -4050; total -5000 + 4000 - 4050 = -5050
    assertThat(r.pnlBySymbol().get("CCC")).isCloseTo(-4050, within(TOL));
    assertThat(r.pnl()).isCloseTo(-5050, within(TOL));
    assertThat(r.proxied()).hasSize(1);
    ProxiedPosition p = r.proxied().get(0);
    assertThat(p.symbol()).isEqualTo("CCC");
    assertThat(p.beta()).isEqualTo(1.5);
    assertThat(p.pnl()).isCloseTo(-4050, within(TOL));
    assertThat(p.reason()).contains("CCC has no return in scenario 2008-10-15").contains("SPY");
    assertThat(r.description()).contains("1 position(s) proxied");
  }

  @Test
  void theIndexItselfTakesTheIndexReturn() {
    HistoricalScenario day = new HistoricalScenario("d", DAY, DAY, "SPY", -0.09, Map.of());
    StressResult r = StressTest.replay(day, StressInputs.of(new Exposures(Map.of("SPY", -10_000.0), 50_000),
        Map.of()));
    assertThat(r.pnl()).isCloseTo(900, within(TOL));
    assertThat(r.proxied()).isEmpty();
  }

  @Test
  void aMissingSymbolWithoutABetaIsAnErrorNotASkip() {
    HistoricalScenario day = new HistoricalScenario("2008-10-15", DAY, DAY, "SPY", -0.09, Map.of("AAA", -0.05));
    assertThatThrownBy(() -> StressTest.replay(day, StressInputs.of(BOOK, Map.of("BBB", 0.8))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Position CCC has no return in scenario 2008-10-15 and no beta");
  }

  @Test
  void betasEstimatedOnThePanelProxyAMissingSymbol() {
    // CCC = 2 x index exactly on the estimation days, so its OLS beta is 2; the stress day has no CCC return
    Map<LocalDate, Map<String, Double>> panel = Map.of(
        LocalDate.of(2008, 10, 1), Map.of("IDX", 0.01, "CCC", 0.02),
        LocalDate.of(2008, 10, 2), Map.of("IDX", -0.02, "CCC", -0.04),
        LocalDate.of(2008, 10, 3), Map.of("IDX", 0.005, "CCC", 0.01),
        LocalDate.of(2008, 10, 6), Map.of("IDX", -0.05, "AAA", -0.03));
    Map<String, Double> betas = HistoricalScenarios.betas(panel, "IDX", List.of("CCC"));
    assertThat(betas.get("CCC")).isCloseTo(2.0, within(1e-12));
    HistoricalScenario crash = HistoricalScenarios.worstDays(panel, LocalDate.of(2008, 10, 6),
        LocalDate.of(2008, 10, 6), "IDX", 1).get(0);
    StressResult r = StressTest.replay(crash, StressInputs.of(new Exposures(Map.of("AAA", 10_000.0, "CCC",
        10_000.0), 20_000), betas));
    // AAA 10000 * -0.03 = -300; CCC proxied 10000 * 2 * -0.05 = -1000
    assertThat(r.pnl()).isCloseTo(-1300, within(TOL));
    assertThat(r.proxied()).extracting(ProxiedPosition::symbol).containsExactly("CCC");
  }

  @Test
  void exposuresAreChecked() {
    assertThatThrownBy(() -> new Exposures(Map.of("AAA", Double.NaN), 1000))
        .hasMessageContaining("valueBySymbol[AAA]");
    assertThatThrownBy(() -> new Exposures(Map.of("AAA", 1.0), 0)).hasMessageContaining("equity");
    assertThat(BOOK.gross()).isEqualTo(180_000);
    assertThat(BOOK.net()).isEqualTo(80_000);
    assertThat(BOOK.weight("BBB")).isEqualTo(-0.25);
  }
}
