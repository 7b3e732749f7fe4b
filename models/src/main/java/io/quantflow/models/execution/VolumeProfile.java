package io.quantflow.models.execution;

import io.quantflow.domain.BarView;
import io.quantflow.domain.Checks;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The expected share of a day's volume traded in each time-of-day bucket, learned from history: for every local
 * day, each bucket's volume divided by the day's volume, then the mean of those daily shares over the days (so
 * every day counts equally, whatever its volume). The shares sum to 1. Buckets are aligned to local midnight of
 * {@code zone} (for {@code America/New_York} and 30 minutes, 09:30-10:00 is one bucket) and a bar counts in the
 * bucket its start falls in. This class is immutable and thread-safe.
 */
public final class VolumeProfile implements Serializable {
  private static final long SECONDS_PER_DAY = 86_400;

  private final ZoneId zone;
  private final Duration bucket;
  private final double[] shares;
  private final int days;

  private VolumeProfile(ZoneId zone, Duration bucket, double[] shares, int days) {
    this.zone = zone;
    this.bucket = bucket;
    this.shares = shares;
    this.days = days;
  }

  /**
   * Learns the profile of one symbol's bars.
   *
   * @param history bars of one symbol, any order; days without volume are skipped
   * @param zone time zone whose local clock defines the buckets, e.g. {@code America/New_York}
   * @param bucket bucket length, whole seconds that divide a day, e.g. 30 minutes
   * @throws IllegalArgumentException when the bars mix symbols or no day has volume
   */
  public static VolumeProfile learn(List<? extends BarView> history, ZoneId zone, Duration bucket) {
    Checks.notNull(history, "history");
    Checks.notNull(zone, "zone");
    Checks.notNull(bucket, "bucket");
    long seconds = bucket.getSeconds();
    Checks.isTrue(bucket.getNano() == 0 && seconds > 0 && SECONDS_PER_DAY % seconds == 0,
        "Argument 'bucket' must be whole seconds that divide a day but was %s", bucket);
    int n = (int) (SECONDS_PER_DAY / seconds);
    Map<LocalDate, double[]> byDay = new TreeMap<>();
    String symbol = null;
    for (BarView bar : history) {
      if (symbol == null) {
        symbol = bar.symbol();
      }
      Checks.isTrue(symbol.equals(bar.symbol()),
          "A volume profile is learned from one symbol but the history has %s and %s", symbol, bar.symbol());
      ZonedDateTime local = local(bar.timestampMicros(), zone);
      double[] day = byDay.computeIfAbsent(local.toLocalDate(), d -> new double[n]);
      day[(int) (local.toLocalTime().toSecondOfDay() / seconds)] += bar.volume();
    }
    double[] mean = new double[n];
    int used = 0;
    for (double[] day : byDay.values()) {
      double total = Arrays.stream(day).sum();
      if (total > 0) {
        used++;
        for (int b = 0; b < n; b++) {
          mean[b] += day[b] / total;
        }
      }
    }
    Checks.isTrue(used > 0, "Argument 'history' has no day with volume");
    for (int b = 0; b < n; b++) {
      mean[b] /= used;
    }
    return new VolumeProfile(zone, bucket, mean, used);
  }

  /**
   * A profile from mean shares already computed (for example running sums kept by a simulator over the days seen
   * so far, so a VWAP schedule never uses future volume).
   *
   * @param meanShares mean share of daily volume per bucket of the local day, {@code 86400 / bucket} entries
   * @param days the number of days behind the means, positive
   */
  public static VolumeProfile of(ZoneId zone, Duration bucket, double[] meanShares, int days) {
    Checks.notNull(zone, "zone");
    Checks.notNull(bucket, "bucket");
    Checks.notNull(meanShares, "meanShares");
    Checks.isTrue(bucket.getNano() == 0 && bucket.getSeconds() > 0 && SECONDS_PER_DAY % bucket.getSeconds() == 0
        && meanShares.length == SECONDS_PER_DAY / bucket.getSeconds(),
        "Argument 'meanShares' must have one entry per %s bucket of a day but has %d", bucket, meanShares.length);
    Checks.positive(days, "days");
    return new VolumeProfile(zone, bucket, meanShares.clone(), days);
  }

  /** The mean share of daily volume, in [0, 1], of the bucket that contains {@code tsMicros} (UTC epoch micros). */
  public double share(long tsMicros) {
    return shares[(int) (local(tsMicros, zone).toLocalTime().toSecondOfDay() / bucket.getSeconds())];
  }

  /** The time zone of the buckets. */
  public ZoneId zone() {
    return zone;
  }

  /** The bucket length. */
  public Duration bucket() {
    return bucket;
  }

  /** The number of days with volume the profile was learned from. */
  public int days() {
    return days;
  }

  private static ZonedDateTime local(long tsMicros, ZoneId zone) {
    return Instant.ofEpochSecond(Math.floorDiv(tsMicros, 1_000_000L)).atZone(zone);
  }

  @Override
  public String toString() {
    return "VolumeProfile[zone=" + zone + ", bucket=" + bucket + ", days=" + days + "]";
  }
}
