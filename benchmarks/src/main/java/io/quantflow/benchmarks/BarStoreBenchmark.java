package io.quantflow.benchmarks;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Timeframe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bars per second through the Parquet store: one month of 1m bars of one symbol (8,190 bars). {@code mergeWrite}
 * rewrites a file that already holds the same bars (read, merge, write), the cost of an incremental import.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BarStoreBenchmark {
  private static final int BARS = 21 * 390;
  private List<Bar> bars;
  private Path dir;
  private BarStore readStore;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    bars = new ArrayList<>(BARS);
    SplittableRandom r = new SplittableRandom(1);
    long t = 1_706_884_200_000_000L; // 2024-02-02T14:30:00Z
    double p = 100;
    for (int i = 0; i < BARS; i++) {
      double o = p;
      p *= Math.exp(0.001 * (r.nextDouble() - 0.5));
      bars.add(new Bar("SYN", Timeframe.M1, t + i * 60_000_000L, o, Math.max(o, p) * 1.0005,
          Math.min(o, p) * 0.9995, p, 1000 + r.nextInt(5000), 10 + r.nextInt(50), (o + p) / 2));
    }
    dir = Files.createTempDirectory("bench-store");
    readStore = BarStore.at(dir.resolve("read"));
    readStore.write(bars);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  @OperationsPerInvocation(BARS)
  public int mergeWrite() {
    return BarStore.at(dir.resolve("write")).write(bars);
  }

  @Benchmark
  @OperationsPerInvocation(BARS)
  public List<Bar> read() {
    return readStore.read(Timeframe.M1);
  }
}
