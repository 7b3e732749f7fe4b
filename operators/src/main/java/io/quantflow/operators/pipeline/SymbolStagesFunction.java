package io.quantflow.operators.pipeline;

import io.quantflow.domain.BarBlock;
import io.quantflow.domain.FeatureBlock;
import io.quantflow.domain.RejectedEvent;
import io.quantflow.domain.Signal;
import io.quantflow.domain.SymbolSlice;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.WideBlock;
import io.quantflow.operators.align.Alignment;
import io.quantflow.operators.features.FeatureSeries;
import io.quantflow.operators.signals.SignalSeries;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The per-symbol arrows of the pipeline after the bars exist: bars of every timeframe to features
 * ({@link FeatureSeries}, one per timeframe), features to aligned rows ({@link Alignment}), aligned rows to signals
 * ({@link SignalSeries}). Keyed by symbol; each kernel's state lives in its own keyed {@code ValueState}. Signals are
 * the main output; bars, features and aligned rows go to side outputs ({@link #BARS}, {@link #FEATURES},
 * {@link #WIDE}), refusals to {@link Rejections#TAG}.
 *
 * <p>Why one Flink function hosts several kernels: in BATCH mode Flink starts every keyed operator a new task with
 * its own sorted, serialized input, and the multi-timeframe rows of 1s bars are gigabytes; run in one function the
 * arrows hand blocks to each other by reference, in both modes alike. Each kernel still does one job and is tested
 * on its own. Subclasses add the head that makes bars: {@link BarPipelineFunction} (bars in) and
 * {@link TickPipelineFunction} (ticks in).
 *
 * @param <IN> the input record type
 */
public abstract class SymbolStagesFunction<IN> extends KeyedProcessFunction<String, IN, Signal> {
  private static final long serialVersionUID = 1L;

  /** Bars of every timeframe, as built or validated (revisions included). */
  public static final OutputTag<BarBlock> BARS = new OutputTag<>("bars", TypeInformation.of(BarBlock.class));
  /** Feature rows of every timeframe. */
  public static final OutputTag<FeatureBlock> FEATURES =
      new OutputTag<>("features", TypeInformation.of(FeatureBlock.class));
  /** Aligned multi-timeframe rows. */
  public static final OutputTag<WideBlock> WIDE = new OutputTag<>("wide", TypeInformation.of(WideBlock.class));
  /**
   * What the portfolio needs, one record per call that has any: the base-timeframe bars and the signals of the call
   * (first versions), and, in BATCH mode, how far the symbol is complete ({@link SymbolSlice}).
   */
  public static final OutputTag<SymbolSlice> SLICES =
      new OutputTag<>("slices", TypeInformation.of(SymbolSlice.class));

  /** The pipeline definition. */
  protected final PipelineConfig config;
  /** Whether the job runs in BATCH mode (input in time order per symbol, bars final when emitted). */
  protected final boolean batch;
  /** How long rows stay revisable, microseconds (0 in BATCH mode). */
  protected final long horizonMicros;

  private transient List<Timeframe> timeframes;
  private transient Timeframe baseTimeframe;
  private transient FeatureSeries series;
  private transient Alignment alignment;
  private transient SignalSeries signals;
  private transient ValueState<FeatureSeries.State>[] featureState;
  private transient ValueState<Alignment.State> alignState;
  private transient ValueState<SignalSeries.State> signalState;
  // the slice of the current call: a block passed on as it is, or rows gathered from several
  private transient BarBlock sliceBlock;
  private transient BarBlock.Builder sliceRows;
  private transient java.util.ArrayList<Signal> sliceSignals;
  private transient java.util.ArrayList<WideBlock> sliceWide; // only with config.sliceRows()

  /** The stages of {@code config} for one execution mode. */
  protected SymbolStagesFunction(PipelineConfig config, boolean batch) {
    this.config = config;
    this.batch = batch;
    this.horizonMicros = batch ? 0 : config.revisionHorizonMicros();
  }

  @Override
  @SuppressWarnings("unchecked")
  public void open(OpenContext ctx) throws Exception {
    timeframes = config.timeframes();
    baseTimeframe = config.baseTimeframe(); // parses the labels: once, not per block
    series = new FeatureSeries(config.features().indicators(), horizonMicros);
    alignment = config.alignment().withHorizon(horizonMicros);
    signals = new SignalSeries(config.signal(), alignment.schema(), horizonMicros);
    featureState = new ValueState[timeframes.size()];
    for (int t = 0; t < timeframes.size(); t++) {
      featureState[t] = state("features-" + timeframes.get(t).label(), FeatureSeries.State.class);
    }
    alignState = state("alignment", Alignment.State.class);
    signalState = state("signals", SignalSeries.State.class);
  }

  private transient boolean local;

  /**
   * Opens this function outside Flink, for {@link LocalPipeline}: keyed state becomes plain fields (one instance per
   * symbol), everything else is the same code.
   */
  void openLocal() throws Exception {
    local = true;
    open(null);
  }

  /** Keyed state named {@code name}: Flink's, or a plain holder when opened with {@link #openLocal()}. */
  protected <T> ValueState<T> state(String name, Class<T> type) {
    if (local) {
      return new LocalValueState<>();
    }
    return getRuntimeContext().getState(new ValueStateDescriptor<>(name, TypeInformation.of(type)));
  }

  /** A value holder standing in for keyed state of one key. */
  private static final class LocalValueState<T> implements ValueState<T> {
    private T value;

    @Override
    public T value() {
      return value;
    }

    @Override
    public void update(T v) {
      value = v;
    }

    @Override
    public void clear() {
      value = null;
    }
  }

  /** Where the stages write: the process function's context and collector. */
  protected interface Sink {
    /** Emits to a side output. */
    <X> void side(OutputTag<X> tag, X value);

    /** Emits a signal. */
    void signal(Signal s);

    /** Registers an event-time timer (STREAMING: fires when the watermark passes; BATCH: at the end). */
    void timer(long millis);
  }

  /** A sink over a process function's context. */
  protected Sink sink(Context ctx, Collector<Signal> out) {
    return new Sink() {
      @Override
      public <X> void side(OutputTag<X> tag, X value) {
        ctx.output(tag, value);
      }

      @Override
      public void signal(Signal s) {
        out.collect(s);
      }

      @Override
      public void timer(long millis) {
        ctx.timerService().registerEventTimeTimer(millis);
      }
    };
  }

  /** A sink over a timer's context. */
  protected Sink sink(OnTimerContext ctx, Collector<Signal> out) {
    return sink((Context) ctx, out);
  }

  /** Sends a refusal to the rejected output. */
  protected static void reject(Sink sink, String stage, String symbol, long micros, String reason, String payload) {
    sink.side(Rejections.TAG, new RejectedEvent(stage, symbol, micros, reason, payload));
  }

  /** Runs bars of one timeframe (first versions or revisions) through features, alignment and signals. */
  protected void onBars(BarBlock bars, Sink sink) throws Exception {
    if (bars == null || bars.size() == 0) {
      return;
    }
    sink.side(BARS, bars);
    if (bars.timeframe() == baseTimeframe) {
      sliceBars(bars);
    }
    int t = timeframes.indexOf(bars.timeframe());
    if (t < 0) {
      return;
    }
    FeatureSeries.State fs = featureState[t].value();
    if (fs == null) {
      fs = series.newState();
    }
    FeatureSeries.Output fo = series.onBlock(fs, bars);
    featureState[t].update(fs);
    for (long start : fo.refused()) {
      reject(sink, "indicators", bars.symbol(), start, "revision of a " + bars.timeframe() + " bar older than the "
          + "revision horizon (" + horizonMicros / 1000 + " ms) or in BATCH mode; its features keep the earlier "
          + "version", bars.toString());
    }
    FeatureBlock features = fo.rows().build();
    if (features == null) {
      return;
    }
    sink.side(FEATURES, features);
    Alignment.State as = alignState.value();
    if (as == null) {
      as = alignment.newState();
    }
    Alignment.Output ao = alignment.onBlock(as, features);
    for (long start : ao.refused()) {
      reject(sink, "align", bars.symbol(), start, "revision of a " + bars.timeframe() + " feature row older than the "
          + "revision horizon or in BATCH mode; the aligned rows keep the earlier version", features.toString());
    }
    int base = alignment.timeframes().indexOf(alignment.base());
    if (!batch && as.emitted < as.rows[base].n) { // rows waiting for a coarser bar: the watermark may flush them
      Alignment.Rows1 waiting = as.rows[base];
      sink.timer(EventTime.millisOf(waiting.start[waiting.n - 1] + alignment.base().durationMicros()));
    }
    alignState.update(as);
    onWide(ao.block(), sink);
  }

  private void onWide(WideBlock wide, Sink sink) throws Exception {
    if (wide == null) {
      return;
    }
    sink.side(WIDE, wide);
    if (config.sliceRows()) {
      if (sliceWide == null) {
        sliceWide = new java.util.ArrayList<>();
      }
      sliceWide.add(wide);
    }
    SignalSeries.State ss = signalState.value();
    if (ss == null) {
      ss = new SignalSeries.State();
    }
    SignalSeries.Output so = signals.onBlock(ss, wide);
    signalState.update(ss);
    for (Signal s : so.signals()) {
      sink.signal(s);
      if (s.revision() == 0 && !s.retracted()) {
        if (sliceSignals == null) {
          sliceSignals = new java.util.ArrayList<>();
        }
        sliceSignals.add(s);
      }
    }
    for (long start : so.refused()) {
      reject(sink, "signals", wide.symbol(), start, "revision of an aligned row older than the revision horizon or "
          + "in BATCH mode; the signals keep the earlier version", "");
    }
  }

  private void sliceBars(BarBlock bars) {
    boolean allFirst = true;
    for (int i = 0; i < bars.size() && allFirst; i++) {
      allFirst = bars.revision()[i] == 0 && !bars.isRetracted(i);
    }
    if (allFirst && sliceBlock == null && sliceRows == null) {
      sliceBlock = bars; // the common case: no copy
      return;
    }
    if (sliceRows == null) {
      sliceRows = BarBlock.builder(bars.symbol(), bars.timeframe(), bars.size() + 16);
    }
    if (sliceBlock != null) {
      for (int i = 0; i < sliceBlock.size(); i++) {
        sliceRows.add(sliceBlock, i);
      }
      sliceBlock = null;
    }
    for (int i = 0; i < bars.size(); i++) {
      if (bars.revision()[i] == 0 && !bars.isRetracted(i)) {
        sliceRows.add(bars, i);
      }
    }
  }

  /**
   * Sends the portfolio what this call produced for {@code symbol} ({@link #SLICES}), if anything: subclasses call it
   * at the end of every call. {@code completeThroughMicros} is how far the symbol is now complete (BATCH mode:
   * {@code Long.MAX_VALUE} at its end, a progress marker's instant after one), {@code Long.MIN_VALUE} for unknown.
   */
  protected void emitSlice(String symbol, long completeThroughMicros, Sink sink) {
    BarBlock bars = sliceBlock != null ? sliceBlock : sliceRows != null ? sliceRows.build() : null;
    List<Signal> sigs = sliceSignals == null ? List.of() : sliceSignals;
    WideBlock rows = sliceWide == null ? null : firstVersions(sliceWide);
    sliceBlock = null;
    sliceRows = null;
    sliceSignals = null;
    sliceWide = null;
    if ((bars == null || bars.size() == 0) && sigs.isEmpty() && rows == null
        && completeThroughMicros == Long.MIN_VALUE) {
      return;
    }
    sink.side(SLICES, SymbolSlice.of(symbol, bars, sigs, completeThroughMicros).withWide(rows));
  }

  /** The first versions (revision 0, not retracted) among {@code blocks}, as one block; null if none. */
  private static WideBlock firstVersions(List<WideBlock> blocks) {
    if (blocks.size() == 1 && allFirst(blocks.get(0))) {
      return blocks.get(0);
    }
    java.util.ArrayList<io.quantflow.domain.WideRow> rows = new java.util.ArrayList<>();
    for (WideBlock b : blocks) {
      for (int i = 0; i < b.size(); i++) {
        if (b.revision()[i] == 0 && !b.retracted()[i]) {
          rows.add(b.row(i));
        }
      }
    }
    return rows.isEmpty() ? null : WideBlock.of(rows);
  }

  private static boolean allFirst(WideBlock b) {
    for (int i = 0; i < b.size(); i++) {
      if (b.revision()[i] != 0 || b.retracted()[i]) {
        return false;
      }
    }
    return b.size() > 0;
  }

  /** Emits the aligned rows the watermark {@code millis} proves complete. */
  protected void flushAlignment(String symbol, long millis, Sink sink) throws Exception {
    Alignment.State as = alignState.value();
    if (as == null) {
      return;
    }
    Alignment.Output ao = alignment.flush(as, symbol, millis);
    alignState.update(as);
    onWide(ao.block(), sink);
  }
}
