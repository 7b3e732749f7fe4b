package io.quantflow.models.ml.labels;

import io.quantflow.domain.Checks;
import java.util.List;

/**
 * The time span a label looks at: from {@code t0Micros}, the close of the labelled bar (the entry), to
 * {@code t1Micros}, the close of the bar whose price settled the label. Times are UTC epoch microseconds and
 * {@code t1Micros > t0Micros}. The span is what purged cross-validation needs.
 */
public interface LabelWindow {
  /** Index of the labelled bar in the input arrays. */
  int index();

  /** Close time of the labelled bar, UTC epoch microseconds. */
  long t0Micros();

  /** Close time of the bar that settled the label, UTC epoch microseconds. */
  long t1Micros();

  /** The {@link #t0Micros()} of each label, in list order. */
  static long[] t0Micros(List<? extends LabelWindow> labels) {
    Checks.notNull(labels, "labels");
    return labels.stream().mapToLong(LabelWindow::t0Micros).toArray();
  }

  /** The {@link #t1Micros()} of each label, in list order. */
  static long[] t1Micros(List<? extends LabelWindow> labels) {
    Checks.notNull(labels, "labels");
    return labels.stream().mapToLong(LabelWindow::t1Micros).toArray();
  }

  /** The {@link #index()} of each label, in list order. */
  static int[] indices(List<? extends LabelWindow> labels) {
    Checks.notNull(labels, "labels");
    return labels.stream().mapToInt(LabelWindow::index).toArray();
  }
}
