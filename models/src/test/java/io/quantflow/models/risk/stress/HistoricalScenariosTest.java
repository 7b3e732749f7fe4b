package io.quantflow.models.risk.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.junit.jupiter.api.Test;

class HistoricalScenariosTest {
  private static LocalDate d(int day) {
    return LocalDate.of(2020, 3, day);
  }

  /** Index returns: 9th -7.6%, 10th +4.9%, 11th -4.9%, 12th -9.5%, 13th +9.3%, 16th -12%. */
  private static final Map<LocalDate, Map<String, Double>> PANEL = Map.of(
      d(9), Map.of("IDX", -0.076, "AAA", -0.05, "BBB", -0.10),
      d(10), Map.of("IDX", 0.049, "AAA", 0.03, "BBB", 0.06),
      d(11), Map.of("IDX", -0.049, "AAA", -0.02, "BBB", -0.07),
      d(12), Map.of("IDX", -0.095, "AAA", -0.08),
      d(13), Map.of("IDX", 0.093, "AAA", 0.10, "BBB", 0.09),
      d(16), Map.of("IDX", -0.12, "AAA", -0.11, "BBB", -0.13));

  @Test
  void worstDaysAreTheIndexsLowestReturnsWorstFirst() {
    List<HistoricalScenario> worst = HistoricalScenarios.worstDays(PANEL, PANEL.keySet(), "IDX", 3);
    assertThat(worst).extracting(HistoricalScenario::from).containsExactly(d(16), d(12), d(9));
    assertThat(worst).extracting(HistoricalScenario::name).containsExactly("2020-03-16", "2020-03-12",
        "2020-03-09");
    assertThat(worst.get(0).indexReturn()).isEqualTo(-0.12);
    assertThat(worst.get(0).returnBySymbol()).containsEntry("AAA", -0.11).containsEntry("BBB", -0.13);
    // restricted to the 9th..13th the 16th is out
    assertThat(HistoricalScenarios.worstDays(PANEL, d(9), d(13), "IDX", 2)).extracting(HistoricalScenario::from)
        .containsExactly(d(12), d(9));
    // asking for more days than there are gives them all
    assertThat(HistoricalScenarios.worstDays(PANEL, d(9), d(10), "IDX", 5)).hasSize(2);
  }

  @Test
  void aWindowCompoundsDailyReturnsAndLeavesOutSymbolsMissingADay() {
    HistoricalScenario w = HistoricalScenarios.window(PANEL, "covid", d(9), d(11), "IDX");
    assertThat(w.from()).isEqualTo(d(9));
    assertThat(w.to()).isEqualTo(d(11));
    assertThat(w.indexReturn()).isCloseTo(0.924 * 1.049 * 0.951 - 1, within(1e-15));
    assertThat(w.returnBySymbol().get("AAA")).isCloseTo(0.95 * 1.03 * 0.98 - 1, within(1e-15));
    // BBB has no return on the 12th, so a window over it leaves BBB out (to be proxied), AAA stays
    HistoricalScenario w2 = HistoricalScenarios.window(PANEL, "covid", d(11), d(13), "IDX");
    assertThat(w2.returnBySymbol()).containsOnlyKeys("AAA", "IDX");
    assertThat(w2.returnOf("BBB")).isNull();
  }

  @Test
  void adjustedClosesGiveReturnsBetweenConsecutiveDates() {
    NavigableMap<LocalDate, Map<String, Double>> panel = HistoricalScenarios.fromAdjustedCloses(Map.of(
        d(9), Map.of("AAA", 100.0, "BBB", 50.0),
        d(10), Map.of("AAA", 90.0, "BBB", 55.0),
        d(11), Map.of("AAA", 99.0, "CCC", 10.0),
        d(12), Map.of("AAA", 99.0, "CCC", 12.0, "BBB", 60.0)));
    assertThat(panel.keySet()).containsExactly(d(10), d(11), d(12));
    assertThat(panel.get(d(10))).containsEntry("AAA", 90.0 / 100 - 1).containsEntry("BBB", 55.0 / 50 - 1);
    // BBB has no price on the 11th, so no return on the 11th nor the 12th; CCC starts on the 12th
    assertThat(panel.get(d(11))).containsOnlyKeys("AAA");
    assertThat(panel.get(d(12))).containsOnlyKeys("AAA", "CCC").containsEntry("CCC", 12.0 / 10 - 1);
    NavigableMap<LocalDate, Map<String, Double>> withIndex = HistoricalScenarios.withEqualWeightIndex(panel, "EW");
    assertThat(withIndex.get(d(10)).get("EW")).isCloseTo((-0.1 + 0.1) / 2, within(1e-15));
    assertThat(withIndex.get(d(12)).get("EW")).isCloseTo((0.0 + 0.2) / 2, within(1e-15));
  }

  @Test
  void badPanelsAreRefusedWithAReason() {
    assertThatThrownBy(() -> HistoricalScenarios.worstDays(PANEL, List.of(d(12), d(17)), "IDX", 1))
        .hasMessageContaining("2020-03-17 is not in the returns panel");
    assertThatThrownBy(() -> HistoricalScenarios.worstDays(PANEL, PANEL.keySet(), "SPY", 1))
        .hasMessageContaining("SPY has no return");
    assertThatThrownBy(() -> HistoricalScenarios.fromAdjustedCloses(Map.of(d(9), Map.of("AAA", -1.0))))
        .hasMessageContaining("closesByDate[2020-03-09][AAA]");
    assertThatThrownBy(() -> HistoricalScenarios.worstDays(Map.of(d(9), Map.of("IDX", -1.5)), List.of(d(9)),
        "IDX", 1)).hasMessageContaining("at least -1");
  }
}
