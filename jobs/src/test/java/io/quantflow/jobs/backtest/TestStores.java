package io.quantflow.jobs.backtest;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.testing.SampleBars;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** Stores and a MiniCluster for job tests. */
public final class TestStores {
  private TestStores() {}

  /** One task manager with two slots: enough for parallelism 2 in STREAMING mode. */
  public static MiniClusterExtension miniCluster() {
    return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
        .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build()); // pipelined BATCH needs a slot per subtask
  }

  /** A store at {@code dir} holding the sample bars that pass {@code filter}. */
  public static BarStore sample(Path dir, Predicate<Bar> filter) {
    BarStore store = BarStore.at(dir);
    List<Bar> bars = SampleBars.all().stream().filter(filter).toList();
    store.write(bars);
    return store;
  }
}
