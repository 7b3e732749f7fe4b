package io.quantflow.connectors.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.connectors.synthetic.SyntheticConfig;
import io.quantflow.connectors.synthetic.SyntheticMarket;
import io.quantflow.domain.Bar;
import io.quantflow.domain.BarBlock;
import io.quantflow.domain.Timeframe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The columnar block reader (its own page decoder) gives exactly the bars of the record reader ({@link BarReader},
 * Parquet's own decoding), on real files with null columns and on synthetic files with dictionary pages.
 */
class BarBlockReaderTest {
  @TempDir Path dir;

  private static Path sampleStore() {
    Path d = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(d.resolve("data/sample/store"))) {
      d = d.getParent();
    }
    return d.resolve("data/sample/store");
  }

  private static void assertSameBars(BarStore store, Timeframe tf) {
    for (Path f : store.files(tf)) {
      List<Bar> expected = BarReader.read(f, tf);
      for (int maxRows : new int[] {7, 32_768}) {
        List<Bar> actual = new ArrayList<>();
        for (BarBlock b : BarBlockReader.read(f, tf, maxRows)) {
          assertThat(b.size()).isLessThanOrEqualTo(maxRows);
          for (int i = 0; i < b.size(); i++) {
            actual.add(b.bar(i));
          }
        }
        assertThat(actual).as("%s in blocks of %d", f, maxRows).isEqualTo(expected);
      }
    }
  }

  @Test
  void realSampleWithNullTradeCountsAndVwaps() {
    BarStore store = BarStore.at(sampleStore());
    assertThat(store.files(Timeframe.M1)).hasSize(8);
    assertSameBars(store, Timeframe.M1);
  }

  @Test
  void syntheticSecondBarsWithDictionaryPages() {
    BarStore store = BarStore.at(dir);
    SyntheticMarket.generate(SyntheticConfig.defaults(3, 2, Timeframe.S1, 7), store, 1, line -> { });
    assertThat(store.files(Timeframe.S1)).hasSize(6);
    assertSameBars(store, Timeframe.S1);
  }
}
