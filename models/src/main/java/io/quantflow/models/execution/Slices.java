package io.quantflow.models.execution;

import io.quantflow.domain.Checks;
import io.quantflow.domain.Order;
import io.quantflow.domain.Timeframe;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Shared arithmetic of the schedules: bar starts of the horizon, whole-share allocation, child orders. */
final class Slices {
  private Slices() {}

  /** The starts of {@code bars} consecutive bars, the first being the first bar starting at or after submission. */
  static long[] barStarts(Order parent, Timeframe timeframe, int bars) {
    long dur = timeframe.durationMicros();
    long first = timeframe.startOf(parent.submittedAtMicros());
    if (first < parent.submittedAtMicros()) {
      first += dur;
    }
    long[] starts = new long[bars];
    for (int k = 0; k < bars; k++) {
      starts[k] = first + k * dur;
    }
    return starts;
  }

  static void checkParent(Order parent) {
    Checks.notNull(parent, "parent");
    Checks.isTrue(!parent.isChild(), "Order %s is already a child of %s", parent.clientOrderId(), parent.parentId());
    double q = parent.quantity();
    Checks.isTrue(q == Math.rint(q) && Math.abs(q) < 1L << 53,
        "Order %s must be for whole shares to be sliced but was for %s", parent.clientOrderId(), q);
  }

  /**
   * Splits {@code total} whole shares in proportion to {@code weights} by the largest-remainder rule: each slice
   * gets {@code floor(total * w / sum)}, and the shares left over go one each to the slices with the largest
   * fractional parts, ties to the earlier slice. Equal weights therefore put the extra shares first.
   */
  static long[] allocate(long total, double[] weights) {
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    long[] out = new long[weights.length];
    double[] frac = new double[weights.length];
    long given = 0;
    for (int k = 0; k < weights.length; k++) {
      double exact = total * (weights[k] / sum);
      out[k] = (long) Math.floor(exact);
      frac[k] = exact - out[k];
      given += out[k];
    }
    List<Integer> order = new ArrayList<>();
    for (int k = 0; k < weights.length; k++) {
      order.add(k);
    }
    // stable sort: equal fractions keep slice order
    order.sort((a, b) -> Double.compare(frac[b], frac[a]));
    for (int j = 0; given < total; j++) {
      out[order.get(j % order.size())]++;
      given++;
    }
    return out;
  }

  static List<Order> children(Order parent, long[] sizes, long[] starts) {
    List<Order> children = new ArrayList<>();
    for (int k = 0; k < sizes.length; k++) {
      if (sizes[k] == 0) {
        continue;
      }
      children.add(new Order(parent.clientOrderId() + "-" + (children.size() + 1), parent.symbol(),
          parent.side() * (double) sizes[k], parent.type(), parent.limitPrice(), parent.stopPrice(),
          parent.timeInForce(), parent.decisionMicros(), starts[k], parent.clientOrderId()));
    }
    return Collections.unmodifiableList(children);
  }
}
