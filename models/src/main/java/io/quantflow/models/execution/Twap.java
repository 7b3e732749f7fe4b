package io.quantflow.models.execution;

import io.quantflow.domain.Checks;
import io.quantflow.domain.Order;
import io.quantflow.domain.Timeframe;
import java.util.Arrays;
import java.util.List;

/**
 * Time-weighted slicing: the parent's shares spread evenly over {@code horizonBars} bars of {@code timeframe},
 * starting with the first bar that starts at or after the parent's submission. Rounding: each slice gets
 * {@code floor(shares / horizonBars)} and the remainder goes one share each to the first slices, so 1000 shares
 * over 3 bars are 334, 333, 333. The horizon should end before the session close; the schedule does not consult
 * the calendar. This class is immutable and thread-safe.
 *
 * @param horizonBars number of bars, positive
 * @param timeframe bar length
 */
public record Twap(int horizonBars, Timeframe timeframe) implements ExecutionSchedule {
  /** Checks the parameters. */
  public Twap {
    Checks.positive(horizonBars, "horizonBars");
    Checks.notNull(timeframe, "timeframe");
  }

  @Override
  public List<Order> slice(Order parent) {
    Slices.checkParent(parent);
    double[] weights = new double[horizonBars];
    Arrays.fill(weights, 1.0);
    long[] sizes = Slices.allocate((long) Math.abs(parent.quantity()), weights);
    return Slices.children(parent, sizes, Slices.barStarts(parent, timeframe, horizonBars));
  }
}
