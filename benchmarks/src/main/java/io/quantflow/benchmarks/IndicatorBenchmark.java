package io.quantflow.benchmarks;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Timeframe;
import io.quantflow.operators.features.FeatureSet;
import io.quantflow.operators.features.FeatureSpec;
import io.quantflow.operators.pipeline.PipelineConfig;
import io.quantflow.operators.indicators.Ema;
import io.quantflow.operators.indicators.RealizedVolatility;
import io.quantflow.operators.indicators.RsiWilder;
import io.quantflow.operators.indicators.Sma;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** Per-bar cost of the indicator kernels over a seeded random walk of 100,000 closes. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IndicatorBenchmark {
  private static final int N = 100_000;
  private double[] closes;
  private Bar[] bars;

  @Setup
  public void walk() {
    SplittableRandom r = new SplittableRandom(1);
    closes = new double[N];
    double p = 100;
    for (int i = 0; i < N; i++) {
      p *= Math.exp(0.001 * (r.nextDouble() - 0.5));
      closes[i] = p;
    }
    bars = new Bar[N];
    for (int i = 0; i < N; i++) {
      double o = i == 0 ? closes[0] : closes[i - 1];
      double c = closes[i];
      bars[i] = Bar.of("SYN", Timeframe.M1, 1_706_884_200_000_000L + i * 60_000_000L, o, Math.max(o, c) * 1.0005,
          Math.min(o, c) * 0.9995, c, 1000 + (i % 7) * 100);
    }
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public void sma20(Blackhole bh) {
    Sma k = new Sma(20);
    for (double c : closes) {
      bh.consume(k.update(c));
    }
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public void ema20(Blackhole bh) {
    Ema k = new Ema(20);
    for (double c : closes) {
      bh.consume(k.update(c));
    }
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public void rsi14(Blackhole bh) {
    RsiWilder k = new RsiWilder(14);
    for (double c : closes) {
      bh.consume(k.update(c));
    }
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public void rvol20(Blackhole bh) {
    RealizedVolatility k = new RealizedVolatility(20);
    for (double c : closes) {
      bh.consume(k.update(c));
    }
  }

  /** The pipeline's default feature set (5 columns), including the per-bar state save an operator does. */
  @Benchmark
  @OperationsPerInvocation(N)
  public void defaultFeatureSetWithStateSave(Blackhole bh) {
    FeatureSet set = PipelineConfig.DEFAULT_FEATURES.newFeatureSet();
    for (Bar b : bars) {
      bh.consume(set.update(b));
      bh.consume(set.save());
    }
  }

  /** Every indicator of the catalogue once ({@link FeatureSpec#DEFAULT}, 25 columns). */
  @Benchmark
  @OperationsPerInvocation(N)
  public void fullCatalogue(Blackhole bh) {
    FeatureSet set = FeatureSpec.DEFAULT.newFeatureSet();
    for (Bar b : bars) {
      bh.consume(set.update(b));
    }
  }
}
