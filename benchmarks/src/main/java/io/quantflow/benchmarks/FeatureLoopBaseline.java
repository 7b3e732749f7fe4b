package io.quantflow.benchmarks;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Timeframe;
import io.quantflow.operators.bars.BarAccumulator;
import io.quantflow.operators.features.FeatureSet;
import io.quantflow.operators.pipeline.PipelineConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hardware reference for the feature pipeline: the same computation (resample the input bars to every coarser
 * timeframe, run the default indicator set on every timeframe) as one plain single-threaded Java loop over arrays
 * already in memory. The pipeline's throughput per core is judged against this figure (docs/benchmarks.md).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.quantflow.benchmarks.FeatureLoopBaseline STORE 1s 15s,1m,5m,15m,1h</pre>
 */
public final class FeatureLoopBaseline {
  private FeatureLoopBaseline() {}

  /** Arguments: store folder, input timeframe, comma-separated coarser timeframes. */
  public static void main(String[] args) {
    BarStore store = BarStore.at(Path.of(args[0]));
    Timeframe base = Timeframe.parse(args[1]);
    List<Timeframe> coarser = new ArrayList<>();
    for (String t : args[2].split(",")) {
      coarser.add(Timeframe.parse(t));
    }
    List<Bar> bars = store.read(base); // sorted by symbol, then time
    int n = bars.size();
    String[] symbol = new String[n];
    long[] ts = new long[n];
    double[] open = new double[n];
    double[] high = new double[n];
    double[] low = new double[n];
    double[] close = new double[n];
    double[] volume = new double[n];
    for (int i = 0; i < n; i++) {
      Bar b = bars.get(i);
      symbol[i] = b.symbol();
      ts[i] = b.timestampMicros();
      open[i] = b.open();
      high[i] = b.high();
      low[i] = b.low();
      close[i] = b.close();
      volume[i] = b.volume();
    }
    bars = null;
    for (int round = 0; round < 5; round++) { // the first rounds warm up the JIT
      long start = System.nanoTime();
      double checksum = run(symbol, ts, open, high, low, close, volume, base, coarser);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "round %d: %,d input bars in %.3f s = %,.0f bars/s (checksum %.6f)%n", round, n,
          seconds, n / seconds, checksum);
    }
  }

  /** Consumes the values so the JIT cannot drop the work. */
  private static double sum(double[] values) {
    double s = 0;
    for (double v : values) {
      s += Double.isNaN(v) ? 0 : v;
    }
    return s;
  }

  private static double run(String[] symbol, long[] ts, double[] open, double[] high, double[] low, double[] close,
      double[] volume, Timeframe base, List<Timeframe> coarser) {
    double checksum = 0;
    int n = ts.length;
    int i = 0;
    while (i < n) {
      String sym = symbol[i];
      FeatureSet baseSet = PipelineConfig.DEFAULT_FEATURES.newFeatureSet();
      FeatureSet[] sets = new FeatureSet[coarser.size()];
      BarAccumulator[] acc = new BarAccumulator[coarser.size()];
      long[] accStart = new long[coarser.size()];
      for (int c = 0; c < sets.length; c++) {
        sets[c] = PipelineConfig.DEFAULT_FEATURES.newFeatureSet();
        accStart[c] = Long.MIN_VALUE;
      }
      for (; i < n && symbol[i].equals(sym); i++) {
        Bar b = Bar.of(sym, base, ts[i], open[i], high[i], low[i], close[i], volume[i]);
        checksum += sum(baseSet.update(b));
        for (int c = 0; c < sets.length; c++) {
          long start = coarser.get(c).startOf(ts[i]);
          if (start != accStart[c]) {
            if (acc[c] != null) {
              Bar r = acc[c].toBar(coarser.get(c), accStart[c]);
              checksum += sum(sets[c].update(r));
            }
            acc[c] = new BarAccumulator();
            accStart[c] = start;
          }
          acc[c].add(b);
        }
      }
      for (int c = 0; c < sets.length; c++) {
        if (acc[c] != null) {
          checksum += sum(sets[c].update(acc[c].toBar(coarser.get(c), accStart[c])));
        }
      }
    }
    return checksum;
  }
}
