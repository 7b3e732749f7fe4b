package io.quantflow.domain.testing;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Timeframe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bundled real sample ({@code data/sample/bars-1m.csv}, source in {@code data/sample/SOURCE.md}) for tests of
 * modules that cannot use the CSV importer. The file is clean, so a plain split is enough here.
 */
public final class SampleBars {
  private SampleBars() {}

  /** The repository root, found by walking up from the working directory. */
  public static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("data/sample/bars-1m.csv"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("data/sample/bars-1m.csv not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  /** The sample CSV file. */
  public static Path csv() {
    return repoRoot().resolve("data/sample/bars-1m.csv");
  }

  /** Every bar of the sample, sorted by symbol then time. */
  public static List<Bar> all() {
    try {
      List<String> lines = Files.readAllLines(csv());
      List<Bar> bars = new ArrayList<>(lines.size());
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(",");
        long micros = Instant.parse(f[1]).getEpochSecond() * 1_000_000L;
        bars.add(Bar.of(f[0], Timeframe.M1, micros, Double.parseDouble(f[2]), Double.parseDouble(f[3]),
            Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6])));
      }
      return bars;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sample bars of one symbol, in time order. */
  public static List<Bar> of(String symbol) {
    return all().stream().filter(b -> b.symbol().equals(symbol)).toList();
  }
}
