package io.quantflow.operators.signals;

import io.quantflow.domain.Checks;
import java.io.Serializable;
import java.util.Locale;

/**
 * One way of reading a trend from a feature, applied on every voting timeframe.
 *
 * <ul>
 *   <li>{@link Kind#ABOVE}: up when the close is above the feature (a moving average), down when below. Confidence
 *       {@code tanh(|ln(close / feature)| / rvol)}: the distance in units of that timeframe's per-bar volatility.</li>
 *   <li>{@link Kind#THRESHOLD}: up when the feature is above {@code upper}, down when below {@code lower}, no vote
 *       in between (e.g. an RSI with 55 and 45). Confidence {@code tanh(|feature - mid| / halfWidth)} with
 *       {@code mid = (upper + lower) / 2}; 1 when the band has zero width (a sign test such as MACD histogram &gt; 0).</li>
 * </ul>
 *
 * @param feature the feature name without timeframe suffix, e.g. {@code ema_20}
 * @param kind how the feature votes
 * @param upper THRESHOLD only: the level above which it votes up
 * @param lower THRESHOLD only: the level below which it votes down, at most {@code upper}
 */
public record VoteMethod(String feature, Kind kind, double upper, double lower) implements Serializable {

  /** How a feature votes. */
  public enum Kind {
    /** Close above or below the feature. */
    ABOVE,
    /** Feature above an upper or below a lower level. */
    THRESHOLD
  }

  /** Checks the levels. */
  public VoteMethod {
    Checks.notBlank(feature, "feature");
    Checks.notNull(kind, "kind");
    if (kind == Kind.THRESHOLD) {
      Checks.finite(upper, "upper");
      Checks.finite(lower, "lower");
      Checks.isTrue(lower <= upper, "Argument 'lower' (%s) must not exceed 'upper' (%s)", lower, upper);
    }
  }

  /** Close above or below {@code feature}. */
  public static VoteMethod above(String feature) {
    return new VoteMethod(feature, Kind.ABOVE, Double.NaN, Double.NaN);
  }

  /** {@code feature} above {@code upper} or below {@code lower}. */
  public static VoteMethod threshold(String feature, double upper, double lower) {
    return new VoteMethod(feature, Kind.THRESHOLD, upper, lower);
  }

  /**
   * The vote of this method: +1 up, -1 down, 0 none, NaN while the feature is warming up.
   *
   * @param close the timeframe's close
   * @param value the feature's value on that timeframe
   */
  public double vote(double close, double value) {
    if (Double.isNaN(value)) {
      return Double.NaN;
    }
    if (kind == Kind.ABOVE) {
      return Math.signum(close - value);
    }
    return value > upper ? 1 : value < lower ? -1 : 0;
  }

  /** Confidence in [0, 1) of a vote, see the class comment; {@code rvol} is the timeframe's per-bar volatility. */
  public double confidence(double close, double value, double rvol) {
    if (kind == Kind.ABOVE) {
      return Math.tanh(Math.abs(Math.log(close / value)) / (rvol > 0 ? rvol : Double.MIN_NORMAL));
    }
    double half = (upper - lower) / 2;
    return half > 0 ? Math.tanh(Math.abs(value - (upper + lower) / 2) / half) : 1.0;
  }

  /** A short description of the vote for signal reasons, e.g. {@code ema_20 up (close 170.9700 > 170.8000)}. */
  public String describe(double close, double value) {
    StringBuilder sb = new StringBuilder();
    describe(close, value, sb);
    return sb.toString();
  }

  /** Appends {@link #describe(double, double)} to {@code sb} (no formatter: it runs for every signal). */
  public void describe(double close, double value, StringBuilder sb) {
    double v = vote(close, value);
    String dir = Double.isNaN(v) ? "warming-up" : v > 0 ? "up" : v < 0 ? "down" : "none";
    sb.append(feature).append(' ').append(dir);
    if (Double.isNaN(v)) {
      return;
    }
    if (kind == Kind.ABOVE) {
      sb.append(" (close ");
      fixed4(close, sb);
      sb.append(v > 0 ? " > " : v < 0 ? " < " : " = ");
      fixed4(value, sb);
      sb.append(')');
    } else {
      sb.append(" (");
      fixed4(value, sb);
      sb.append(" vs ").append(upper).append('/').append(lower).append(')');
    }
  }

  /** Appends {@code x} with four decimals, like {@code %.4f} in the root locale. */
  static void fixed4(double x, StringBuilder sb) {
    if (!Double.isFinite(x) || Math.abs(x) >= 1e14) {
      sb.append(String.format(Locale.ROOT, "%.4f", x));
      return;
    }
    long units = Math.round(x * 1e4);
    if (units < 0) {
      sb.append('-');
      units = -units;
    } else if (x < 0 && units == 0) {
      sb.append('-');
    }
    sb.append(units / 10_000).append('.');
    long frac = units % 10_000;
    if (frac < 1000) {
      sb.append('0');
    }
    if (frac < 100) {
      sb.append('0');
    }
    if (frac < 10) {
      sb.append('0');
    }
    sb.append(frac);
  }
}
