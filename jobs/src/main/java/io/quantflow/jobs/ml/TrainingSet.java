package io.quantflow.jobs.ml;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.BarBlock;
import io.quantflow.domain.Direction;
import io.quantflow.domain.FeatureSchema;
import io.quantflow.domain.Signal;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.WideBlock;
import io.quantflow.domain.calendar.ExchangeCalendar;
import io.quantflow.jobs.backtest.PipelineRunner;
import io.quantflow.jobs.backtest.Progress;
import io.quantflow.jobs.cli.UserError;
import io.quantflow.jobs.config.TrainConfig;
import io.quantflow.models.ml.labels.BarrierLabel;
import io.quantflow.models.ml.labels.ForwardLabel;
import io.quantflow.models.ml.labels.ForwardReturnLabels;
import io.quantflow.models.ml.labels.MetaLabel;
import io.quantflow.models.ml.labels.MetaLabels;
import io.quantflow.models.ml.labels.TripleBarrierLabels;
import io.quantflow.operators.ml.FeatureColumns;
import io.quantflow.operators.pipeline.QuantPipeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The samples a model learns from: one per symbol and base bar that has every feature and a label, sorted by the
 * label's start (then symbol). Features come from the aligned rows of the same pipeline the backtest and the live job
 * run ({@link QuantPipeline}, BATCH mode, on Flink), read through {@link FeatureColumns} as the scoring operator
 * reads them; labels come from the base bars after each row ({@code models.ml.labels}).
 *
 * <p>No look-ahead: a sample's features are its row's, known at {@code t0} (the bar's close); its label uses only
 * bars closing after {@code t0}, up to {@code t1}. Validation purges on {@code [t0, t1]}.
 *
 * @param features the feature names, in column order
 * @param symbol each sample's symbol
 * @param t0Micros when each sample's features are known and its label window opens, UTC epoch micros
 * @param t1Micros when each label is known, UTC epoch micros
 * @param x the features, one row per sample
 * @param y class labels (0 or 1)
 * @param ret the realised return of each label (decimal): the regression target and the IC's reference
 * @param trainStartMicros the first sample's t0
 * @param trainEndMicros the last sample's t1
 */
public record TrainingSet(List<String> features, String[] symbol, long[] t0Micros, long[] t1Micros, double[][] x,
    int[] y, double[] ret, long trainStartMicros, long trainEndMicros) {

  /** Number of samples. */
  public int size() {
    return y.length;
  }

  /** Share of positive labels. */
  public double positiveRate() {
    return Arrays.stream(y).average().orElse(Double.NaN);
  }

  /** The labels as doubles (what the registry hashes). */
  public double[] yAsDouble() {
    return Arrays.stream(y).asDoubleStream().toArray();
  }

  /**
   * Runs the pipeline over {@code store} and builds the samples of {@code config}.
   *
   * @throws UserError when no sample results (too little data for the indicators' warm-up and the horizon)
   * @throws Exception when the Flink job fails
   */
  public static TrainingSet build(TrainConfig config, BarStore store, Progress progress) throws Exception {
    var job = config.pipeline();
    io.quantflow.jobs.backtest.Inputs.require(store, job);
    var pipeline = job.pipeline();
    Timeframe base = pipeline.baseTimeframe();
    FeatureSchema schema = pipeline.alignment().schema();
    FeatureColumns columns = FeatureColumns.of(config.model().features(), schema);
    String volColumn = config.label().volFeature() != null ? config.label().volFeature()
        : pipeline.signal().volFeature() + "_" + base.label();
    if (!schema.names().contains(volColumn)) {
      throw new UserError("label.volFeature '" + volColumn + "' is not an aligned column; pick one of "
          + schema.names());
    }
    PipelineRunner runner = new PipelineRunner(job.withMode("batch"), store, progress);
    QuantPipeline.Features stage = runner.stage();
    runner.collect("wide", stage.wide());
    runner.collect("bars", stage.bars().filter(b -> b.timeframe() == base && b.size() > 0).name("base-bars"));
    runner.collect("signals", stage.signals());
    Map<String, List<?>> out = runner.run("training-set");
    progress.report("labelling");
    return assemble(config, base, schema, columns, volColumn, out.get("wide"), out.get("bars"), out.get("signals"));
  }

  /** The samples of the pipeline's outputs (BATCH: first versions only). */
  static TrainingSet assemble(TrainConfig config, Timeframe base, FeatureSchema schema, FeatureColumns columns,
      String volColumn, List<?> wide, List<?> bars, List<?> signals) {
    Map<String, List<WideBlock>> wideBySymbol = new TreeMap<>();
    for (Object o : wide) {
      WideBlock b = (WideBlock) o;
      wideBySymbol.computeIfAbsent(b.symbol(), k -> new ArrayList<>()).add(b);
    }
    Map<String, List<BarBlock>> barsBySymbol = new TreeMap<>();
    for (Object o : bars) {
      BarBlock b = (BarBlock) o;
      barsBySymbol.computeIfAbsent(b.symbol(), k -> new ArrayList<>()).add(b);
    }
    Map<String, List<Signal>> signalsBySymbol = new TreeMap<>();
    for (Object o : signals) {
      Signal s = (Signal) o;
      signalsBySymbol.computeIfAbsent(s.symbol(), k -> new ArrayList<>()).add(s);
    }
    TrainConfig.Label label = config.label();
    int vol = schema.indexOf(volColumn);
    List<Sample> samples = new ArrayList<>();
    for (var e : barsBySymbol.entrySet()) {
      String sym = e.getKey();
      List<BarBlock> blocks = e.getValue();
      blocks.sort(Comparator.comparingLong(b -> b.startMicros()[0]));
      int n = blocks.stream().mapToInt(BarBlock::size).sum();
      long[] start = new long[n];
      long[] at = new long[n];
      double[] close = new double[n];
      double[] high = new double[n];
      double[] low = new double[n];
      int k = 0;
      for (BarBlock b : blocks) {
        for (int i = 0; i < b.size(); i++, k++) {
          start[k] = b.startMicros()[i];
          at[k] = b.availableAtMicros(i);
          close[k] = b.close()[i];
          high[k] = b.high()[i];
          low[k] = b.low()[i];
        }
      }
      // the aligned row of each bar (BATCH: exactly one per base bar once the coarser bars closed)
      double[] rows = new double[n * schema.size()];
      boolean[] hasRow = new boolean[n];
      Arrays.fill(rows, Double.NaN);
      for (WideBlock w : wideBySymbol.getOrDefault(sym, List.of())) {
        for (int i = 0; i < w.size(); i++) {
          int at0 = Arrays.binarySearch(start, w.startMicros()[i]);
          if (at0 >= 0 && w.revision()[i] == 0 && !w.retracted()[i]) {
            System.arraycopy(w.values(), i * w.width(), rows, at0 * schema.size(), schema.size());
            hasRow[at0] = true;
          }
        }
      }
      double[] volatility = new double[n];
      for (int i = 0; i < n; i++) {
        volatility[i] = rows[i * schema.size() + vol];
      }
      for (Labelled l : label(label, at, close, high, low, volatility, side(signalsBySymbol.get(sym), at))) {
        if (!hasRow[l.index] || label.sameSession() && !sameDay(l.t0, l.t1)) {
          continue;
        }
        double[] x = new double[columns.size()];
        if (columns.read(rows, l.index * schema.size(), x)) {
          samples.add(new Sample(sym, l.t0, l.t1, x, l.y, l.ret));
        }
      }
    }
    if (samples.isEmpty()) {
      throw new UserError("No training samples: every bar lacks a feature or a label (the data is shorter than the "
          + "indicators' warm-up plus the " + label.horizonBars() + "-bar horizon); pass more data with --data");
    }
    samples.sort(Comparator.comparingLong(Sample::t0).thenComparing(Sample::symbol));
    int m = samples.size();
    String[] symbol = new String[m];
    long[] t0 = new long[m];
    long[] t1 = new long[m];
    double[][] x = new double[m][];
    int[] y = new int[m];
    double[] ret = new double[m];
    long end = Long.MIN_VALUE;
    for (int i = 0; i < m; i++) {
      Sample s = samples.get(i);
      symbol[i] = s.symbol;
      t0[i] = s.t0;
      t1[i] = s.t1;
      x[i] = s.x;
      y[i] = s.y;
      ret[i] = s.ret;
      end = Math.max(end, s.t1);
    }
    return new TrainingSet(columns.names(), symbol, t0, t1, x, y, ret, t0[0], end);
  }

  private record Sample(String symbol, long t0, long t1, double[] x, int y, double ret) {}

  private record Labelled(int index, long t0, long t1, int y, double ret) {}

  private static List<Labelled> label(TrainConfig.Label l, long[] at, double[] close, double[] high, double[] low,
      double[] vol, int[] side) {
    List<Labelled> out = new ArrayList<>();
    switch (l.kind()) {
      case "forward-return" -> {
        for (ForwardLabel f : ForwardReturnLabels.label(at, close, l.horizonBars(), l.minAbsReturn())) {
          if (f.sign() != 0) {
            out.add(new Labelled(f.index(), f.t0Micros(), f.t1Micros(), f.sign() > 0 ? 1 : 0, f.ret()));
          }
        }
      }
      case "meta" -> {
        for (MetaLabel f : MetaLabels.label(barriers(l), at, close, high, low, vol, side)) {
          out.add(new Labelled(f.index(), f.t0Micros(), f.t1Micros(), f.label(), f.ret()));
        }
      }
      default -> {
        for (BarrierLabel f : barriers(l).label(at, close, high, low, vol)) {
          out.add(new Labelled(f.index(), f.t0Micros(), f.t1Micros(), f.label() > 0 ? 1 : 0, f.ret()));
        }
      }
    }
    return out;
  }

  private static TripleBarrierLabels barriers(TrainConfig.Label l) {
    return TripleBarrierLabels.of(l.horizonBars(), l.profitTake(), l.stopLoss())
        .withVolScaling(l.volScaling().equals("per-bar") ? TripleBarrierLabels.VolScaling.PER_BAR
            : TripleBarrierLabels.VolScaling.SQRT_HORIZON)
        .withVerticalLabel(TripleBarrierLabels.VerticalLabel.SIGN);
  }

  /** The rule's position after each bar's decision: the direction of the latest signal decided by its close. */
  static int[] side(List<Signal> signals, long[] at) {
    int[] side = new int[at.length];
    if (signals == null) {
      return side;
    }
    List<Signal> sorted = new ArrayList<>(signals);
    sorted.removeIf(s -> s.revision() != 0 || s.retracted());
    sorted.sort(Comparator.comparingLong(Signal::timestampMicros));
    int k = 0;
    int current = Direction.FLAT.sign();
    for (int i = 0; i < at.length; i++) {
      while (k < sorted.size() && sorted.get(k).timestampMicros() <= at[i]) {
        current = sorted.get(k++).direction().sign();
      }
      side[i] = current;
    }
    return side;
  }

  private static boolean sameDay(long t0, long t1) {
    // the bar closing at t belongs to the session of t - 1 µs (a 16:00 close is still that day's)
    ExchangeCalendar nyse = ExchangeCalendar.nyse();
    return nyse.localDate(t0 - 1).equals(nyse.localDate(t1 - 1));
  }
}
