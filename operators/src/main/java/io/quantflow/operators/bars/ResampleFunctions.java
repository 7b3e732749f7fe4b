package io.quantflow.operators.bars;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Timeframe;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** The Flink functions of a resampling window: aggregate incrementally, then label the bar by the window start. */
public final class ResampleFunctions {
  private ResampleFunctions() {}

  /** Incremental aggregation of the finer bars of one window. */
  public static final class Aggregate implements AggregateFunction<Bar, BarAccumulator, BarAccumulator> {
    private static final long serialVersionUID = 1L;

    @Override
    public BarAccumulator createAccumulator() {
      return new BarAccumulator();
    }

    @Override
    public BarAccumulator add(Bar value, BarAccumulator acc) {
      return acc.add(value);
    }

    @Override
    public BarAccumulator getResult(BarAccumulator acc) {
      return acc;
    }

    @Override
    public BarAccumulator merge(BarAccumulator a, BarAccumulator b) {
      return a.merge(b);
    }
  }

  /** Emits the coarser bar labelled by the window start (Alpaca's convention). */
  public static final class Label extends ProcessWindowFunction<BarAccumulator, Bar, String, TimeWindow> {
    private static final long serialVersionUID = 1L;
    private final Timeframe timeframe;

    /** Labels bars with {@code timeframe}. */
    public Label(Timeframe timeframe) {
      this.timeframe = timeframe;
    }

    @Override
    public void process(String key, Context ctx, Iterable<BarAccumulator> accs, Collector<Bar> out) {
      for (BarAccumulator acc : accs) {
        out.collect(acc.toBar(timeframe, ctx.window().getStart() * 1000));
      }
    }
  }
}
