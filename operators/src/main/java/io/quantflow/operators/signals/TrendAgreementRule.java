package io.quantflow.operators.signals;

import io.quantflow.domain.Direction;
import io.quantflow.domain.FeatureRow;
import io.quantflow.domain.FeatureSchema;
import io.quantflow.domain.Signal;
import io.quantflow.domain.Timeframe;
import java.io.Serializable;
import java.util.Locale;
import java.util.Map;

/**
 * Trend agreement across timeframes. Each timeframe votes up when its close is above its trend average
 * ({@code close > ema_20}), down when below; a timeframe whose features are still warming up does not vote. The
 * signal is LONG when every configured timeframe votes up, SHORT when every one votes down (FLAT unless shorts are
 * allowed), FLAT otherwise.
 *
 * <p>Strength is the mean over timeframes of {@code tanh(|ln(close / ema)| / rvol)}: the distance from the average
 * in units of that timeframe's per-bar volatility, squashed into [0, 1). It is 0 for FLAT.
 */
public final class TrendAgreementRule implements Serializable {
  private static final long serialVersionUID = 1L;

  private final SignalConfig config;
  private final int trendIndex;
  private final int volIndex;

  /** A rule over rows of {@code schema}. */
  public TrendAgreementRule(SignalConfig config, FeatureSchema schema) {
    this.config = config;
    this.trendIndex = schema.indexOf(config.trendFeature());
    this.volIndex = schema.indexOf(config.volFeature());
  }

  /**
   * Evaluates the rule when a base bar closes.
   *
   * @param latest the latest row of each timeframe known at the base row's close (including the base row)
   * @param atMicros the close of the base bar, UTC epoch micros
   */
  public Signal evaluate(String symbol, long atMicros, Map<Timeframe, FeatureRow> latest) {
    int up = 0;
    int down = 0;
    double strength = 0;
    StringBuilder why = new StringBuilder();
    for (Timeframe tf : config.timeframes()) {
      FeatureRow row = latest.get(tf);
      if (why.length() > 0) {
        why.append(' ');
      }
      why.append(tf.label()).append(':');
      double ma = row == null ? Double.NaN : row.value(trendIndex);
      if (Double.isNaN(ma)) {
        why.append("warming-up");
        continue;
      }
      double distance = Math.log(row.close() / ma);
      double vol = row.value(volIndex);
      strength += Math.tanh(Math.abs(distance) / (vol > 0 ? vol : Double.MIN_NORMAL));
      String vote = distance > 0 ? "up" : distance < 0 ? "down" : "flat";
      up += distance > 0 ? 1 : 0;
      down += distance < 0 ? 1 : 0;
      why.append(vote).append(String.format(Locale.ROOT, "(close %.4f %s %s %.4f)", row.close(),
          distance > 0 ? ">" : distance < 0 ? "<" : "=", config.trendFeature(), ma));
    }
    int n = config.timeframes().size();
    Direction d = up == n ? Direction.LONG : down == n && config.allowShort() ? Direction.SHORT : Direction.FLAT;
    return new Signal(symbol, atMicros, d, d == Direction.FLAT ? 0 : strength / n,
        config.coarsest().durationMicros(), why.toString());
  }
}
