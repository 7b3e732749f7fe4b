package io.quantflow.models.stats;

import io.quantflow.domain.Checks;
import java.util.List;

/**
 * Outcome of {@link Pbo#estimate}: one entry per combination of in-sample blocks, in the lexicographic order of the
 * in-sample block index sets ({0, 1, ..., S/2 - 1} first). Immutable and thread-safe.
 *
 * @param pbo probability of backtest overfitting: the share of combinations whose logit is {@code <= 0}, i.e. whose
 *     in-sample best trial ranks in the lower half out of sample
 * @param probabilityOfLoss share of combinations whose in-sample best trial has a negative out-of-sample Sharpe
 *     ratio
 * @param logits {@code ln(w / (1 - w))} of the out-of-sample relative rank {@code w} of the in-sample best trial
 * @param bestTrials column index of the in-sample best trial
 * @param oosSharpes per-period out-of-sample Sharpe ratio ({@code mean / stdev}, not annualised) of the in-sample
 *     best trial
 */
public record PboResult(double pbo, double probabilityOfLoss, List<Double> logits, List<Integer> bestTrials,
    List<Double> oosSharpes) {

  /** Copies the lists and checks that they have one entry per combination. */
  public PboResult {
    logits = List.copyOf(Checks.notNull(logits, "logits"));
    bestTrials = List.copyOf(Checks.notNull(bestTrials, "bestTrials"));
    oosSharpes = List.copyOf(Checks.notNull(oosSharpes, "oosSharpes"));
    Checks.inRange(pbo, 0, 1, "pbo");
    Checks.inRange(probabilityOfLoss, 0, 1, "probabilityOfLoss");
    Checks.isTrue(!logits.isEmpty() && bestTrials.size() == logits.size() && oosSharpes.size() == logits.size(),
        "Arguments 'logits', 'bestTrials' and 'oosSharpes' must have the same non-zero size but have %s, %s and %s",
        logits.size(), bestTrials.size(), oosSharpes.size());
  }

  /** Returns the number of combinations, {@code C(S, S/2)} for {@code S} blocks. */
  public int combinations() {
    return logits.size();
  }
}
