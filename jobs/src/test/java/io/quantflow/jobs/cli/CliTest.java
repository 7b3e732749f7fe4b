package io.quantflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Help, usage errors and user errors of the command line: each says what is wrong and how to fix it. */
class CliTest {
  @TempDir Path dir;
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  private String err() {
    return console.err();
  }

  private String out() {
    return console.out();
  }

  @Test
  void everyCommandHasHelpWithTheSharedFlags() {
    for (String command : new String[] {"backtest", "features"}) {
      assertThat(QuantCli.execute(command, "--help")).isZero();
      assertThat(out()).contains("--data", "--config", "--output", "--parallelism", "--seed");
      console.resetOut();
    }
    assertThat(QuantCli.execute("generate", "--help")).isZero();
    assertThat(out()).contains("--symbols", "--days", "--timeframe", "--seed", "--output", "--parallelism");
    console.resetOut();
    assertThat(QuantCli.execute("import", "csv", "--help")).isZero();
    assertThat(out()).contains("--data", "--output", "--skip-bad-rows", "--timeframe");
    console.resetOut();
    assertThat(QuantCli.execute("--help")).isZero();
    assertThat(out()).contains("backtest", "features", "import", "generate");
  }

  @Test
  void anUnknownFlagIsAUsageError() {
    assertThat(QuantCli.execute("backtest", "--parallel", "2")).isEqualTo(2);
    assertThat(err()).contains("Unknown options: '--parallel', '2'").contains("Possible solutions: --parallelism");
  }

  @Test
  void aMissingDataPathSaysWhatToPass() {
    assertThat(QuantCli.execute("backtest", "--data", dir.resolve("nope").toString(), "--output",
        dir.resolve("out").toString())).isEqualTo(1);
    assertThat(err()).contains("error: --data " + dir.resolve("nope") + " does not exist; pass a store folder "
        + "(with bars/) or a CSV file");
  }

  @Test
  void aFolderThatIsNotAStoreIsRefused() throws Exception {
    Files.createDirectories(dir.resolve("empty"));
    assertThat(QuantCli.execute("features", "--data", dir.resolve("empty").toString(), "--output",
        dir.resolve("out").toString())).isEqualTo(1);
    assertThat(err()).contains("is not a store (it has no bars/, trades/ or events/ folder)");
  }

  @Test
  void aConfigWithAnUnknownSettingNamesTheLineAndTheValidSettings() throws Exception {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, "mode: batch\nparalelism: 4\n");
    assertThat(QuantCli.execute("backtest", "--config", config.toString(), "--output", dir.resolve("o").toString()))
        .isEqualTo(1);
    assertThat(err()).contains("bad.yaml line 2: unknown setting 'paralelism'").contains("parallelism");
  }

  @Test
  void aBadConfigValueNamesTheSetting() throws Exception {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, "timeframe: 2m\n");
    assertThat(QuantCli.execute("backtest", "--config", config.toString(), "--output", dir.resolve("o").toString()))
        .isEqualTo(1);
    assertThat(err()).contains("bad.yaml line 1").contains("Unknown timeframe '2m'");
    Files.writeString(config, "mode: fast\n");
    console.resetErr();
    assertThat(QuantCli.execute("backtest", "--config", config.toString(), "--output", dir.resolve("o").toString()))
        .isEqualTo(1);
    assertThat(err()).contains("Setting 'mode' must be 'batch' or 'streaming' but was 'fast'");
    Files.writeString(config, "signal:\n  methods:\n    - feature: ema_50\n");
    console.resetErr();
    assertThat(QuantCli.execute("backtest", "--config", config.toString(), "--output", dir.resolve("o").toString()))
        .isEqualTo(1);
    assertThat(err()).contains("votes with feature 'ema_50', which is not computed; it must be one of [ret_1, sma_20");
  }

  @Test
  void importRefusesBadRowsWithFileAndLineAndWritesNothing() throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "symbol,timestamp,open,high,low,close,volume\n"
        + "AAPL,2019-02-11T14:30:00Z,171.14,171.2,170.7,170.97,619925\n"
        + "AAPL,2019-02-11T14:31:00Z,170.92,170.5,170.6755,170.7701,123138\n"
        + "AAPL,2019-02-11T14:32:00Z,170.68,170.73,170.35,170.35,86598\n"
        + "AAPL,2019-02-11T14:33:00Z,170.34,170.6,170.25,NaN,87010\n");
    Path store = dir.resolve("store");
    assertThat(QuantCli.execute("import", "csv", "--data", csv.toString(), "--output", store.toString(),
        "--timeframe", "1m")).isEqualTo(1);
    assertThat(err()).contains("bad.csv:3: ").contains("high").contains("bad.csv:5: ").contains("close")
        .contains("--skip-bad-rows");
    assertThat(store).doesNotExist();
  }

  @Test
  void importWritesAStore() throws Exception {
    Path csv = dir.resolve("good.csv");
    Files.writeString(csv, "symbol,timestamp,open,high,low,close,volume\n"
        + "AAPL,2019-02-11T14:30:00Z,171.14,171.2,170.7,170.97,619925\n"
        + "AAPL,2019-02-11T14:31:00Z,170.92,170.92,170.6755,170.7701,123138\n");
    Path store = dir.resolve("store");
    assertThat(QuantCli.execute("import", "csv", "--data", csv.toString(), "--output", store.toString())).isZero();
    assertThat(out()).contains("Imported 2 rows: 2 1m bars of 1 symbols into 1 files");
    assertThat(store.resolve("bars/timeframe=1m/symbol=AAPL/2019-02.parquet")).exists();
  }

  @Test
  void aSpecWithAnUnknownIndicatorListsTheValidOnes() throws Exception {
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, "features:\n  indicators:\n    - {indicator: stoch, params: {period: 14}}\n");
    assertThat(QuantCli.execute("features", "--spec", spec.toString(), "--output", dir.resolve("o").toString()))
        .isEqualTo(1);
    assertThat(err()).contains("Unknown indicator 'stoch'; valid indicators are [ret, sma, ema, wma, rsi, macd, "
        + "bbands, atr, rvol, roc, slope, zscore, vwap, volratio, spread, imbalance]");
    Files.writeString(spec, "features:\n  indicators:\n    - {indicator: sma, params: {perod: 14}}\n");
    console.resetErr();
    assertThat(QuantCli.execute("features", "--spec", spec.toString(), "--output", dir.resolve("o").toString()))
        .isEqualTo(1);
    assertThat(err()).contains("Unknown parameter 'perod' for indicator 'sma'; valid parameters are [period]");
    Files.writeString(spec, "indicators: []\n");
    console.resetErr();
    assertThat(QuantCli.execute("features", "--spec", spec.toString(), "--output", dir.resolve("o").toString()))
        .isEqualTo(1);
    assertThat(err()).contains("unknown setting 'indicators'");
  }
}
