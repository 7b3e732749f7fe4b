package io.quantflow.operators.signals;

import io.quantflow.domain.Direction;
import io.quantflow.domain.FeatureRow;
import io.quantflow.domain.FeatureSchema;
import io.quantflow.domain.Signal;
import io.quantflow.domain.Timeframe;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Aligns the feature rows of every timeframe of one symbol (keyed by symbol) and applies the
 * {@link TrendAgreementRule} at each base bar's close.
 *
 * <p>Alignment without look-ahead: a row is used only from its availability time (the close of its bar). Rows are
 * buffered and processed when the watermark passes their time; rows available at the same instant are taken
 * coarsest first, so the 1m bar that closes at 09:45 sees the 5m and 15m bars that close at 09:45 too, and never a
 * bar that closes later. A signal is emitted when the direction changes (the first one when it leaves FLAT).
 */
public final class SignalFunction extends KeyedProcessFunction<String, FeatureRow, Signal> {
  private static final long serialVersionUID = 1L;
  private static final int SLOTS = Timeframe.values().length;

  private final SignalConfig config;
  private final FeatureSchema schema;
  private transient TrendAgreementRule rule;
  private transient MapState<Long, FeatureRow> pending;
  private transient MapState<Integer, FeatureRow> latest;
  private transient ValueState<Direction> lastDirection;

  /** Applies {@code config} to rows of {@code schema}. */
  public SignalFunction(SignalConfig config, FeatureSchema schema) {
    this.config = config;
    this.schema = schema;
  }

  @Override
  public void open(OpenContext ctx) {
    rule = new TrendAgreementRule(config, schema);
    pending = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("pending", Types.LONG, TypeInformation.of(FeatureRow.class)));
    latest = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("latest", Types.INT, TypeInformation.of(FeatureRow.class)));
    lastDirection = getRuntimeContext().getState(
        new ValueStateDescriptor<>("last-direction", TypeInformation.of(Direction.class)));
  }

  @Override
  public void processElement(FeatureRow row, Context ctx, Collector<Signal> out) throws Exception {
    if (!config.timeframes().contains(row.timeframe())) {
      return; // not a voting timeframe: not needed by this rule
    }
    pending.put(slotKey(ctx.timestamp(), row.timeframe()), row);
    ctx.timerService().registerEventTimeTimer(ctx.timestamp());
  }

  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<Signal> out) throws Exception {
    FeatureRow base = null;
    for (int ordinal = SLOTS - 1; ordinal >= 0; ordinal--) {
      long key = ts * SLOTS + ordinal;
      FeatureRow row = pending.get(key);
      if (row == null) {
        continue;
      }
      pending.remove(key);
      latest.put(ordinal, row);
      if (row.timeframe() == config.baseTimeframe()) {
        base = row;
      }
    }
    if (base == null) {
      return;
    }
    Map<Timeframe, FeatureRow> known = new EnumMap<>(Timeframe.class);
    for (Timeframe tf : config.timeframes()) {
      FeatureRow r = latest.get(tf.ordinal());
      if (r != null) {
        known.put(tf, r);
      }
    }
    Signal s = rule.evaluate(base.symbol(), base.availableAtMicros(), known);
    Direction previous = lastDirection.value();
    if (s.direction() != (previous == null ? Direction.FLAT : previous)) {
      lastDirection.update(s.direction());
      out.collect(s);
    }
  }

  private static long slotKey(long ts, Timeframe tf) {
    return ts * SLOTS + tf.ordinal();
  }
}
