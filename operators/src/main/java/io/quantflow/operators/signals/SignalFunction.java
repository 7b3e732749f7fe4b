package io.quantflow.operators.signals;

import io.quantflow.domain.Direction;
import io.quantflow.domain.FeatureSchema;
import io.quantflow.domain.Signal;
import io.quantflow.domain.WideRow;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Evaluates the {@link AgreementRule} on each aligned row of a symbol and emits a signal when the symbol's direction
 * changes (the first non-FLAT direction included).
 */
public final class SignalFunction extends KeyedProcessFunction<String, WideRow, Signal> {
  private static final long serialVersionUID = 1L;

  private final SignalConfig config;
  private final FeatureSchema schema;
  private transient AgreementRule rule;
  private transient ValueState<Direction> lastDirection;

  /** Applies {@code config} to wide rows of {@code schema}. */
  public SignalFunction(SignalConfig config, FeatureSchema schema) {
    this.config = config;
    this.schema = schema;
  }

  @Override
  public void open(OpenContext ctx) {
    rule = new AgreementRule(config, schema);
    lastDirection = getRuntimeContext().getState(
        new ValueStateDescriptor<>("last-direction", TypeInformation.of(Direction.class)));
  }

  @Override
  public void processElement(WideRow row, Context ctx, Collector<Signal> out) throws Exception {
    // wide rows of a symbol arrive in time order: one upstream aligner per key, FIFO channels; sorted in BATCH
    Signal s = rule.evaluate(row);
    Direction previous = lastDirection.value();
    if (s.direction() != (previous == null ? Direction.FLAT : previous)) {
      lastDirection.update(s.direction());
      out.collect(s);
    }
  }
}
