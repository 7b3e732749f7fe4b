package io.quantflow.jobs.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.FeatureRow;
import io.quantflow.domain.Timeframe;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.operators.bars.BarAccumulator;
import io.quantflow.operators.features.FeatureSet;
import io.quantflow.operators.pipeline.PipelineConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One pipeline definition, two execution modes: BATCH over the Parquet store and STREAMING over the event-time
 * replay, at parallelism 1 and 2, give identical features, signals, fills and equity on real bars; and the features
 * equal a plain-Java computation with the same kernels.
 */
class ModeEquivalenceITCase {
  @RegisterExtension static final MiniClusterExtension FLINK = TestStores.miniCluster();

  @TempDir static Path dir;
  private static BarStore store;
  private static BacktestJob.Result reference;

  @BeforeAll
  static void runReference() throws Exception {
    // three symbols over the first three sessions keep the four runs short
    long end = 1_550_102_400_000_000L; // 2019-02-14T00:00:00Z
    store = TestStores.sample(dir.resolve("store"),
        b -> List.of("AAPL", "BAC", "SPY").contains(b.symbol()) && b.timestampMicros() < end);
    reference = run("batch", 1);
  }

  private static BacktestJob.Result run(String mode, int parallelism) throws Exception {
    JobConfig config = JobConfig.defaults().withMode(mode).withParallelism(parallelism);
    return BacktestJob.run(config, store, dir.resolve(mode + "-" + parallelism), Progress.NONE);
  }

  private static void assertSame(BacktestJob.Result actual) {
    assertThat(actual.features()).isEqualTo(reference.features());
    assertThat(actual.wide()).isEqualTo(reference.wide());
    assertThat(actual.signals()).isEqualTo(reference.signals());
    assertThat(actual.fills()).isEqualTo(reference.fills());
    assertThat(actual.equity()).isEqualTo(reference.equity());
    assertThat(actual.rejected()).isEqualTo(reference.rejected());
  }

  @Test
  void theReferenceRunTradesRealBars() {
    // 3 symbols x 3 sessions: 1m, 5m and 15m rows; the trend rule must have fired and filled
    assertThat(reference.bars()).isEqualTo(store.read(Timeframe.M1).size());
    assertThat(reference.features().stream().filter(f -> f.timeframe() == Timeframe.M5).count())
        .isEqualTo(3 * 3 * 78);
    assertThat(reference.features().stream().filter(f -> f.timeframe() == Timeframe.M15).count())
        .isEqualTo(3 * 3 * 26);
    assertThat(reference.wide()).hasSize((int) reference.bars());
    assertThat(reference.signals()).isNotEmpty();
    assertThat(reference.fills()).isNotEmpty();
    assertThat(reference.rejected()).isEmpty();
    reference.fills().forEach(f -> assertThat(f.timestampMicros()).isGreaterThanOrEqualTo(f.decisionMicros()));
  }

  @Test
  void batchAtParallelism2() throws Exception {
    assertSame(run("batch", 2));
  }

  @Test
  void batchAtParallelism4AndARepeatedRunWriteByteIdenticalFiles() throws Exception {
    BacktestJob.Result p4 = run("batch", 4);
    assertSame(p4);
    BacktestJob.Result again = BacktestJob.run(JobConfig.defaults().withParallelism(1), store, dir.resolve("batch-1-again"),
        Progress.NONE);
    java.nio.file.Path ref = dir.resolve("batch-1");
    List<String> files;
    try (var list = java.nio.file.Files.list(ref)) {
      files = list.map(f -> f.getFileName().toString()).sorted().toList();
    }
    assertThat(files).contains("equity.parquet", "fills.parquet", "orders.parquet", "positions.parquet",
        "trades.parquet", "signals.parquet", "features.parquet", "equity.arrow", "metrics.json", "report.html");
    for (String f : files) {
      byte[] expected = java.nio.file.Files.readAllBytes(ref.resolve(f));
      if (!f.equals("config.yaml") && !f.equals("report.html")) { // these two record the parallelism
        assertThat(java.nio.file.Files.readAllBytes(p4.outputDir().resolve(f))).as("parallelism 4: " + f)
            .isEqualTo(expected);
      }
      assertThat(java.nio.file.Files.readAllBytes(again.outputDir().resolve(f))).as("second run: " + f)
          .isEqualTo(expected);
    }
  }

  @Test
  void streamingAtParallelism1() throws Exception {
    assertSame(run("streaming", 1));
  }

  @Test
  void streamingAtParallelism2() throws Exception {
    assertSame(run("streaming", 2));
  }

  @Test
  void featuresEqualThePlainJavaKernels() {
    List<Bar> aapl = store.read(Timeframe.M1).stream().filter(b -> b.symbol().equals("AAPL")).toList();
    Map<Long, BarAccumulator> fives = new TreeMap<>();
    for (Bar b : aapl) {
      fives.computeIfAbsent(Timeframe.M5.startOf(b.timestampMicros()), k -> new BarAccumulator()).add(b);
    }
    List<Bar> aapl5 = new ArrayList<>();
    fives.forEach((start, acc) -> aapl5.add(acc.toBar(Timeframe.M5, start)));
    for (Map.Entry<Timeframe, List<Bar>> e : Map.of(Timeframe.M1, aapl, Timeframe.M5, aapl5).entrySet()) {
      FeatureSet kernels = PipelineConfig.DEFAULT_FEATURES.newFeatureSet();
      List<FeatureRow> expected = new ArrayList<>();
      for (Bar b : e.getValue()) {
        expected.add(new FeatureRow("AAPL", e.getKey(), b.timestampMicros(), b.close(), kernels.update(b)));
      }
      List<FeatureRow> actual = reference.features().stream()
          .filter(f -> f.symbol().equals("AAPL") && f.timeframe() == e.getKey()).toList();
      assertThat(actual).as(e.getKey().label()).isEqualTo(expected);
    }
  }
}
