package io.quantflow.jobs.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.EquityPoint;
import io.quantflow.domain.FeatureRow;
import io.quantflow.domain.Fill;
import io.quantflow.domain.Signal;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.WideRow;
import io.quantflow.jobs.config.JobConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * No look-ahead: replacing every bar from time T on with different prices and volumes leaves every feature, signal,
 * fill and equity point known before T unchanged.
 */
class NoLookAheadITCase {
  @RegisterExtension static final MiniClusterExtension FLINK = TestStores.miniCluster();

  /** 2019-02-12T17:00:00Z, 12:00 New York on the second session: mid-session, on a 15-minute boundary. */
  private static final long T = 1_549_990_800_000_000L;

  @TempDir Path dir;

  @Test
  void changingTheFutureDoesNotChangeThePast() throws Exception {
    long end = 1_550_102_400_000_000L; // 2019-02-14T00:00:00Z
    BarStore original = TestStores.sample(dir.resolve("original"),
        b -> List.of("AAPL", "JPM", "QQQ").contains(b.symbol()) && b.timestampMicros() < end);
    List<Bar> perturbed = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(7);
    for (Bar b : original.read(Timeframe.M1)) {
      if (b.timestampMicros() < T) {
        perturbed.add(b);
      } else {
        double k = 0.9 + 0.2 * random.nextDouble(); // a different price path from T on
        perturbed.add(Bar.of(b.symbol(), b.timeframe(), b.timestampMicros(), b.open() * k, b.high() * k,
            b.low() * k, b.close() * k, Math.floor(b.volume() * random.nextDouble())));
      }
    }
    BarStore changed = BarStore.at(dir.resolve("changed"));
    changed.write(perturbed);

    JobConfig config = JobConfig.defaults().withParallelism(2);
    BacktestJob.Result a = BacktestJob.run(config, original, dir.resolve("a"), Progress.NONE);
    BacktestJob.Result b = BacktestJob.run(config, changed, dir.resolve("b"), Progress.NONE);

    // known before T: features of bars that closed by T, signals decided by T, fills before T, equity up to T
    assertThat(before(b.features())).isEqualTo(before(a.features())).isNotEmpty();
    assertThat(wideBefore(b.wide())).isEqualTo(wideBefore(a.wide())).isNotEmpty();
    assertThat(signalsBefore(b.signals())).isEqualTo(signalsBefore(a.signals())).isNotEmpty();
    assertThat(fillsBefore(b.fills())).isEqualTo(fillsBefore(a.fills())).isNotEmpty();
    assertThat(equityBefore(b.equity())).isEqualTo(equityBefore(a.equity())).isNotEmpty();
    // and the perturbation did reach everything after T
    assertThat(b.features()).isNotEqualTo(a.features());
    assertThat(b.equity()).isNotEqualTo(a.equity());
  }

  private static List<FeatureRow> before(List<FeatureRow> rows) {
    return rows.stream().filter(r -> r.availableAtMicros() <= T).toList();
  }

  private static List<WideRow> wideBefore(List<WideRow> rows) {
    return rows.stream().filter(r -> r.availableAtMicros() <= T).toList();
  }

  private static List<Signal> signalsBefore(List<Signal> rows) {
    return rows.stream().filter(s -> s.timestampMicros() <= T).toList();
  }

  private static List<Fill> fillsBefore(List<Fill> rows) {
    return rows.stream().filter(f -> f.timestampMicros() < T).toList();
  }

  private static List<EquityPoint> equityBefore(List<EquityPoint> rows) {
    return rows.stream().filter(e -> e.timestampMicros() <= T).toList();
  }
}
