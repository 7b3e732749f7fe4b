package io.quantflow.connectors.stress;

import static io.quantflow.connectors.stress.StressTransformTest.MINUTE;
import static io.quantflow.connectors.stress.StressTransformTest.T0;
import static io.quantflow.connectors.stress.StressTransformTest.bar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Timeframe;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StressScenarioTest {
  @TempDir Path dir;

  // unsorted, two symbols
  static final List<Bar> BARS = List.of(
      bar("B", 1, 50, 51, 49, 50, 10),
      bar("A", 1, 101, 105, 100, 104, 20),
      bar("B", 0, 49, 50, 48, 49, 10),
      bar("A", 0, 100, 102, 99, 101, 20),
      bar("A", 2, 104, 104, 96, 98, 20));

  @Test
  void transformsApplyInOrderToEachSymbolsOwnSortedBars() {
    StressScenario s = new StressScenario("gap-then-delist", List.of(
        StressTransform.gapDown(List.of(), T0 + MINUTE, 0.5),
        StressTransform.delist("B", T0 + MINUTE)));
    List<Bar> out = s.apply(BARS);
    // A: 14:30 unchanged, 14:31 and 14:32 halved; B: only 14:30 left (its halved 14:31 bar is delisted)
    assertThat(out).extracting(Bar::symbol).containsExactly("A", "A", "A", "B");
    assertThat(out.get(0)).isEqualTo(bar("A", 0, 100, 102, 99, 101, 20));
    assertThat(out.get(1).close()).isCloseTo(52, within(1e-12));
    assertThat(out.get(2).low()).isCloseTo(48, within(1e-12));
    assertThat(out.get(3)).isEqualTo(bar("B", 0, 49, 50, 48, 49, 10));
    assertThat(s.describe()).isEqualTo("gapDown(all, 2019-02-11T14:31:00Z, 0.5), then delist(B, 2019-02-11T14:31:00Z)");
  }

  @Test
  void writesTheTransformedBarsIntoAnotherStore() {
    BarStore source = BarStore.at(dir.resolve("in"));
    source.write(BARS);
    StressScenario s = new StressScenario("thin", List.of(StressTransform.volumeMultiplier(0.1)));
    BarStore target = BarStore.at(dir.resolve("out"));
    assertThat(s.apply(source, Timeframe.M1, target)).isEqualTo(5);
    // volumes 20 -> 2 and 10 -> 1, prices untouched
    assertThat(target.read(Timeframe.M1)).extracting(Bar::volume).containsExactly(2.0, 2.0, 2.0, 1.0, 1.0);
    assertThat(target.read(Timeframe.M1)).extracting(Bar::close).containsExactly(101.0, 104.0, 98.0, 49.0, 50.0);
    assertThatThrownBy(() -> s.apply(source, Timeframe.M1, source)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'target'");
  }

  @Test
  void namesMustBeUsableAsFolderNames() {
    assertThatThrownBy(() -> new StressScenario("gap down/10", List.of(StressTransform.volumeMultiplier(0.1))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'name'").hasMessageContaining("folder");
    assertThatThrownBy(() -> new StressScenario("..", List.of(StressTransform.volumeMultiplier(0.1))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StressScenario("empty", List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one transform");
  }

  @Test
  void aPeriodHoldsTheTradingDatesOfItsBarsBothEndsIncluded() {
    HistoricalPeriod gfc = new HistoricalPeriod("gfc-2008", LocalDate.of(2008, 9, 1), LocalDate.of(2009, 3, 31));
    // daily bars are labelled by midnight UTC of their date: 2008-09-01T00:00Z is the session of 2008-09-01
    // (in New York it is still 2008-08-31), and 2009-03-31T00:00Z is the last day in
    long sep1 = LocalDate.of(2008, 9, 1).toEpochDay() * 86_400_000_000L;
    long mar31 = LocalDate.of(2009, 3, 31).toEpochDay() * 86_400_000_000L;
    assertThat(gfc.contains(Bar.of("A", Timeframe.D1, sep1, 1, 1, 1, 1, 1))).isTrue();
    assertThat(gfc.contains(Bar.of("A", Timeframe.D1, sep1 - 86_400_000_000L, 1, 1, 1, 1, 1))).isFalse();
    assertThat(gfc.contains(Bar.of("A", Timeframe.D1, mar31, 1, 1, 1, 1, 1))).isTrue();
    assertThat(gfc.contains(Bar.of("A", Timeframe.D1, mar31 + 86_400_000_000L, 1, 1, 1, 1, 1))).isFalse();
    // intraday bars take their New York date: 2019-02-12T00:30Z is 19:30 on 2019-02-11 in New York
    long evening = T0 + 10 * 3_600_000_000L; // 2019-02-11T14:30Z + 10 h
    assertThat(HistoricalPeriod.tradingDate(Bar.of("A", Timeframe.M1, evening, 1, 1, 1, 1, 1)))
        .isEqualTo(LocalDate.of(2019, 2, 11));
    assertThatThrownBy(() -> new HistoricalPeriod("x", LocalDate.of(2009, 1, 2), LocalDate.of(2009, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends (2009-01-01) before");
  }

  @Test
  void aPeriodCopiesItsBarsIntoAnotherStore() {
    BarStore source = BarStore.at(dir.resolve("in"));
    long day = 86_400_000_000L;
    long jan2 = LocalDate.of(2009, 1, 2).toEpochDay() * day;
    source.write(List.of(Bar.of("A", Timeframe.D1, jan2 - 2 * day, 1, 1, 1, 1, 1),
        Bar.of("A", Timeframe.D1, jan2, 2, 2, 2, 2, 2), Bar.of("A", Timeframe.D1, jan2 + 3 * day, 3, 3, 3, 3, 3)));
    BarStore target = BarStore.at(dir.resolve("out"));
    HistoricalPeriod p = new HistoricalPeriod("new-year", LocalDate.of(2009, 1, 1), LocalDate.of(2009, 1, 5));
    assertThat(p.copy(source, Timeframe.D1, target)).isEqualTo(2);
    assertThat(target.read(Timeframe.D1)).extracting(Bar::close).containsExactly(2.0, 3.0);
  }
}
