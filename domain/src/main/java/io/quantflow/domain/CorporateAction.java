package io.quantflow.domain;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A split or a cash dividend of one symbol, effective on its ex-date: the first session whose prices trade without
 * the dividend, or in new shares. Store bars are raw (not adjusted), so a raw price series jumps on a split's ex-date
 * by about {@code 1 / splitRatio} and drops by about the dividend on a dividend's ex-date.
 *
 * <p>A split carries {@code splitRatio} = new shares per old share (AlphaVantage's {@code split_coefficient}:
 * {@code 2.0} for a 2-for-1 split, {@code 0.05} for a 1-for-20 reverse split) and {@code cashPerShare} 0. A dividend
 * carries {@code cashPerShare} in USD per share held before the ex-date and {@code splitRatio} 1. A vendor row with
 * both becomes two actions.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param symbol ticker, e.g. {@code AIG}
 * @param exDate ex-date, a trading date in America/New_York
 * @param kind split or dividend
 * @param splitRatio new shares per old share: positive and not 1 for a split, exactly 1 for a dividend
 * @param cashPerShare USD per share: positive for a dividend, exactly 0 for a split
 */
public record CorporateAction(String symbol, LocalDate exDate, Kind kind, double splitRatio, double cashPerShare)
    implements java.io.Serializable {

  /** What kind of action. */
  public enum Kind {
    /** A forward or reverse split. */
    SPLIT,
    /** A cash dividend. */
    DIVIDEND
  }

  /** Checks the fields and the rules of each kind. */
  public CorporateAction {
    Checks.notBlank(symbol, "symbol");
    Checks.notNull(exDate, "exDate");
    Checks.notNull(kind, "kind");
    if (kind == Kind.SPLIT) {
      Checks.positive(splitRatio, "splitRatio");
      Checks.isTrue(splitRatio != 1.0, "Argument 'splitRatio' of a split of %s on %s must not be 1 but was %s",
          symbol, exDate, splitRatio);
      Checks.isTrue(cashPerShare == 0.0, "Argument 'cashPerShare' of a split of %s on %s must be 0 but was %s",
          symbol, exDate, cashPerShare);
    } else {
      Checks.positive(cashPerShare, "cashPerShare");
      Checks.isTrue(splitRatio == 1.0, "Argument 'splitRatio' of a dividend of %s on %s must be 1 but was %s",
          symbol, exDate, splitRatio);
    }
  }

  /** A split of {@code splitRatio} new shares per old share (2.0 for 2-for-1, 0.05 for 1-for-20). */
  public static CorporateAction split(String symbol, LocalDate exDate, double splitRatio) {
    return new CorporateAction(symbol, exDate, Kind.SPLIT, splitRatio, 0.0);
  }

  /** A cash dividend of {@code cashPerShare} USD per share. */
  public static CorporateAction dividend(String symbol, LocalDate exDate, double cashPerShare) {
    return new CorporateAction(symbol, exDate, Kind.DIVIDEND, 1.0, cashPerShare);
  }

  /**
   * The ex-date as the store labels its daily bar: midnight UTC of the ex-date, UTC epoch microseconds (see
   * {@link Timeframe#D1}).
   */
  public long exDateMicros() {
    return exDate.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
  }
}
