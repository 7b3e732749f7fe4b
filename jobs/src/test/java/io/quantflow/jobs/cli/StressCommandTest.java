package io.quantflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help and user errors of {@code quant stress} and {@code quant import daily}. */
class StressCommandTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldOut;
  private PrintStream oldErr;

  @BeforeEach
  void capture() {
    oldOut = System.out;
    oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(oldOut);
    System.setErr(oldErr);
  }

  @Test
  void helpListsTheFlags() {
    assertThat(QuantCli.execute("stress", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--config", "--data", "--output", "--parallelism");
    out.reset();
    assertThat(QuantCli.execute("import", "daily", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--data", "--output", "--symbol", "--skip-bad-rows");
    out.reset();
    assertThat(QuantCli.execute("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("stress");
  }

  @Test
  void aStressRunNeedsAConfigAndAStore() throws Exception {
    assertThat(QuantCli.execute("stress")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Missing required option: '--config=FILE'");
    err.reset();
    Path config = Files.writeString(dir.resolve("s.yaml"), "scenarios:\n  - name: thin\n    transforms: "
        + "[{type: volumeMultiplier, factor: 0.1}]\n");
    Files.createDirectories(dir.resolve("empty"));
    assertThat(QuantCli.execute("stress", "--config", config.toString(), "--data", dir.resolve("empty").toString(),
        "--output", dir.resolve("out").toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: --data " + dir.resolve("empty")
        + " is not a store (it has no bars/ folder)");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
