package io.quantflow.operators.risk;

import io.quantflow.operators.portfolio.BookSnapshot;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RiskMonitor} in Flink: the portfolio's book snapshots in (one key, the portfolio), a {@link RiskReport} per
 * valuation out, and breaches to {@link #ALERTS}, each also logged at WARN. The same in a backtest and the live
 * job; the monitor's windows live in keyed state, so a restored job continues them.
 */
public final class RiskMonitorFunction extends KeyedProcessFunction<String, BookSnapshot, RiskReport> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RiskMonitorFunction.class);

  /** Limit and VaR breaches. */
  public static final OutputTag<RiskAlert> ALERTS = new OutputTag<>("risk-alerts", TypeInformation.of(RiskAlert.class));

  private final RiskConfig config;
  private final io.quantflow.models.risk.limits.RiskLimits limits;
  private final java.util.Map<String, String> sectors;
  private transient RiskMonitor monitor;
  private transient ValueState<RiskMonitor.State> state;

  /** A monitor under {@code limits} with the sector map {@code sectors}. */
  public RiskMonitorFunction(RiskConfig config, io.quantflow.models.risk.limits.RiskLimits limits,
      java.util.Map<String, String> sectors) {
    this.config = config;
    this.limits = limits;
    this.sectors = java.util.Map.copyOf(sectors);
  }

  @Override
  public void open(OpenContext ctx) {
    monitor = new RiskMonitor(config, limits, sectors);
    state = getRuntimeContext().getState(new ValueStateDescriptor<>("risk",
        TypeInformation.of(RiskMonitor.State.class)));
  }

  @Override
  public void processElement(BookSnapshot book, Context ctx, Collector<RiskReport> out) throws Exception {
    RiskMonitor.State s = state.value();
    if (s == null) {
      s = new RiskMonitor.State();
    }
    RiskMonitor.Output o = monitor.apply(s, book);
    for (RiskAlert a : o.alerts()) {
      LOG.warn("Risk: {}", a.message());
      ctx.output(ALERTS, a);
    }
    out.collect(o.report());
    state.update(s);
  }
}
