package io.quantflow.operators.execution;

import io.quantflow.domain.RoutedOrder;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The pre-trade gate of the live order path: each new order is accepted or refused with a reason (cancels always
 * pass), against
 * {@link PreTradeLimits}. Positions are the ones the accepted orders would produce if they filled completely (an
 * upper bound of exposure: cancellations and partial fills only lower it), so the gate never needs the broker.
 * Orders are offered in submission order; the rate window runs on their submission times (event time), so a
 * replay decides exactly as the original run. Not thread-safe; {@link #state()} is what a Flink function
 * checkpoints.
 */
public final class PreTradeChecks {
  private static final long MINUTE_MICROS = 60_000_000L;

  private final PreTradeLimits limits;
  private final State state;

  /** What the gate remembers: expected shares per symbol and the recent accepted submission times. A POJO. */
  public static final class State implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** Expected signed shares per symbol if every accepted order fills. */
    public HashMap<String, Double> shares = new HashMap<>();
    /** Submission times of accepted orders in the last minute, UTC epoch micros, oldest first. */
    public ArrayDeque<Long> recent = new ArrayDeque<>();
  }

  /** A gate with fresh state. */
  public PreTradeChecks(PreTradeLimits limits) {
    this(limits, new State());
  }

  /** A gate continuing from {@code state}. */
  public PreTradeChecks(PreTradeLimits limits, State state) {
    this.limits = java.util.Objects.requireNonNull(limits, "limits");
    this.state = java.util.Objects.requireNonNull(state, "state");
  }

  /** The state to checkpoint. */
  public State state() {
    return state;
  }

  /** Expected signed shares of {@code symbol} if every accepted order fills. */
  public double expectedShares(String symbol) {
    return state.shares.getOrDefault(symbol, 0.0);
  }

  /**
   * Checks {@code routed}: empty when accepted (and then counted), otherwise the reason, which names the limit, the
   * value and the setting to change.
   */
  public Optional<String> check(RoutedOrder routed) {
    var o = routed.order();
    if (!routed.isSubmit()) { // a cancel only lowers exposure: always passes, and the open part no longer counts
      state.shares.put(o.symbol(), expectedShares(o.symbol()) - o.quantity());
      return Optional.empty();
    }
    double notional = routed.notional();
    if (limits.maxOrderNotional() > 0 && notional > limits.maxOrderNotional()) {
      return Optional.of(String.format(java.util.Locale.ROOT, "order notional %.2f USD exceeds the limit of %.2f USD "
          + "(risk.maxOrderNotional)", notional, limits.maxOrderNotional()));
    }
    double before = expectedShares(o.symbol());
    double after = before + o.quantity();
    double px = routed.referencePrice();
    boolean reduces = Math.abs(after) <= Math.abs(before) && Math.signum(after) * Math.signum(before) >= 0;
    if (limits.maxPositionNotional() > 0 && !reduces && Math.abs(after) * px > limits.maxPositionNotional()) {
      return Optional.of(String.format(java.util.Locale.ROOT, "position after the order would be %.2f USD "
          + "(%.0f shares at %.4f), over the limit of %.2f USD (risk.maxPositionNotional)", Math.abs(after) * px,
          after, px, limits.maxPositionNotional()));
    }
    long t = o.submittedAtMicros();
    while (!state.recent.isEmpty() && state.recent.peekFirst() <= t - MINUTE_MICROS) {
      state.recent.pollFirst();
    }
    if (limits.maxOrdersPerMinute() > 0 && state.recent.size() >= limits.maxOrdersPerMinute()) {
      return Optional.of("more than " + limits.maxOrdersPerMinute() + " orders within 60 s "
          + "(risk.maxOrdersPerMinute)");
    }
    state.recent.addLast(t);
    state.shares.put(o.symbol(), after);
    return Optional.empty();
  }

  /** Clears the expected position of {@code symbol} to the broker's {@code shares} (after a reconciliation). */
  public void reconcile(String symbol, double shares) {
    state.shares.put(symbol, shares);
  }

  /** Expected shares of every symbol with an accepted order. */
  public Map<String, Double> expectedPositions() {
    return Map.copyOf(state.shares);
  }
}
