package io.quantflow.connectors.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.connectors.store.CorporateActionStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.CorporateAction;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.testing.SampleBars;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled daily crisis sample ({@code data/sample/daily/}, see its {@code SOURCE.md}) imports cleanly, and its
 * bars and actions agree with a plain independent reading of the files.
 */
class SampleDailyTest {
  @TempDir Path dir;

  private static List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(SampleBars.repoRoot().resolve("data/sample/daily"))) {
      return s.filter(p -> p.getFileName().toString().endsWith(".csv.gz")).sorted().toList();
    }
  }

  private static List<String[]> rows(Path gz) throws IOException {
    List<String[]> out = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
        StandardCharsets.US_ASCII))) {
      in.readLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        out.add(line.split(","));
      }
    }
    return out;
  }

  @Test
  void theSampleIsTwelveSymbolsOfCrisisWindowsAndImportsWithoutProblems() throws IOException {
    List<Path> files = files();
    assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("AAPL.csv.gz", "AIG.csv.gz",
        "BAC.csv.gz", "C.csv.gz", "GE.csv.gz", "JNJ.csv.gz", "JPM.csv.gz", "KO.csv.gz", "MSFT.csv.gz", "PG.csv.gz",
        "WMT.csv.gz", "XOM.csv.gz");
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
    }
    assertThat(bytes).isLessThan(1_500_000);

    DailyCsvImporter.Report r = DailyCsvImporter.importInto(files, BarStore.at(dir), null, false, line -> { });
    assertThat(r.problems()).isEmpty();
    assertThat(r.notes()).isEmpty();
    assertThat(r.symbols()).hasSize(12);

    // independent reading: a plain split of every row; an action per non-zero dividend and per non-unit split
    long rows = 0;
    long dividends = 0;
    long splits = 0;
    double closeSum = 0;
    for (Path f : files) {
      for (String[] row : rows(f)) {
        rows++;
        closeSum += Double.parseDouble(row[4]);
        dividends += Double.parseDouble(row[7]) != 0 ? 1 : 0;
        splits += Double.parseDouble(row[8]) != 1 ? 1 : 0;
      }
    }
    List<Bar> bars = BarStore.at(dir).read(Timeframe.D1);
    assertThat(bars).hasSize((int) rows);
    assertThat(bars.stream().mapToDouble(Bar::close).sum()).isCloseTo(closeSum,
        org.assertj.core.api.Assertions.within(1e-6));
    List<CorporateAction> actions = CorporateActionStore.at(dir).read();
    assertThat(actions.stream().filter(a -> a.kind() == CorporateAction.Kind.DIVIDEND).count()).isEqualTo(dividends);
    assertThat(actions.stream().filter(a -> a.kind() == CorporateAction.Kind.SPLIT).count()).isEqualTo(splits);
    // the seven splits of the windows, by hand from the files: all in the dot-com window
    assertThat(actions.stream().filter(a -> a.kind() == CorporateAction.Kind.SPLIT)
        .map(a -> a.symbol() + " " + a.exDate() + " " + a.splitRatio())).containsExactly(
            "AAPL 2000-06-21 2.0", "AIG 2000-07-31 1.5", "C 2000-08-28 1.33333333333", "GE 2000-05-08 3.0",
            "JNJ 2001-06-13 2.0", "JPM 2000-06-12 1.5", "XOM 2001-07-19 2.0");
  }
}
