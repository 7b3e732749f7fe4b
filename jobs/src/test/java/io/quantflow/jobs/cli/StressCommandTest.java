package io.quantflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Help and user errors of {@code quant stress} and {@code quant import daily}. */
class StressCommandTest {
  @TempDir Path dir;
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  @Test
  void helpListsTheFlags() {
    assertThat(QuantCli.execute("stress", "--help")).isZero();
    assertThat(console.out()).contains("--config", "--data", "--output", "--parallelism");
    console.resetOut();
    assertThat(QuantCli.execute("import", "daily", "--help")).isZero();
    assertThat(console.out()).contains("--data", "--output", "--symbol", "--skip-bad-rows");
    console.resetOut();
    assertThat(QuantCli.execute("--help")).isZero();
    assertThat(console.out()).contains("stress");
  }

  @Test
  void aStressRunNeedsAConfigAndAStore() throws Exception {
    assertThat(QuantCli.execute("stress")).isEqualTo(2);
    assertThat(console.err()).contains("Missing required option: '--config=FILE'");
    console.resetErr();
    Path config = Files.writeString(dir.resolve("s.yaml"), "scenarios:\n  - name: thin\n    transforms: "
        + "[{type: volumeMultiplier, factor: 0.1}]\n");
    Files.createDirectories(dir.resolve("empty"));
    assertThat(QuantCli.execute("stress", "--config", config.toString(), "--data", dir.resolve("empty").toString(),
        "--output", dir.resolve("out").toString())).isEqualTo(1);
    assertThat(console.err()).contains("error: --data " + dir.resolve("empty")
        + " is not a store (it has no bars/ folder)");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
