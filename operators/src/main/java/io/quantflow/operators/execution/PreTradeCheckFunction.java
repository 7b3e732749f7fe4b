package io.quantflow.operators.execution;

import io.quantflow.domain.RejectedEvent;
import io.quantflow.domain.RoutedOrder;
import io.quantflow.operators.pipeline.Rejections;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@link PreTradeChecks} in a job: orders that pass go on to the broker, refused ones go to {@link Rejections#TAG}
 * with stage {@code pre-trade} and the reason. Run it on one key (the whole account), after the portfolio.
 */
public final class PreTradeCheckFunction extends KeyedProcessFunction<String, RoutedOrder, RoutedOrder> {
  private static final long serialVersionUID = 1L;

  private final PreTradeLimits limits;
  private transient ValueState<PreTradeChecks.State> state;

  /** The gate of {@code limits}. */
  public PreTradeCheckFunction(PreTradeLimits limits) {
    this.limits = java.util.Objects.requireNonNull(limits, "limits");
  }

  @Override
  public void open(OpenContext ctx) {
    state = getRuntimeContext().getState(new ValueStateDescriptor<>("pre-trade",
        TypeInformation.of(PreTradeChecks.State.class)));
  }

  @Override
  public void processElement(RoutedOrder order, Context ctx, Collector<RoutedOrder> out) throws Exception {
    PreTradeChecks.State s = state.value();
    PreTradeChecks gate = s == null ? new PreTradeChecks(limits) : new PreTradeChecks(limits, s);
    var refusal = gate.check(order);
    state.update(gate.state());
    if (refusal.isEmpty()) {
      out.collect(order);
    } else {
      ctx.output(Rejections.TAG, new RejectedEvent("pre-trade", order.order().symbol(),
          order.order().submittedAtMicros(), refusal.get(), order.order().clientOrderId()));
    }
  }
}
