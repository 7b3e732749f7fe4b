package io.quantflow.operators.signals;

import io.quantflow.domain.FeatureSchema;
import io.quantflow.domain.Signal;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.WideRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every single vote of an {@link AgreementRule} as a signal of its own, so each can be ranked by its statistical
 * strength: the score of {@code ema_20_5m:above} at a base bar is that method's vote on that timeframe times its
 * confidence (in [-1, 1], NaN while warming up), and {@code agreement} is the combined signal's direction times its
 * strength.
 */
public final class SignalCandidates {
  private final SignalConfig config;
  private final AgreementRule rule;
  private final List<String> names = new ArrayList<>();
  private final int[] closeIndex;
  private final int[] volIndex;
  private final int[][] featureIndex;

  /** The candidates of {@code config} over wide rows of {@code schema}. */
  public SignalCandidates(SignalConfig config, FeatureSchema schema) {
    this.config = config;
    this.rule = new AgreementRule(config, schema);
    List<Timeframe> tfs = config.timeframes();
    closeIndex = new int[tfs.size()];
    volIndex = new int[tfs.size()];
    featureIndex = new int[tfs.size()][config.methods().size()];
    for (int t = 0; t < tfs.size(); t++) {
      String suffix = "_" + tfs.get(t).label();
      closeIndex[t] = schema.indexOf("close" + suffix);
      volIndex[t] = schema.indexOf(config.volFeature() + suffix);
      for (int m = 0; m < config.methods().size(); m++) {
        VoteMethod method = config.methods().get(m);
        featureIndex[t][m] = schema.indexOf(method.feature() + suffix);
        names.add(method.feature() + suffix + ":" + method.kind().name().toLowerCase(Locale.ROOT));
      }
    }
    names.add("agreement");
  }

  /** Candidate names, in score order: each method on each timeframe, then {@code agreement}. */
  public List<String> names() {
    return names;
  }

  /** The scores of every candidate at {@code row}, in {@link #names()} order. */
  public double[] scores(WideRow row) {
    double[] out = new double[names.size()];
    int i = 0;
    for (int t = 0; t < config.timeframes().size(); t++) {
      double close = row.value(closeIndex[t]);
      double vol = row.value(volIndex[t]);
      for (int m = 0; m < config.methods().size(); m++) {
        VoteMethod method = config.methods().get(m);
        double value = row.value(featureIndex[t][m]);
        double vote = Double.isNaN(close) ? Double.NaN : method.vote(close, value);
        out[i++] = Double.isNaN(vote) || vote == 0 ? vote : vote * method.confidence(close, value, vol);
      }
    }
    Signal s = rule.evaluate(row);
    out[i] = s.direction().sign() * s.strength();
    return out;
  }
}
