package io.quantflow.benchmarks;

import io.quantflow.operators.features.FeatureConfig;
import io.quantflow.operators.features.IndicatorSet;
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

  @Setup
  public void walk() {
    SplittableRandom r = new SplittableRandom(1);
    closes = new double[N];
    double p = 100;
    for (int i = 0; i < N; i++) {
      p *= Math.exp(0.001 * (r.nextDouble() - 0.5));
      closes[i] = p;
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

  /** The whole default feature set, including the per-bar state save an operator does. */
  @Benchmark
  @OperationsPerInvocation(N)
  public void defaultFeatureSetWithStateSave(Blackhole bh) {
    IndicatorSet set = FeatureConfig.DEFAULT.newIndicators();
    for (double c : closes) {
      bh.consume(set.update(c));
      bh.consume(set.save());
    }
  }
}
