package io.quantflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.testing.SampleBars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Help and spec errors of quant optimize and quant walk-forward: each says what is wrong and how to fix it. */
class OptimizeCliTest {
  @TempDir Path dir;
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  private String err() {
    return console.err();
  }

  private String out() {
    return console.out();
  }

  private String sample() {
    return SampleBars.repoRoot().resolve("data/sample/store").toString();
  }

  @Test
  void bothCommandsHaveHelpAndAreListed() {
    for (String command : new String[] {"optimize", "walk-forward"}) {
      assertThat(QuantCli.execute(command, "--help")).isZero();
      assertThat(out()).contains("--config", "--data", "--output", "--parallelism", "config/" + command + ".yaml",
          "with ${name}");
      console.resetOut();
    }
    assertThat(QuantCli.execute("--help")).isZero();
    assertThat(out()).contains("optimize", "walk-forward");
  }

  @Test
  void theSpecIsRequired() {
    assertThat(QuantCli.execute("optimize")).isEqualTo(2);
    assertThat(err()).contains("Missing required option: '--config=FILE'");
  }

  @Test
  void aTypoInTheSpecNamesTheLineAndTheValidKeys() throws Exception {
    Path spec = dir.resolve("opt.yaml");
    Files.writeString(spec, "config:\n  seed: ${s}\nparameters:\n  s: {min: 1, max: 3}\nobjectiv: sharpe\n");
    assertThat(QuantCli.execute("optimize", "--config", spec.toString(), "--data", sample(), "--output",
        dir.resolve("out").toString())).isEqualTo(1);
    assertThat(err()).contains("error: " + spec + " line 5: unknown setting 'objectiv'; valid settings here are "
        + "[config, objective, parameters, search, walkForward, window]");
  }

  @Test
  void anUnknownPlaceholderNamesTheParameters() throws Exception {
    Path spec = dir.resolve("opt.yaml");
    Files.writeString(spec, "config:\n  seed: ${seeed}\nparameters:\n  seed: {min: 1, max: 3}\n");
    assertThat(QuantCli.execute("optimize", "--config", spec.toString(), "--data", sample())).isEqualTo(1);
    assertThat(err()).contains("Setting 'config' uses ${seeed} but 'parameters' has no 'seeed'; declare it under "
        + "'parameters:' or fix the name (parameters: [seed])");
  }

  @Test
  void eachCommandRefusesTheOthersSpec() {
    Path wf = SampleBars.repoRoot().resolve("config/walk-forward.yaml");
    Path opt = SampleBars.repoRoot().resolve("config/optimize.yaml");
    assertThat(QuantCli.execute("optimize", "--config", wf.toString(), "--data", sample())).isEqualTo(1);
    assertThat(err()).contains("has a 'walkForward:' section; run it with quant walk-forward");
    console.resetErr();
    assertThat(QuantCli.execute("walk-forward", "--config", opt.toString(), "--data", sample())).isEqualTo(1);
    assertThat(err()).contains("has no 'walkForward:' section; add e.g. 'walkForward: {train: 60d, test: 20d}'");
  }

  @Test
  void aFolderThatIsNotAStoreIsRefused() throws Exception {
    Files.createDirectories(dir.resolve("empty"));
    assertThat(QuantCli.execute("optimize", "--config", SampleBars.repoRoot().resolve("config/optimize.yaml")
        .toString(), "--data", dir.resolve("empty").toString())).isEqualTo(1);
    assertThat(err()).contains("is not a store (it has no bars/ folder)");
  }

  @Test
  void theDefaultWindowIsTheStoresFirstAndLastDate() {
    LocalDate[] range = SpecCommand.dateRange(BarStore.at(Path.of(sample())), io.quantflow.domain.Timeframe.M1);
    assertThat(range).containsExactly(LocalDate.of(2019, 2, 11), LocalDate.of(2019, 2, 15));
  }
}
