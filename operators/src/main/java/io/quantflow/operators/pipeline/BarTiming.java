package io.quantflow.operators.pipeline;

import io.quantflow.domain.Checks;
import io.quantflow.domain.Timeframe;
import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Event-time settings of the pipeline: how far out of order input may arrive, when a quiet source stops holding the
 * watermark back, how long after its close a bar may still be revised, and which session ticks count in.
 *
 * <ul>
 *   <li>{@code outOfOrderness}: the watermark trails the latest event time by this much (bounded out-of-orderness);
 *       input later than that is late.</li>
 *   <li>{@code idleness}: a source split without events for this long is marked idle, so a quiet symbol never
 *       stalls the others.</li>
 *   <li>{@code allowedLateness}: a tick received up to this long after its bar closed still changes the bar (a
 *       revision, as Alpaca's {@code updatedBars}); {@code latenessByTimeframe} overrides it per timeframe label.
 *       Later ticks go to the rejected output with the reason.</li>
 *   <li>{@code extendedHours}: bars from ticks count pre-market and after-hours trading too (default: the regular
 *       session only); {@code carryLastPrice}: empty in-session intervals produce a flat zero-volume bar.</li>
 * </ul>
 *
 * @param outOfOrderness bounded out-of-orderness of the watermark
 * @param idleness source idleness timeout
 * @param allowedLateness default allowed lateness of every timeframe
 * @param latenessByTimeframe allowed lateness per timeframe label, e.g. {@code 1s: PT5S}
 * @param extendedHours count extended-hours ticks
 * @param carryLastPrice carry the last price through empty intervals
 */
public record BarTiming(Duration outOfOrderness, Duration idleness, Duration allowedLateness,
    Map<String, Duration> latenessByTimeframe, boolean extendedHours, boolean carryLastPrice) implements Serializable {

  /** 2 s out-of-orderness, 5 s idleness, 30 s allowed lateness, regular session, no carried bars. */
  public static final BarTiming DEFAULT = new BarTiming(Duration.ofSeconds(2), Duration.ofSeconds(5),
      Duration.ofSeconds(30), Map.of(), false, false);

  /** Checks the durations are not negative and the timeframe labels parse. */
  public BarTiming {
    Checks.isTrue(outOfOrderness != null && !outOfOrderness.isNegative(),
        "Setting 'outOfOrderness' must be a non-negative duration but was %s", outOfOrderness);
    Checks.isTrue(idleness != null && !idleness.isNegative() && !idleness.isZero(),
        "Setting 'idleness' must be a positive duration but was %s", idleness);
    Checks.isTrue(allowedLateness != null && !allowedLateness.isNegative(),
        "Setting 'allowedLateness' must be a non-negative duration but was %s", allowedLateness);
    Map<String, Duration> copy = new LinkedHashMap<>();
    if (latenessByTimeframe != null) {
      latenessByTimeframe.forEach((tf, d) -> {
        Checks.isTrue(d != null && !d.isNegative(), "Allowed lateness of %s must be a non-negative duration but was "
            + "%s", tf, d);
        copy.put(Timeframe.parse(tf).label(), d);
      });
    }
    latenessByTimeframe = Map.copyOf(copy);
  }

  /** The allowed lateness of {@code tf}, microseconds. */
  public long latenessMicros(Timeframe tf) {
    return latenessByTimeframe.getOrDefault(tf.label(), allowedLateness).toNanos() / 1000;
  }

  /** The allowed lateness of each of {@code tfs}, microseconds. */
  public List<Long> latenessMicros(List<Timeframe> tfs) {
    return tfs.stream().map(this::latenessMicros).toList();
  }

  /**
   * How long the STREAMING operators keep rows revisable, microseconds: out-of-orderness plus the largest allowed
   * lateness of {@code tfs} plus the finest timeframe (a margin for the bar being revised).
   */
  public long revisionHorizonMicros(List<Timeframe> tfs) {
    long lateness = tfs.stream().mapToLong(this::latenessMicros).max().orElse(0);
    long finest = tfs.stream().mapToLong(Timeframe::durationMicros).min().orElse(0);
    return outOfOrderness.toNanos() / 1000 + lateness + finest;
  }
}
