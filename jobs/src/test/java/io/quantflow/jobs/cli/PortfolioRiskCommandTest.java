package io.quantflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantflow.jobs.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code quant portfolio optimize} and {@code quant risk var} through picocli, as a user runs them. */
class PortfolioRiskCommandTest {
  @TempDir Path dir;
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  @Test
  void optimizeWritesTheWeightsAsJsonOnStandardOutput() throws Exception {
    // sigma = (0.2, 0.1): risk parity holds w_A = 0.1 / (0.2 + 0.1)
    Path input = Files.writeString(dir.resolve("in.json"), "{\"assets\": [\"A\", \"B\"], \"covariance\": [[0.04, "
        + "0.006], [0.006, 0.01]]}");
    assertThat(QuantCli.execute("portfolio", "optimize", "--method", "risk-parity", "--input", input.toString()))
        .isZero();
    JsonNode out = ConfigLoader.json().readTree(console.out());
    assertThat(out.get("method").asText()).isEqualTo("risk-parity");
    assertThat(out.get("weights").get("A").asDouble()).isCloseTo(1.0 / 3, within(1e-9));
    assertThat(out.get("weights").get("B").asDouble()).isCloseTo(2.0 / 3, within(1e-9));
  }

  @Test
  void varWritesToAFileWhenAsked() throws Exception {
    Path input = Files.writeString(dir.resolve("var.json"), "{\"returns\": [0.01, -0.02, 0.005, -0.01, -0.03], "
        + "\"method\": \"historical\", \"confidence\": 0.8}");
    Path output = dir.resolve("out/var-result.json");
    assertThat(QuantCli.execute("risk", "var", "--input", input.toString(), "--output", output.toString())).isZero();
    JsonNode out = ConfigLoader.json().readTree(Files.readString(output));
    // 5 returns at 80%: a tail of one, the worst return -0.03
    assertThat(out.get("var").asDouble()).isCloseTo(0.03, within(1e-15));
    assertThat(console.out()).contains("Wrote " + output);
  }

  @Test
  void mistakesExitWithTheMessageAndNoStackTrace() throws Exception {
    Path input = Files.writeString(dir.resolve("in.json"), "{\"assets\": [\"A\"], \"covariance\": [[0.04]]}");
    assertThat(QuantCli.execute("portfolio", "optimize", "--method", "max-sharpe", "--input", input.toString()))
        .isEqualTo(1);
    assertThat(console.err()).contains("error: --method: Unknown optimisation method 'max-sharpe': use one of "
        + "[volatility-target, mean-variance").doesNotContain("Exception");
    console.resetErr();
    assertThat(QuantCli.execute("risk", "stress", "--input", dir.resolve("missing.json").toString())).isEqualTo(1);
    assertThat(console.err()).contains("error: --input " + dir.resolve("missing.json") + " does not exist");
    console.resetErr();
    assertThat(QuantCli.execute("portfolio", "optimize", "--input", input.toString())).isEqualTo(2);
    assertThat(console.err()).contains("Missing required option: '--method=NAME'");
  }

  @Test
  void helpListsTheCommands() {
    assertThat(QuantCli.execute("risk", "--help")).isZero();
    assertThat(console.out()).contains("var", "stress");
    console.resetOut();
    assertThat(QuantCli.execute("portfolio", "optimize", "--help")).isZero();
    assertThat(console.out()).contains("--method", "--input", "--output", "black-litterman");
  }
}
