package io.quantflow.models.signals;

import io.quantflow.domain.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * How a signal's mean rank IC falls as the forward-return horizon grows. Immutable and thread-safe.
 *
 * <p>The half-life is the horizon, in bars, at which the IC, linearly interpolated between the given horizons,
 * first falls to half of its value at the shortest horizon. It is NaN if the IC at the shortest horizon is not
 * positive or never halves within the horizons given.
 *
 * @param signal signal name
 * @param horizonsBars horizons in bars, ascending
 * @param meanIc mean cross-sectional rank IC at each horizon
 * @param halfLifeBars interpolated half-life in bars, or NaN
 */
public record DecayCurve(String signal, List<Integer> horizonsBars, List<Double> meanIc, double halfLifeBars) {

  /** Checks the fields and copies the lists. */
  public DecayCurve {
    Checks.notBlank(signal, "signal");
    horizonsBars = List.copyOf(Checks.notNull(horizonsBars, "horizonsBars"));
    meanIc = List.copyOf(Checks.notNull(meanIc, "meanIc"));
    Checks.isTrue(horizonsBars.size() == meanIc.size(),
        "Arguments 'horizonsBars' and 'meanIc' must have the same size but have %d and %d", horizonsBars.size(),
        meanIc.size());
  }

  /** The curve of {@code meanIc} at {@code horizonsBars} (ascending) with its half-life. */
  public static DecayCurve of(String signal, int[] horizonsBars, double[] meanIc) {
    Checks.notNull(horizonsBars, "horizonsBars");
    Checks.notNull(meanIc, "meanIc");
    Checks.isTrue(horizonsBars.length == meanIc.length && horizonsBars.length > 0,
        "Arguments 'horizonsBars' and 'meanIc' must have the same non-zero length but have %d and %d",
        horizonsBars.length, meanIc.length);
    List<Integer> h = new ArrayList<>();
    List<Double> ic = new ArrayList<>();
    for (int k = 0; k < horizonsBars.length; k++) {
      Checks.isTrue(k == 0 || horizonsBars[k] > horizonsBars[k - 1],
          "Argument 'horizonsBars' must be strictly ascending but has %d after %d", horizonsBars[k],
          k == 0 ? 0 : horizonsBars[k - 1]);
      h.add(horizonsBars[k]);
      ic.add(meanIc[k]);
    }
    return new DecayCurve(signal, h, ic, halfLife(horizonsBars, meanIc));
  }

  private static double halfLife(int[] h, double[] ic) {
    if (!(ic[0] > 0)) {
      return Double.NaN;
    }
    double half = ic[0] / 2;
    for (int k = 1; k < h.length; k++) {
      if (Double.isNaN(ic[k])) {
        return Double.NaN;
      }
      if (ic[k] <= half) {
        return h[k - 1] + (ic[k - 1] - half) / (ic[k - 1] - ic[k]) * (h[k] - h[k - 1]);
      }
    }
    return Double.NaN;
  }
}
