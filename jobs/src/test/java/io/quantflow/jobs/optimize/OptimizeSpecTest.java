package io.quantflow.jobs.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.domain.testing.SampleBars;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.models.optimize.Dimension;
import io.quantflow.models.optimize.ParameterSet;
import io.quantflow.operators.signals.VoteMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptimizeSpecTest {
  @TempDir Path dir;

  private OptimizeSpec spec(String yaml) throws Exception {
    Path f = dir.resolve("spec.yaml");
    Files.writeString(f, yaml);
    return OptimizeSpec.load(f);
  }

  private static final String GOOD = """
      config:
        portfolio: {costBps: "${cost}"}
        seed: ${s}
      parameters:
        s: {min: -1, max: 1}
        cost: {min: 0.5, max: 2.0, points: 4}
        ma: {values: [ema, sma]}
      """;

  @Test
  void theExampleOptimisationSpecRendersEveryGridPoint() {
    OptimizeSpec spec = OptimizeSpec.load(SampleBars.repoRoot().resolve("config/optimize.yaml"));

    List<ParameterSet> grid = spec.space().grid();
    assertThat(grid).hasSize(24); // 4 periods x 3 RSI levels x 2 quorums
    assertThat(spec.parallelism()).isEqualTo(2);
    assertThat(spec.search().method()).isEqualTo("grid");
    assertThat(spec.window().startDate()).isEqualTo(LocalDate.of(2019, 2, 11));
    JobConfig last = spec.render(grid.get(23)); // period 40, rsiUpper 60.0, quorum 2
    assertThat(last.pipeline().signal().methods())
        .containsExactly(VoteMethod.above("ema_40"), VoteMethod.threshold("rsi_14_wilder", 60.0, 45.0));
    assertThat(last.signal().methodQuorum()).isEqualTo(2);
    for (ParameterSet p : grid) {
      assertThat(spec.render(p).pipeline().schema().names()).contains("ema_" + p.getInt("period"));
    }
  }

  @Test
  void theExampleWalkForwardSpecMakesThreeStepsOverTheSample() {
    OptimizeSpec spec = OptimizeSpec.load(SampleBars.repoRoot().resolve("config/walk-forward.yaml"))
        .withDefaultWindow(LocalDate.of(2019, 2, 11), LocalDate.of(2019, 2, 15));

    assertThat(spec.space().grid()).hasSize(6);
    assertThat(spec.render(spec.space().grid().get(5)).signal().allowShort()).isTrue();
    OptimizeSpec.WalkForward wf = spec.walkForward();
    List<WalkForwardWindow> plan = WalkForwardWindow.plan(OptimizeJob.sessions(spec), wf.trainSessions(),
        wf.testSessions(), wf.stepSessions(), wf.anchored());
    LocalDate mon = LocalDate.of(2019, 2, 11);
    assertThat(plan).containsExactly(
        new WalkForwardWindow(0, mon, mon.plusDays(1), mon.plusDays(2), mon.plusDays(2)),
        new WalkForwardWindow(1, mon.plusDays(1), mon.plusDays(2), mon.plusDays(3), mon.plusDays(3)),
        new WalkForwardWindow(2, mon.plusDays(2), mon.plusDays(3), mon.plusDays(4), mon.plusDays(4)));
    assertThat(wf.warmupDays()).isEqualTo(1);
  }

  @Test
  void theSpaceFollowsTheParametersInOrder() throws Exception {
    String yaml = """
        config:
          portfolio: {costBps: "${cost}", benchmark: "${ma}", grossLeverage: "${lev}"}
          seed: ${s}
        parameters:
          s: {min: -1, max: 1}
          cost: {min: 0.5, max: 2.0, points: 4}
          lev: {min: 1, max: 4, log: true}
          ma: {values: [ema, sma]}
        search: {method: random, trials: 5}
        """;
    List<Dimension> dims = spec(yaml).space().dimensions();
    assertThat(dims).containsExactly(
        new Dimension.IntRange("s", -1, 1, 1),
        new Dimension.DoubleRange("cost", 0.5, 2.0, false, 4),
        new Dimension.DoubleRange("lev", 1.0, 4.0, true, 0),
        new Dimension.Categorical("ma", List.of("ema", "sma")));
  }

  @Test
  void defaultsAndParallelismOverride() throws Exception {
    OptimizeSpec spec = spec(GOOD.replace("  ma: {values: [ema, sma]}\n", ""));
    assertThat(spec.search()).isEqualTo(new OptimizeSpec.Search("grid", null, 1L, 8));
    assertThat(spec.objective()).isEqualTo("sharpe");
    assertThat(spec.parallelism()).isEqualTo(2);
    assertThat(spec.withParallelism(3).parallelism()).isEqualTo(3);
    assertThat(spec.window()).isEqualTo(new OptimizeSpec.WindowSpec(null, null, 0));
    assertThat(spec.withDefaultWindow(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 3, 1)).window())
        .isEqualTo(new OptimizeSpec.WindowSpec("2024-01-02", "2024-03-01", 0));
  }

  @Test
  void anUnknownKeyNamesTheLineAndTheValidKeys() {
    assertThatThrownBy(() -> spec(GOOD.replace("  ma: {values: [ema, sma]}\n", "") + "serach: {method: grid}\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 7: unknown setting 'serach'")
        .hasMessageContaining("[config, objective, parameters, search, walkForward, window]");
  }

  @Test
  void aParameterTheConfigDoesNotUseIsRefused() {
    assertThatThrownBy(() -> spec(GOOD))
        .hasMessageContaining("Parameter 'ma' is not used in 'config'; reference it as ${ma}");
  }

  @Test
  void aPlaceholderWithoutParameterIsRefused() {
    assertThatThrownBy(() -> spec(GOOD.replace("  ma: {values: [ema, sma]}\n", "")
        .replace("seed: ${s}", "seed: ${s}\n  mode: ${m}")))
        .hasMessageContaining("Setting 'config' uses ${m} but 'parameters' has no 'm'");
  }

  @Test
  void gridSearchNeedsGridPointsAndTakesNoTrialCount() {
    String noMa = GOOD.replace("  ma: {values: [ema, sma]}\n", "");
    assertThatThrownBy(() -> spec(noMa.replace("{min: 0.5, max: 2.0, points: 4}", "{min: 0.5, max: 2.0}")))
        .hasMessageContaining("Parameter 'cost' is a continuous range; give it 'points' for grid search");
    assertThatThrownBy(() -> spec(noMa + "search: {method: grid, trials: 10}\n"))
        .hasMessageContaining("'search.trials' does not apply to grid search");
    assertThatThrownBy(() -> spec(noMa + "search: {method: annealing}\n"))
        .hasMessageContaining("'search.method' must be grid, random or tpe but was 'annealing'");
  }

  @Test
  void badParametersSayWhatIsWrong() {
    String noMa = GOOD.replace("  ma: {values: [ema, sma]}\n", "");
    assertThatThrownBy(() -> spec(noMa.replace("{min: 0.5, max: 2.0, points: 4}", "{min: 0.5, max: 2.0, step: 0.5}")))
        .hasMessageContaining("'step' applies to integer ranges");
    assertThatThrownBy(() -> spec(noMa.replace("{min: -1, max: 1}", "{min: 3, max: 1}")))
        .hasMessageContaining("Parameter 's': Argument 'max' must be at least min 3 but was 1");
    assertThatThrownBy(() -> spec(noMa.replace("{min: -1, max: 1}", "{max: 1}")))
        .hasMessageContaining("A parameter needs min and max (a range) or values (categories)");
  }

  @Test
  void theRenderedFirstPointIsChecked() {
    String bad = GOOD.replace("  ma: {values: [ema, sma]}\n", "").replace("seed: ${s}", "seed: ${s}\n  mode: x${s}");
    assertThatThrownBy(() -> spec(bad))
        .hasMessageContaining("config with s=-1,cost=0.5")
        .hasMessageContaining("Setting 'mode' must be 'batch' or 'streaming' but was 'x-1'");
  }

  @Test
  void walkForwardLengthsAreSessions() throws Exception {
    String noMa = GOOD.replace("  ma: {values: [ema, sma]}\n", "");
    OptimizeSpec spec = spec(noMa + "window: {warmupDays: 3}\nwalkForward: {train: 60d, test: 20}\n");
    assertThat(spec.walkForward()).isEqualTo(new OptimizeSpec.WalkForward("60d", "20d", "20d", false, 3, null));
    assertThat(spec.walkForward().trainSessions()).isEqualTo(60);
    assertThatThrownBy(() -> spec(noMa + "walkForward: {train: 3m, test: 20d}\n"))
        .hasMessageContaining("'walkForward.train' must be a number of trading sessions such as 60d (or 60) but "
            + "was '3m'");
    assertThatThrownBy(() -> spec(noMa + "walkForward: {train: 60d, test: 20d, step: 10d}\n"))
        .hasMessageContaining("'walkForward.step' (10d) must be at least 'walkForward.test' (20d)");
  }

  @Test
  void unknownKeysInsideASectionListThatSectionsKeys() {
    String noMa = GOOD.replace("  ma: {values: [ema, sma]}\n", "");
    assertThatThrownBy(() -> spec(noMa + "walkForward: {train: 60d, test: 20d, anchor: true}\n"))
        .hasMessageContaining("line 7: unknown setting 'anchor'; valid settings here are "
            + "[anchored, retrain, step, test, train, warmupDays]");
    assertThatThrownBy(() -> spec(noMa.replace("{min: -1, max: 1}", "{min: -1, max: 1, stp: 1}")))
        .hasMessageContaining("line 5: unknown setting 'stp'; valid settings here are "
            + "[log, max, min, points, step, values]");
    assertThatThrownBy(() -> spec(noMa + "window: {start: 2024-01-02, finish: 2024-02-01}\n"))
        .hasMessageContaining("unknown setting 'finish'; valid settings here are [end, start, warmupDays]");
  }

  @Test
  void aJobWithoutWindowDatesSaysHowToSetThem() throws Exception {
    OptimizeSpec spec = spec(GOOD.replace("  ma: {values: [ema, sma]}\n", ""));
    assertThatThrownBy(() -> OptimizeJob.run(spec, new SyntheticEvaluator(), dir.resolve("out"),
        io.quantflow.jobs.backtest.Progress.NONE))
        .hasMessageContaining("The spec has no window dates; set window.start and window.end");
    OptimizeSpec weekend = spec.withDefaultWindow(LocalDate.of(2024, 1, 6), LocalDate.of(2024, 1, 7));
    assertThatThrownBy(() -> OptimizeJob.run(weekend, new SyntheticEvaluator(), dir.resolve("out"),
        io.quantflow.jobs.backtest.Progress.NONE))
        .hasMessageContaining("The window 2024-01-06..2024-01-07 holds no NYSE session");
  }

  @Test
  void aMissingFilePointsAtTheExamples() {
    assertThatThrownBy(() -> OptimizeSpec.load(dir.resolve("nope.yaml")))
        .hasMessageContaining("does not exist; pass an existing YAML file with --config (see config/optimize.yaml");
  }
}
