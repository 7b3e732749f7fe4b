package io.quantflow.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.domain.Timeframe;
import io.quantflow.domain.testing.SampleBars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void theExampleConfigSpellsOutTheDefaults() {
    JobConfig example = ConfigLoader.load(SampleBars.repoRoot().resolve("config/backtest.yaml"), JobConfig.class);
    JobConfig defaults = JobConfig.defaults();
    assertThat(example.pipeline()).isEqualTo(defaults.pipeline());
    assertThat(example.simulation(8)).isEqualTo(defaults.simulation(8));
    assertThat(example.mode()).isEqualTo(defaults.mode());
    assertThat(example.parallelism()).isEqualTo(defaults.parallelism());
    assertThat(example.replaySpeed()).isEqualTo(defaults.replaySpeed());
    assertThat(example.riskFreeRate()).isEqualTo(defaults.riskFreeRate());
    assertThat(example.seed()).isEqualTo(defaults.seed());
  }

  @Test
  void writtenConfigReadsBackEqual() throws Exception {
    JobConfig c = JobConfig.defaults().withParallelism(3).withMode("streaming").withSeed(42);
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, ConfigLoader.toYaml(c));
    assertThat(ConfigLoader.load(f, JobConfig.class)).isEqualTo(c);
    assertThat(Files.readString(f)).contains("timeframe: 1m").contains("mode: streaming");
  }

  @Test
  void partialConfigsKeepTheOtherDefaults() throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "features:\n  timeframes: [1m, 5Min, 1h]\n");
    JobConfig c = ConfigLoader.load(f, JobConfig.class);
    assertThat(c.pipeline().resampleTo()).containsExactly(Timeframe.M5, Timeframe.H1);
    assertThat(c.pipeline().signal().methods()).containsExactly(
        io.quantflow.operators.signals.VoteMethod.above("ema_20"));
    assertThat(c.pipeline().signal().timeframes()).isEqualTo(List.of(Timeframe.M1, Timeframe.M5, Timeframe.H1));
    assertThat(c.pipeline().schema().names()).containsExactly("ret_1", "sma_20", "ema_20", "rsi_14_wilder",
        "rvol_20_cc");
  }

  @Test
  void votingMethodsAndTheirQuorumAreConfigurable() throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "signal:\n  methods:\n    - feature: ema_20\n    - feature: sma_20\n"
        + "    - {feature: rsi_14_wilder, kind: threshold, upper: 55, lower: 45}\n  methodQuorum: 2\n");
    JobConfig c = ConfigLoader.load(f, JobConfig.class);
    assertThat(c.pipeline().signal().methods()).containsExactly(
        io.quantflow.operators.signals.VoteMethod.above("ema_20"),
        io.quantflow.operators.signals.VoteMethod.above("sma_20"),
        io.quantflow.operators.signals.VoteMethod.threshold("rsi_14_wilder", 55, 45));
    assertThat(c.pipeline().signal().methodQuorum()).isEqualTo(2);
    Files.writeString(f, "signal:\n  methods:\n    - feature: ema_20\n  methodQuorum: 2\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, JobConfig.class).pipeline())
        .hasMessageContaining("'methodQuorum' must be between 1 and the number of methods (1) but was 2");
  }

  @Test
  void indicatorsComeFromTheFeatureSpecAndMistakesListTheChoices() throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "features:\n  indicators:\n    - {indicator: ema, params: {period: 20}}\n"
        + "    - {indicator: rvol, params: {period: 20}, methods: [cc, yz]}\n"
        + "    - {indicator: macd, params: {fast: 12, slow: 26, signal: 9}}\n");
    assertThat(ConfigLoader.load(f, JobConfig.class).pipeline().schema().names()).containsExactly("ema_20",
        "rvol_20_cc", "rvol_20_yz", "macd_12_26_9", "macd_signal_12_26_9", "macd_hist_12_26_9");
    Files.writeString(f, "features:\n  indicators:\n    - {indicator: stoch}\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, JobConfig.class).pipeline())
        .hasMessageContaining("Unknown indicator 'stoch'; valid indicators are [ret, sma, ema");
    Files.writeString(f, "features:\n  timeframes: [5m, 15m]\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, JobConfig.class).pipeline())
        .hasMessageContaining("must have the input timeframe 1m as its finest");
  }

  @Test
  void aMissingFileSaysWhereTheExampleIs() {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("none.yaml"), JobConfig.class))
        .hasMessageContaining("does not exist").hasMessageContaining("config/backtest.yaml");
  }
}
