package io.quantflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.testing.SampleBars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed sample store is exactly what {@code quant import csv} makes of the committed sample CSV. */
class SampleStoreTest {
  @TempDir Path dir;

  @Test
  void theCommittedStoreIsAFreshImportOfTheCsv() throws Exception {
    Path committed = SampleBars.repoRoot().resolve("data/sample/store");
    assertThat(QuantCli.execute("import", "csv", "--data", SampleBars.csv().toString(), "--output", dir.toString()))
        .isZero();
    List<Path> expected = BarStore.at(committed).files(Timeframe.M1);
    List<Path> actual = BarStore.at(dir).files(Timeframe.M1);
    assertThat(expected).hasSize(8);
    assertThat(actual.stream().map(dir::relativize).toList())
        .isEqualTo(expected.stream().map(committed::relativize).toList());
    for (Path f : expected) {
      assertThat(Files.readAllBytes(dir.resolve(committed.relativize(f)))).as(f.toString())
          .isEqualTo(Files.readAllBytes(f));
    }
    assertThat(BarStore.at(committed).read(Timeframe.M1)).isEqualTo(SampleBars.all());
  }
}
