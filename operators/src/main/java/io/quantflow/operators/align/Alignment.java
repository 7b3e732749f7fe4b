package io.quantflow.operators.align;

import io.quantflow.domain.Checks;
import io.quantflow.domain.FeatureRow;
import io.quantflow.domain.FeatureSchema;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.WideRow;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Multi-timeframe alignment without leakage, as a plain state machine for one symbol: feed every feature row in
 * order of availability ({@link #onRow}); each base-timeframe row yields one {@link WideRow} holding, for every
 * configured timeframe, the latest row that was available by the base row's close.
 *
 * <p>Callers feed rows that become available at the same instant coarsest first (a 5m bar and the 1m bar that
 * completes it close together, so the 1m wide row sees that 5m bar). A row of a timeframe that is not configured is
 * ignored. The schema is {@code close_<tf>} followed by {@code <feature>_<tf>} for each feature, timeframe by
 * timeframe in the configured order.
 */
public final class Alignment implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Timeframe base;
  private final List<Timeframe> timeframes;
  private final FeatureSchema features;
  private final FeatureSchema schema;

  /**
   * An alignment of {@code timeframes} (which must include {@code base}) over rows of {@code features}.
   */
  public Alignment(Timeframe base, List<Timeframe> timeframes, FeatureSchema features) {
    this.base = Checks.notNull(base, "base");
    this.timeframes = List.copyOf(Checks.notNull(timeframes, "timeframes"));
    this.features = Checks.notNull(features, "features");
    Checks.isTrue(this.timeframes.contains(base), "Aligned timeframes %s must include the base timeframe %s",
        timeframes, base);
    for (Timeframe tf : this.timeframes) {
      Checks.isTrue(tf.isMultipleOf(base), "Cannot align %s to the base timeframe %s: not a multiple", tf, base);
    }
    List<String> names = new ArrayList<>();
    for (Timeframe tf : this.timeframes) {
      names.add("close_" + tf.label());
      for (String f : features.names()) {
        names.add(f + "_" + tf.label());
      }
    }
    this.schema = FeatureSchema.of(names);
  }

  /** The names of the wide values, in order. */
  public FeatureSchema schema() {
    return schema;
  }

  /** The base timeframe. */
  public Timeframe base() {
    return base;
  }

  /** The aligned timeframes. */
  public List<Timeframe> timeframes() {
    return timeframes;
  }

  /** A fresh state: nothing known yet. */
  public State newState() {
    return new State(Timeframe.values().length);
  }

  /**
   * Takes one row into {@code state}; for a base row, returns the wide row known at its close, else null.
   *
   * @throws IllegalArgumentException if the row's feature count does not match the schema
   */
  public WideRow onRow(State state, FeatureRow row) {
    if (!timeframes.contains(row.timeframe())) {
      return null;
    }
    Checks.isTrue(row.values().length == features.size(), "Row of %s has %d features, the schema %d",
        row.timeframe(), row.values().length, features.size());
    state.latest[row.timeframe().ordinal()] = row;
    if (row.timeframe() != base) {
      return null;
    }
    int width = features.size() + 1;
    double[] values = new double[schema.size()];
    Arrays.fill(values, Double.NaN);
    for (int t = 0; t < timeframes.size(); t++) {
      FeatureRow r = state.latest[timeframes.get(t).ordinal()];
      // only bars closed by the base row's close; equal availability is allowed (coarsest-first feeding)
      if (r != null && r.availableAtMicros() <= row.availableAtMicros()) {
        values[t * width] = r.close();
        System.arraycopy(r.values(), 0, values, t * width + 1, features.size());
      }
    }
    return new WideRow(row.symbol(), base, row.timestampMicros(), values);
  }

  /** The latest row of each timeframe, by timeframe ordinal. A Flink POJO, so it can live in keyed state. */
  public static final class State {
    /** Latest rows by {@link Timeframe#ordinal()}; null where none yet. */
    public FeatureRow[] latest;

    /** For Flink's POJO serializer. */
    public State() {}

    State(int slots) {
      latest = new FeatureRow[slots];
    }
  }
}
