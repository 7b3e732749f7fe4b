package io.quantflow.jobs.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.connectors.stress.Delist;
import io.quantflow.connectors.stress.FlashCrash;
import io.quantflow.connectors.stress.GapDown;
import io.quantflow.connectors.stress.Halt;
import io.quantflow.connectors.stress.HistoricalPeriod;
import io.quantflow.connectors.stress.StressScenario;
import io.quantflow.connectors.stress.StressTransform;
import io.quantflow.connectors.stress.VolatilityMultiplier;
import io.quantflow.connectors.stress.VolumeMultiplier;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.testing.SampleBars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StressConfigTest {
  /** 2019-02-13T14:30:00Z: 1,550,068,200 s since the epoch. */
  private static final long WED_OPEN = 1_550_068_200_000_000L;
  /** 2019-02-12T19:00:00Z = 2019-02-11T14:30Z (1,549,895,400 s) + 28.5 h. */
  private static final long TUE_1400_NY = 1_549_998_000_000_000L;

  @TempDir Path dir;

  private Path yaml(String text) throws Exception {
    return Files.writeString(dir.resolve("stress.yaml"), text);
  }

  @Test
  void theExampleConfigCoversEveryTransformOnTheOneMinuteSample() {
    StressConfig c = StressConfig.load(SampleBars.repoRoot().resolve("config/stress.yaml"));
    assertThat(c.backtest().timeframe()).isEqualTo(Timeframe.M1);
    List<StressScenario> s = c.stressScenarios();
    assertThat(s).extracting(StressScenario::name).containsExactly("index-gap-down-5pct", "spy-qqq-gap-down-10pct",
        "volatility-x3", "low-liquidity", "flash-crash", "aapl-halt", "bac-delisted", "crash-in-a-thin-market");
    assertThat(s.get(0).transforms()).containsExactly(new GapDown(List.of(), WED_OPEN, 0.05));
    assertThat(s.get(1).transforms()).containsExactly(new GapDown(List.of("SPY", "QQQ"), WED_OPEN, 0.10));
    assertThat(s.get(2).transforms()).containsExactly(new VolatilityMultiplier(3));
    assertThat(s.get(3).transforms()).containsExactly(new VolumeMultiplier(0.1));
    assertThat(s.get(4).transforms()).containsExactly(new FlashCrash(List.of(), TUE_1400_NY, 0.09, 15, 20, 5));
    // 2019-02-14T15:00Z and 16:00Z: Wednesday's open + 24.5 h and 25.5 h
    assertThat(s.get(5).transforms()).containsExactly(new Halt("AAPL", WED_OPEN + 88_200_000_000L,
        WED_OPEN + 91_800_000_000L, 0.05));
    // a date is midnight UTC: 2019-02-14 is day 17,941 since the epoch
    assertThat(s.get(6).transforms()).containsExactly(new Delist("BAC", 17_941L * 86_400_000_000L));
    assertThat(s.get(7).transforms()).containsExactly(new VolumeMultiplier(0.1),
        StressTransform.flashCrash(List.of(), TUE_1400_NY, 0.09, 15, 20));
    assertThat(s.stream().flatMap(x -> x.transforms().stream()).map(t -> t.getClass().getSimpleName()).distinct())
        .containsExactlyInAnyOrder("GapDown", "VolatilityMultiplier", "VolumeMultiplier", "FlashCrash", "Halt",
            "Delist");
    assertThat(c.historicalPeriods()).containsExactly(new HistoricalPeriod("mid-week", LocalDate.of(2019, 2, 12),
        LocalDate.of(2019, 2, 14)));
    assertThat(c.keepStores()).isFalse();
  }

  @Test
  void theDailyConfigIsASingleTimeframeBacktestWithTheCrisisPeriods() {
    StressConfig c = StressConfig.load(SampleBars.repoRoot().resolve("config/stress-daily.yaml"));
    assertThat(c.backtest().timeframe()).isEqualTo(Timeframe.D1);
    assertThat(c.backtest().pipeline().resampleTo()).isEmpty();
    assertThat(c.backtest().pipeline().signal().timeframes()).containsExactly(Timeframe.D1);
    assertThat(c.historicalPeriods()).contains(new HistoricalPeriod("gfc-2008", LocalDate.of(2008, 9, 1),
        LocalDate.of(2009, 3, 31)));
    assertThat(c.historicalPeriods()).extracting(HistoricalPeriod::name).containsExactly("dotcom-bear-2001-2002",
        "gfc-2008", "flash-crash-2010", "downgrade-2011", "covid-2020");
  }

  @Test
  void theSyntheticConfigHasTheLowLiquidityAndHighVolatilityRuns() {
    StressConfig c = StressConfig.load(SampleBars.repoRoot().resolve("config/stress-synthetic.yaml"));
    assertThat(c.stressScenarios()).extracting(StressScenario::transforms).containsExactly(
        List.of(new VolumeMultiplier(0.1)), List.of(new VolatilityMultiplier(3)),
        List.of(new VolumeMultiplier(0.1), new VolatilityMultiplier(3)));
  }

  @Test
  void mistakesNameTheSettingAndTheLine() throws Exception {
    assertThatThrownBy(() -> StressConfig.load(yaml("scenarios:\n  - name: x\n    transforms:\n"
        + "      - {type: gapdown, at: 2019-02-13, fraction: 0.1}\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stress.yaml line 2: Scenario 'x', transform 1 (gapdown): Setting 'type' must be one "
            + "of [gapDown, volatilityMultiplier, volumeMultiplier, flashCrash, halt, delist] but was 'gapdown'");
    assertThatThrownBy(() -> StressConfig.load(yaml("scenarios:\n  - name: x\n    transforms:\n"
        + "      - {type: gapDown, at: 2019-02-13}\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2: Scenario 'x', transform 1 (gapDown): setting 'fraction' is missing "
            + "(gapDown takes [symbols, at, fraction])");
    assertThatThrownBy(() -> StressConfig.load(yaml("scenarios:\n  - name: x\n    transforms:\n"
        + "      - {type: volumeMultiplier, factor: 0.1, k: 3}\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Setting [k] does not apply to type volumeMultiplier, which takes [factor]");
    assertThatThrownBy(() -> StressConfig.load(yaml("scenarios:\n  - name: x\n    transforms:\n"
        + "      - {type: delist, symbol: BAC, at: next tuesday}\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Setting 'at' must be an ISO-8601 instant with an offset");
    assertThatThrownBy(() -> StressConfig.load(yaml("scenarios:\n  - name: x\n    transforms:\n"
        + "      - {type: volumeMultiplier, factr: 0.1}\n")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown setting 'factr'")
        .hasMessageContaining("factor");
    assertThatThrownBy(() -> StressConfig.load(yaml("periods:\n  - {name: baseline, start: 2019-02-12, "
        + "end: 2019-02-13}\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2: Period 'baseline': the name is used twice");
    assertThatThrownBy(() -> StressConfig.load(yaml("backtest: {timeframe: 1d}\n")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'scenarios' and 'periods' are both empty");
  }

  @Test
  void instantsTakeAnOffsetOrADate() {
    assertThat(StressConfig.instant("2019-02-13T14:30:00Z", "at")).isEqualTo(WED_OPEN);
    assertThat(StressConfig.instant("2019-02-13T09:30:00-05:00", "at")).isEqualTo(WED_OPEN);
    assertThat(StressConfig.instant("2019-02-13 14:30:00.5Z", "at")).isEqualTo(WED_OPEN + 500_000L);
    assertThatThrownBy(() -> StressConfig.instant("2019-02-13T14:30:00", "from"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Setting 'from'");
  }
}
