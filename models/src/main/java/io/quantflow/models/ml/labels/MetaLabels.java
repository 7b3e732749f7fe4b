package io.quantflow.models.ml.labels;

import io.quantflow.domain.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * Meta-labels (López de Prado, AFML ch. 3.6): given the side of a primary model, label 1 when taking that side
 * earned a positive return, i.e. the profit-take barrier in the side's direction was touched first or the return at
 * the vertical barrier was positive; else 0 (stop-loss, or a return {@code <= 0} at the vertical barrier). A
 * secondary model trained on these learns whether to act on the primary's signals. Stateless and thread-safe.
 */
public final class MetaLabels {
  private MetaLabels() {}

  /**
   * Meta-labels of triple-barrier outcomes computed with the primary's side (by
   * {@link TripleBarrierLabels#label(long[], double[], double[], double[], double[], int[])}, so that barriers sit in
   * the side's direction).
   *
   * @param sidedOutcomes outcomes, each with side +1 or -1
   * @return one meta-label per outcome, in the same order
   */
  public static List<MetaLabel> of(List<BarrierLabel> sidedOutcomes) {
    Checks.notNull(sidedOutcomes, "sidedOutcomes");
    List<MetaLabel> labels = new ArrayList<>(sidedOutcomes.size());
    for (BarrierLabel b : sidedOutcomes) {
      Checks.notNull(b, "sidedOutcomes element");
      Checks.isTrue(b.side() != 0, "Argument 'sidedOutcomes' must not hold side 0 but does at bar %d", b.index());
      labels.add(new MetaLabel(b.index(), b.t0Micros(), b.t1Micros(), b.side(), b.ret(), b.ret() > 0 ? 1 : 0));
    }
    return labels;
  }

  /**
   * Labels the primary's side with the given barriers, then meta-labels the outcomes; bars with side 0 or NaN vol
   * get no label. Arguments as in
   * {@link TripleBarrierLabels#label(long[], double[], double[], double[], double[], int[])}.
   */
  public static List<MetaLabel> label(TripleBarrierLabels barriers, long[] availableAtMicros, double[] close,
      double[] high, double[] low, double[] vol, int[] side) {
    Checks.notNull(barriers, "barriers");
    return of(barriers.label(availableAtMicros, close, high, low, vol, side));
  }
}
