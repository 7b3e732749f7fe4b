package io.quantflow.models.risk.limits;

import io.quantflow.domain.Checks;
import java.util.List;

/**
 * The outcome of a pre-trade check. Immutable.
 *
 * @param action accept the order in full, reject it, or resize it to {@code acceptedChangeUsd}
 * @param order the order checked
 * @param acceptedChangeUsd the signed USD change that may be sent: the order's change for ACCEPT, 0 for REJECT, and
 *     for RESIZE the largest change of the order's sign, smaller in size, that keeps every limit
 * @param breaches the limits the full order would leave breached: why it was rejected or resized, or for an
 *     accepted risk-reducing order the breaches still outstanding after it; empty for a clean ACCEPT
 * @param flatten true when the drawdown kill switch is on: only risk-reducing orders pass and the book should be
 *     cut
 */
public record LimitDecision(Action action, ProposedOrder order, double acceptedChangeUsd, List<LimitBreach> breaches,
    boolean flatten) {

  /** What to do with the order. */
  public enum Action {
    /** Send the order as proposed. */
    ACCEPT,
    /** Do not send it. */
    REJECT,
    /** Send a smaller order of {@code acceptedChangeUsd}. */
    RESIZE
  }

  /** Checks that the accepted change matches the action. */
  public LimitDecision {
    Checks.notNull(action, "action");
    Checks.notNull(order, "order");
    Checks.finite(acceptedChangeUsd, "acceptedChangeUsd");
    breaches = List.copyOf(Checks.notNull(breaches, "breaches"));
    double d = order.valueChangeUsd();
    switch (action) {
      case ACCEPT -> Checks.isTrue(acceptedChangeUsd == d, "An accepted order keeps its change %s, not %s", d,
          acceptedChangeUsd);
      case REJECT -> Checks.isTrue(acceptedChangeUsd == 0, "A rejected order has no accepted change, not %s",
          acceptedChangeUsd);
      case RESIZE -> Checks.isTrue(acceptedChangeUsd * d > 0 && Math.abs(acceptedChangeUsd) < Math.abs(d),
          "A resized order's change %s must have the sign of %s and be smaller", acceptedChangeUsd, d);
      default -> throw new IllegalStateException(action.name());
    }
  }
}
