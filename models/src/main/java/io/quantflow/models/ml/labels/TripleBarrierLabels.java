package io.quantflow.models.ml.labels;

import io.quantflow.domain.Checks;
import io.quantflow.models.ml.labels.BarrierLabel.Barrier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Triple-barrier labels (López de Prado, AFML ch. 3.4). A position opened at the close of bar {@code i} is closed at
 * the first of: a profit-take barrier at return {@code +ptMultiple * w_i}, a stop-loss barrier at return
 * {@code -slMultiple * w_i} (returns as seen from the position's side), or the vertical barrier at the close of bar
 * {@code i + h}. The barrier width is {@code w_i = vol[i]} ({@link VolScaling#PER_BAR}, the default: {@code vol} is
 * taken to be already on the scale of the horizon) or {@code w_i = vol[i] * sqrt(h)}
 * ({@link VolScaling#SQRT_HORIZON}: {@code vol} is a per-bar volatility of returns).
 *
 * <p>Only bars {@code i + 1 .. i + h} are examined; a barrier counts as touched when the return reaches it
 * (inclusive). With high and low prices, a long's profit is tested on the high and its stop on the low (the
 * reverse for a short), the realised return is then the barrier's return (the bars carry no open, so a gap through
 * a barrier is not modelled), and if both barriers are touched in the same bar the stop is assumed first
 * (conservative: the order inside a bar is unknown). Without high and low, barriers are tested on closes and the
 * realised return is that of the close that crossed. A multiple of 0 disables its barrier.
 *
 * <p>Bars get no label when {@code vol[i]} is NaN or 0 (not warm, or no barrier width) or when bar {@code i + h}
 * lies beyond the data (the horizon is never shortened). Immutable and thread-safe.
 */
public final class TripleBarrierLabels {
  /** How {@code vol[i]} becomes the barrier width. */
  public enum VolScaling {
    /** Width {@code vol[i]}: the volatility is already that of an {@code h}-bar return. */
    PER_BAR,
    /** Width {@code vol[i] * sqrt(h)}: the volatility is that of a one-bar return. */
    SQRT_HORIZON
  }

  /** The label of an outcome at the vertical barrier. */
  public enum VerticalLabel {
    /** Label 0: neither horizontal barrier was reached. */
    ZERO,
    /** The sign of the realised return at the vertical barrier (0 for a zero return). */
    SIGN
  }

  private final int horizonBars;
  private final double ptMultiple;
  private final double slMultiple;
  private final VolScaling volScaling;
  private final VerticalLabel verticalLabel;

  private TripleBarrierLabels(int horizonBars, double ptMultiple, double slMultiple, VolScaling volScaling,
      VerticalLabel verticalLabel) {
    this.horizonBars = horizonBars;
    this.ptMultiple = ptMultiple;
    this.slMultiple = slMultiple;
    this.volScaling = volScaling;
    this.verticalLabel = verticalLabel;
  }

  /**
   * Barriers with {@link VolScaling#PER_BAR} widths and {@link VerticalLabel#ZERO} at the vertical barrier.
   *
   * @param horizonBars vertical barrier {@code h} in bars, positive
   * @param ptMultiple profit-take width in units of {@code vol}, finite and not negative (0 disables it)
   * @param slMultiple stop-loss width in units of {@code vol}, finite and not negative (0 disables it)
   */
  public static TripleBarrierLabels of(int horizonBars, double ptMultiple, double slMultiple) {
    Checks.positive(horizonBars, "horizonBars");
    Checks.notNegative(ptMultiple, "ptMultiple");
    Checks.notNegative(slMultiple, "slMultiple");
    return new TripleBarrierLabels(horizonBars, ptMultiple, slMultiple, VolScaling.PER_BAR, VerticalLabel.ZERO);
  }

  /** A copy with the given volatility scaling. */
  public TripleBarrierLabels withVolScaling(VolScaling scaling) {
    Checks.notNull(scaling, "scaling");
    return new TripleBarrierLabels(horizonBars, ptMultiple, slMultiple, scaling, verticalLabel);
  }

  /** A copy with the given label at the vertical barrier. */
  public TripleBarrierLabels withVerticalLabel(VerticalLabel label) {
    Checks.notNull(label, "label");
    return new TripleBarrierLabels(horizonBars, ptMultiple, slMultiple, volScaling, label);
  }

  /** The vertical barrier in bars. */
  public int horizonBars() {
    return horizonBars;
  }

  /**
   * Labels a long position on every bar; see {@link #label(long[], double[], double[], double[], double[], int[])}.
   */
  public List<BarrierLabel> label(long[] availableAtMicros, double[] close, double[] high, double[] low,
      double[] vol) {
    Checks.notNull(close, "close");
    int[] side = new int[close.length];
    Arrays.fill(side, 1);
    return label(availableAtMicros, close, high, low, vol, side);
  }

  /**
   * Labels a position of the given side on every bar with a non-zero side.
   *
   * @param availableAtMicros bar close times, UTC epoch microseconds, strictly ascending
   * @param close close prices, finite and positive
   * @param high high prices, or null to test barriers on closes only (then {@code low} must be null too)
   * @param low low prices, or null
   * @param vol volatility of returns per bar, decimal; NaN when not warm
   * @param side position per bar: +1 long, -1 short, 0 none (no label)
   * @return one label per labelled bar, in bar order
   */
  public List<BarrierLabel> label(long[] availableAtMicros, double[] close, double[] high, double[] low,
      double[] vol, int[] side) {
    int n = BarInputs.check(availableAtMicros, close);
    Checks.isTrue((high == null) == (low == null), "Arguments 'high' and 'low' must both be given or both be null");
    boolean intrabar = high != null;
    if (intrabar) {
      BarInputs.sameLength(high, n, "high");
      BarInputs.sameLength(low, n, "low");
      BarInputs.prices(high, "high");
      BarInputs.prices(low, "low");
    }
    Checks.notNull(vol, "vol");
    BarInputs.sameLength(vol, n, "vol");
    Checks.notNull(side, "side");
    Checks.isTrue(side.length == n, "Argument 'side' must have the length of 'close' (%d) but has %d", n,
        side.length);
    double scale = volScaling == VolScaling.SQRT_HORIZON ? Math.sqrt(horizonBars) : 1;
    for (int i = 0; i < n; i++) {
      Checks.isTrue(side[i] >= -1 && side[i] <= 1, "Argument 'side' must hold -1, 0 or +1 but has %d at index %d",
          side[i], i);
      Checks.isTrue(Double.isNaN(vol[i]) || (vol[i] >= 0 && vol[i] < Double.POSITIVE_INFINITY),
          "Argument 'vol' must hold NaN or finite values >= 0 but has %s at index %d", vol[i], i);
    }
    List<BarrierLabel> labels = new ArrayList<>();
    for (int i = 0; i + horizonBars < n; i++) {
      int s = side[i];
      double v = vol[i];
      if (s == 0 || !(v > 0)) {
        continue;
      }
      labels.add(labelOne(i, s, v * scale, availableAtMicros, close, intrabar ? high : close, intrabar ? low : close,
          intrabar));
    }
    return labels;
  }

  private BarrierLabel labelOne(int i, int s, double width, long[] at, double[] close, double[] high, double[] low,
      boolean intrabar) {
    double entry = close[i];
    double pt = ptMultiple * width;
    double sl = slMultiple * width;
    for (int j = i + 1; j <= i + horizonBars; j++) {
      double favourable = s * ((s > 0 ? high[j] : low[j]) / entry - 1);
      double adverse = s * ((s > 0 ? low[j] : high[j]) / entry - 1);
      // Stop first: when both are touched inside one bar their order is unknown, so assume the worse.
      if (slMultiple > 0 && adverse <= -sl) {
        double ret = intrabar ? -sl : adverse;
        return new BarrierLabel(i, at[i], at[j], s, ret, -1, Barrier.STOP_LOSS);
      }
      if (ptMultiple > 0 && favourable >= pt) {
        double ret = intrabar ? pt : favourable;
        return new BarrierLabel(i, at[i], at[j], s, ret, 1, Barrier.PROFIT_TAKE);
      }
    }
    int j = i + horizonBars;
    double ret = s * (close[j] / entry - 1);
    int label = verticalLabel == VerticalLabel.ZERO ? 0 : (int) Math.signum(ret);
    return new BarrierLabel(i, at[i], at[j], s, ret, label, Barrier.VERTICAL);
  }
}
