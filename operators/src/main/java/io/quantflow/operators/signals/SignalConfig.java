package io.quantflow.operators.signals;

import io.quantflow.domain.Checks;
import io.quantflow.domain.Timeframe;
import java.io.Serializable;
import java.util.List;

/**
 * Settings of the agreement signal: a trade only when the timeframes agree, each timeframe deciding by a quorum of
 * methods.
 *
 * @param baseTimeframe the timeframe whose bars trigger evaluation, e.g. 1m
 * @param timeframes every timeframe that votes, including the base, e.g. 1m, 5m, 15m; all must agree
 * @param methods how features vote on each timeframe, e.g. close above {@code ema_20}
 * @param methodQuorum how many methods must vote the same way for a timeframe to vote, 1..methods
 * @param volFeature the per-bar volatility feature that scales distances into confidences, e.g. {@code rvol_20_cc}
 * @param allowShort whether all-down agreement gives SHORT (otherwise FLAT)
 */
public record SignalConfig(Timeframe baseTimeframe, List<Timeframe> timeframes, List<VoteMethod> methods,
    int methodQuorum, String volFeature, boolean allowShort) implements Serializable {

  /** 1m, 5m and 15m closes above (below) their EMA 20; long only. */
  public static final SignalConfig DEFAULT = new SignalConfig(Timeframe.M1,
      List.of(Timeframe.M1, Timeframe.M5, Timeframe.M15), List.of(VoteMethod.above("ema_20")), 1, "rvol_20_cc", false);

  /** Checks that the base timeframe votes, every timeframe is a multiple of it and the quorum is reachable. */
  public SignalConfig {
    Checks.notNull(baseTimeframe, "baseTimeframe");
    timeframes = List.copyOf(Checks.notNull(timeframes, "timeframes"));
    Checks.isTrue(timeframes.contains(baseTimeframe), "timeframes %s must include the base timeframe %s",
        timeframes, baseTimeframe);
    for (Timeframe tf : timeframes) {
      Checks.isTrue(tf.isMultipleOf(baseTimeframe), "Timeframe %s is not a multiple of the base timeframe %s",
          tf, baseTimeframe);
    }
    methods = List.copyOf(Checks.notNull(methods, "methods"));
    Checks.isTrue(!methods.isEmpty(), "Argument 'methods' must name at least one voting method");
    Checks.isTrue(methodQuorum >= 1 && methodQuorum <= methods.size(),
        "Argument 'methodQuorum' must be between 1 and the number of methods (%d) but was %d", methods.size(),
        methodQuorum);
    Checks.notBlank(volFeature, "volFeature");
  }

  /** The coarsest voting timeframe: a signal is expected to hold for one of its bars. */
  public Timeframe coarsest() {
    return timeframes.stream().max(Enum::compareTo).orElseThrow();
  }
}
