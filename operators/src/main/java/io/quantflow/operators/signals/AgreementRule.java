package io.quantflow.operators.signals;

import io.quantflow.domain.Direction;
import io.quantflow.domain.FeatureSchema;
import io.quantflow.domain.Signal;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.WideRow;
import java.io.Serializable;
import java.util.List;

/**
 * Agreement across timeframes and methods, evaluated on an aligned {@link WideRow}.
 *
 * <p>On each timeframe every {@link VoteMethod} votes up, down, none or not at all (warming up). The timeframe votes
 * up when at least {@code methodQuorum} methods vote up (down likewise; if both reach the quorum it abstains). The
 * signal is LONG when every timeframe votes up, SHORT when every one votes down and shorts are allowed, FLAT
 * otherwise. Strength is the mean confidence of the method votes that agree with the signal (0 for FLAT).
 *
 * <p>The signal's reason records the whole vote breakdown, e.g.
 * {@code LONG 3/3 timeframes | 1m up 1/1: ema_20 up (close 170.9700 > 170.8000) | 5m up 1/1: ... | 15m up 1/1: ...}.
 */
public final class AgreementRule implements Serializable {
  private static final long serialVersionUID = 1L;

  private final SignalConfig config;
  private final int[] closeIndex;
  private final int[] volIndex;
  private final int[][] featureIndex;
  private final VoteMethod[] methodArray;

  /**
   * A rule over wide rows of {@code schema}.
   *
   * @throws IllegalArgumentException naming the feature if a method's feature or the volatility feature is missing
   */
  public AgreementRule(SignalConfig config, FeatureSchema schema) {
    this.config = config;
    List<Timeframe> tfs = config.timeframes();
    closeIndex = new int[tfs.size()];
    volIndex = new int[tfs.size()];
    featureIndex = new int[tfs.size()][config.methods().size()];
    methodArray = config.methods().toArray(new VoteMethod[0]);
    for (int t = 0; t < tfs.size(); t++) {
      String suffix = "_" + tfs.get(t).label();
      closeIndex[t] = schema.indexOf("close" + suffix);
      volIndex[t] = schema.indexOf(config.volFeature() + suffix);
      for (int m = 0; m < config.methods().size(); m++) {
        featureIndex[t][m] = schema.indexOf(config.methods().get(m).feature() + suffix);
      }
    }
  }

  /** The signal at the close of {@code row}'s base bar. */
  public Signal evaluate(WideRow row) {
    return evaluate(row.symbol(), row.availableAtMicros(), row.values(), 0);
  }

  /**
   * The signal of a wide row given as {@code values[offset ..]} (a row of a {@code WideBlock}), for {@code symbol}
   * at the close of its base bar, {@code availableAtMicros}.
   */
  public Signal evaluate(String symbol, long availableAtMicros, double[] values, int offset) {
    List<Timeframe> tfs = config.timeframes();
    List<VoteMethod> methods = config.methods();
    int[] tfVote = new int[tfs.size()];
    StringBuilder why = new StringBuilder();
    for (int t = 0; t < tfs.size(); t++) {
      double close = values[offset + closeIndex[t]];
      int up = 0;
      int down = 0;
      StringBuilder votes = new StringBuilder(64);
      for (int m = 0; m < methods.size(); m++) {
        double value = values[offset + featureIndex[t][m]];
        double v = Double.isNaN(close) ? Double.NaN : methods.get(m).vote(close, value);
        up += v > 0 ? 1 : 0;
        down += v < 0 ? 1 : 0;
        if (m > 0) {
          votes.append("; ");
        }
        methods.get(m).describe(close, value, votes);
      }
      boolean upQ = up >= config.methodQuorum();
      boolean downQ = down >= config.methodQuorum();
      tfVote[t] = upQ == downQ ? 0 : upQ ? 1 : -1;
      why.append(" | ").append(tfs.get(t).label()).append(' ')
          .append(tfVote[t] > 0 ? "up" : tfVote[t] < 0 ? "down" : "none")
          .append(' ').append(Math.max(up, down)).append('/').append(methods.size()).append(": ").append(votes);
    }
    int agreeUp = 0;
    int agreeDown = 0;
    for (int v : tfVote) {
      agreeUp += v > 0 ? 1 : 0;
      agreeDown += v < 0 ? 1 : 0;
    }
    int n = tfs.size();
    Direction d = agreeUp == n ? Direction.LONG
        : agreeDown == n && config.allowShort() ? Direction.SHORT : Direction.FLAT;
    double strength = d == Direction.FLAT ? 0 : strength(values, offset, d.sign());
    String reason = new StringBuilder(why.length() + 24).append(d).append(' ').append(Math.max(agreeUp, agreeDown))
        .append('/').append(n).append(" timeframes").append(why).toString();
    return new Signal(symbol, availableAtMicros, d, strength, config.coarsest().durationMicros(), reason);
  }

  /** Just the direction of a wide row, without building the reason (cheap, for scanning every bar). */
  public Direction direction(double[] values, int offset) {
    int n = closeIndex.length;
    int quorum = config.methodQuorum();
    int agreeUp = 0;
    int agreeDown = 0;
    for (int t = 0; t < n; t++) {
      double close = values[offset + closeIndex[t]];
      if (Double.isNaN(close)) {
        return Direction.FLAT; // a timeframe without a close votes nothing: no agreement
      }
      int up = 0;
      int down = 0;
      int[] fi = featureIndex[t];
      for (int m = 0; m < methodArray.length; m++) {
        double v = methodArray[m].vote(close, values[offset + fi[m]]);
        up += v > 0 ? 1 : 0;
        down += v < 0 ? 1 : 0;
      }
      boolean upQ = up >= quorum;
      boolean downQ = down >= quorum;
      if (upQ == downQ) {
        return Direction.FLAT; // this timeframe abstains
      }
      agreeUp += upQ ? 1 : 0;
      agreeDown += downQ ? 1 : 0;
    }
    return agreeUp == n ? Direction.LONG : agreeDown == n && config.allowShort() ? Direction.SHORT : Direction.FLAT;
  }

  private double strength(double[] values, int offset, int sign) {
    double sum = 0;
    int count = 0;
    for (int t = 0; t < config.timeframes().size(); t++) {
      double close = values[offset + closeIndex[t]];
      double vol = values[offset + volIndex[t]];
      for (int m = 0; m < config.methods().size(); m++) {
        VoteMethod method = config.methods().get(m);
        double value = values[offset + featureIndex[t][m]];
        if (method.vote(close, value) == sign) {
          sum += method.confidence(close, value, vol);
          count++;
        }
      }
    }
    return count == 0 ? 0 : sum / count;
  }
}
