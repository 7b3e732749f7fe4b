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

  /**
   * Arguments: store folder, input timeframe, comma-separated coarser timeframes, and {@code features} (resample
   * and indicators, the default) or {@code all} (also the aligned multi-timeframe row of every base bar and the
   * agreement signal, like the pipeline's full run).
   */
  public static void main(String[] args) {
    boolean all = args.length > 3 && args[3].equals("all");
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
      double checksum = all ? runAll(symbol, ts, open, high, low, close, volume, base, coarser)
          : run(symbol, ts, open, high, low, close, volume, base, coarser);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "%s round %d: %,d input bars in %.3f s = %,.0f bars/s (checksum %.6f)%n",
          all ? "full" : "features", round, n, seconds, n / seconds, checksum);
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

  /**
   * Resampling and indicators as {@link #run}, plus the wide row of every base bar (each timeframe's latest closed
   * bar: a coarse bar completed by this bar counts) and the agreement signal on it, emitted on a change.
   */
  private static double runAll(String[] symbol, long[] ts, double[] open, double[] high, double[] low,
      double[] close, double[] volume, Timeframe base, List<Timeframe> coarser) {
    List<String> tfs = new ArrayList<>();
    tfs.add(base.label());
    coarser.forEach(t -> tfs.add(t.label()));
    io.quantflow.operators.features.FeatureSpec spec =
        new io.quantflow.operators.features.FeatureSpec(PipelineConfig.DEFAULT_FEATURES.indicators(), tfs);
    PipelineConfig config = new PipelineConfig(spec, new io.quantflow.operators.signals.SignalConfig(base,
        spec.parsedTimeframes(), List.of(io.quantflow.operators.signals.VoteMethod.above("ema_20")), 1,
        "rvol_20_cc", false));
    io.quantflow.operators.signals.AgreementRule rule =
        new io.quantflow.operators.signals.AgreementRule(config.signal(), config.alignment().schema());
    int f = spec.newFeatureSet().schema().size();
    int width = (f + 1) * (coarser.size() + 1);
    double[] wide = new double[width];
    double checksum = 0;
    long signals = 0;
    double strengths = 0;
    int n = ts.length;
    int i = 0;
    while (i < n) {
      String sym = symbol[i];
      FeatureSet baseSet = spec.newFeatureSet();
      FeatureSet[] sets = new FeatureSet[coarser.size()];
      BarAccumulator[] acc = new BarAccumulator[coarser.size()];
      long[] accStart = new long[coarser.size()];
      double[][] latest = new double[coarser.size()][f + 1]; // close, then features, of the latest closed bar
      for (int c = 0; c < sets.length; c++) {
        sets[c] = spec.newFeatureSet();
        accStart[c] = Long.MIN_VALUE;
        java.util.Arrays.fill(latest[c], Double.NaN);
      }
      io.quantflow.domain.Direction last = io.quantflow.domain.Direction.FLAT;
      for (; i < n && symbol[i].equals(sym); i++) {
        Bar b = Bar.of(sym, base, ts[i], open[i], high[i], low[i], close[i], volume[i]);
        long end = ts[i] + base.durationMicros();
        for (int c = 0; c < sets.length; c++) {
          Timeframe tf = coarser.get(c);
          long start = tf.startOf(ts[i]);
          if (start != accStart[c]) {
            if (acc[c] != null) { // the previous interval closed before this bar
              Bar r = acc[c].toBar(tf, accStart[c]);
              latest[c][0] = r.close();
              sets[c].update(r, latest[c], 1);
            }
            acc[c] = new BarAccumulator();
            accStart[c] = start;
          }
          acc[c].add(b);
          if (end == start + tf.durationMicros()) { // this bar completes the interval: it closes with it
            Bar r = acc[c].toBar(tf, accStart[c]);
            latest[c][0] = r.close();
            sets[c].update(r, latest[c], 1);
            acc[c] = null;
            accStart[c] = Long.MIN_VALUE;
          }
        }
        wide[0] = close[i];
        baseSet.update(b, wide, 1);
        for (int c = 0; c < sets.length; c++) {
          System.arraycopy(latest[c], 0, wide, (c + 1) * (f + 1), f + 1);
        }
        checksum += sum(wide);
        io.quantflow.domain.Direction d = rule.direction(wide, 0);
        if (d != last) {
          strengths += rule.evaluate(sym, end, wide, 0).strength(); // computed, kept out of the checksum
          signals++;
          last = d;
        }
      }
    }
    // the checksum covers the aligned rows only, so it can be compared with FeaturePipelineBenchmark's
    return strengths < 0 ? Double.NaN : checksum;
  }
}
