package io.quantflow.models.execution;

import io.quantflow.domain.Checks;
import io.quantflow.domain.Order;
import io.quantflow.domain.Timeframe;
import java.util.List;

/**
 * Volume-weighted slicing: over {@code horizonBars} bars of {@code timeframe} (starting with the first bar that
 * starts at or after the parent's submission), each bar gets a share of the parent in proportion to the
 * {@link VolumeProfile} share of the time-of-day bucket it starts in. Rounding: largest remainder, each slice gets
 * the floor of its exact share and the shares left over go to the largest fractional parts, ties to the earlier
 * slice (with a flat profile this is exactly {@link Twap}). This class is immutable and thread-safe.
 *
 * @param horizonBars number of bars, positive
 * @param timeframe bar length, not longer than the profile's bucket for the profile to tell bars apart
 * @param profile expected intraday volume profile
 */
public record Vwap(int horizonBars, Timeframe timeframe, VolumeProfile profile) implements ExecutionSchedule {
  /** Checks the parameters. */
  public Vwap {
    Checks.positive(horizonBars, "horizonBars");
    Checks.notNull(timeframe, "timeframe");
    Checks.notNull(profile, "profile");
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when the profile expects no volume in any bar of the horizon
   */
  @Override
  public List<Order> slice(Order parent) {
    Slices.checkParent(parent);
    long[] starts = Slices.barStarts(parent, timeframe, horizonBars);
    double[] weights = new double[horizonBars];
    double sum = 0;
    for (int k = 0; k < horizonBars; k++) {
      weights[k] = profile.share(starts[k]);
      sum += weights[k];
    }
    Checks.isTrue(sum > 0, "The volume profile expects no volume in the %d bars of %s from %d for order %s",
        horizonBars, timeframe, starts[0], parent.clientOrderId());
    long[] sizes = Slices.allocate((long) Math.abs(parent.quantity()), weights);
    return Slices.children(parent, sizes, starts);
  }
}
