package io.quantflow.connectors.stress;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Checks;
import io.quantflow.domain.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A named historical window of trading dates, both ends inclusive, e.g. {@code gfc-2008} from 2008-09-01 to
 * 2009-03-31. A bar belongs to the trading date of its start in America/New_York, except a daily bar, which the store
 * labels by midnight UTC of its trading date (see {@link Timeframe#D1}): its date is that UTC date. Immutable and
 * thread-safe.
 *
 * @param name the period's name, restricted like a scenario name ({@link StressScenario#checkName})
 * @param start the first trading date, inclusive
 * @param end the last trading date, inclusive, not before {@code start}
 */
public record HistoricalPeriod(String name, LocalDate start, LocalDate end) {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  /** Checks the arguments. */
  public HistoricalPeriod {
    StressScenario.checkName(name, "name");
    Checks.notNull(start, "start");
    Checks.notNull(end, "end");
    Checks.isTrue(!end.isBefore(start), "Period '%s' ends (%s) before it starts (%s)", name, end, start);
  }

  /** The trading date of {@code bar}, as described in the class comment. */
  public static LocalDate tradingDate(Bar bar) {
    Instant t = Instant.ofEpochSecond(Math.floorDiv(bar.timestampMicros(), 1_000_000L));
    return LocalDate.ofInstant(t, bar.timeframe() == Timeframe.D1 ? ZoneOffset.UTC : NEW_YORK);
  }

  /** Whether {@code bar} falls in the period. */
  public boolean contains(Bar bar) {
    LocalDate d = tradingDate(bar);
    return !d.isBefore(start) && !d.isAfter(end);
  }

  /**
   * Copies the {@code timeframe} bars of {@code source} that fall in the period into {@code target}.
   *
   * @return the number of bars copied
   */
  public long copy(BarStore source, Timeframe timeframe, BarStore target) {
    Checks.notNull(source, "source");
    Checks.notNull(timeframe, "timeframe");
    Checks.notNull(target, "target");
    Checks.isTrue(!source.root().equals(target.root()), "Argument 'target' must be another store than the source %s",
        source.root());
    List<Bar> in = source.read(timeframe).stream().filter(this::contains).toList();
    target.write(in);
    return in.size();
  }
}
