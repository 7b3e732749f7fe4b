package io.quantflow.operators.indicators;

import io.quantflow.domain.BarView;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Session VWAP ({@code vwap_session}, USD per share) and the close's distance from it ({@code vwap_dist_session},
 * {@code close / vwap - 1}, a simple return). The VWAP is {@code sum(p * volume) / sum(volume)} over the bars of the
 * current session, where {@code p} is the bar's own VWAP when the source gave one, else the typical price
 * {@code (high + low + close) / 3}. A session is one New York calendar date (America/New_York, so 00:00 local is the
 * boundary, whatever the UTC offset) of the bar's start; the sums reset at the first bar of a new date. While the
 * session has traded no volume, the VWAP is the latest bar's {@code p}. Warm from the first bar.
 */
public final class SessionVwap implements BarIndicator {
  /** The time zone whose calendar dates delimit sessions. */
  public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static final List<String> NAMES = List.of("vwap_session", "vwap_dist_session");

  private double sessionStartMicros = Double.NaN;
  private double sessionEndMicros = Double.NaN;
  private double sumPv;
  private double sumVolume;

  @Override
  public List<String> names() {
    return NAMES;
  }

  @Override
  public void update(BarView bar, double[] out, int offset) {
    long ts = bar.timestampMicros();
    if (!(ts >= sessionStartMicros && ts < sessionEndMicros)) {
      LocalDate date = Instant.ofEpochSecond(Math.floorDiv(ts, 1_000_000L)).atZone(NEW_YORK).toLocalDate();
      sessionStartMicros = date.atStartOfDay(NEW_YORK).toEpochSecond() * 1_000_000.0;
      sessionEndMicros = date.plusDays(1).atStartOfDay(NEW_YORK).toEpochSecond() * 1_000_000.0;
      sumPv = 0;
      sumVolume = 0;
    }
    double p = bar.hasVwap() ? bar.vwap() : (bar.high() + bar.low() + bar.close()) / 3;
    sumPv += p * bar.volume();
    sumVolume += bar.volume();
    double vwap = sumVolume > 0 ? sumPv / sumVolume : p;
    out[offset] = vwap;
    out[offset + 1] = bar.close() / vwap - 1;
  }

  @Override
  public int warmUp() {
    return 1;
  }

  @Override
  public int stateSize() {
    return 4;
  }

  @Override
  public void save(double[] buf, int offset) {
    buf[offset] = sessionStartMicros;
    buf[offset + 1] = sessionEndMicros;
    buf[offset + 2] = sumPv;
    buf[offset + 3] = sumVolume;
  }

  @Override
  public void load(double[] buf, int offset) {
    sessionStartMicros = buf[offset];
    sessionEndMicros = buf[offset + 1];
    sumPv = buf[offset + 2];
    sumVolume = buf[offset + 3];
  }
}
