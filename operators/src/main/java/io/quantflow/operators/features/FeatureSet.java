package io.quantflow.operators.features;

import io.quantflow.domain.BarView;
import io.quantflow.domain.Checks;
import io.quantflow.domain.FeatureSchema;
import io.quantflow.operators.indicators.BarIndicator;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixed list of {@link BarIndicator} kernels fed the same bars of one key (symbol and timeframe). The outputs of
 * all kernels, concatenated in order, form {@link #schema()}; the state of all kernels is one {@code double[]} of {@link #stateSize()} doubles for Flink keyed state. Built by
 * {@link FeatureRegistry#newFeatureSet} or {@link FeatureSpec#newFeatureSet()}. Mutable, not thread-safe.
 */
public final class FeatureSet {
  private final BarIndicator[] kernels;
  private final FeatureSchema schema;
  private final int stateSize;
  private final int warmUp;

  /** A set of the given kernels; their output names must be distinct. */
  public FeatureSet(List<BarIndicator> kernels) {
    this.kernels = Checks.notNull(kernels, "kernels").toArray(new BarIndicator[0]);
    List<String> names = new ArrayList<>();
    int size = 0;
    int warm = 0;
    for (BarIndicator k : this.kernels) {
      names.addAll(k.names());
      size += k.stateSize();
      warm = Math.max(warm, k.warmUp());
    }
    this.schema = FeatureSchema.of(names);
    this.stateSize = size;
    this.warmUp = warm;
  }

  /** The output names, in the order of {@link #update}'s values. */
  public FeatureSchema schema() {
    return schema;
  }

  /** Bars needed before every output has a value: the largest warm-up of the kernels. */
  public int warmUp() {
    return warmUp;
  }

  /** Length of the array {@link #save()} returns. */
  public int stateSize() {
    return stateSize;
  }

  /** Feeds {@code bar} to every kernel and returns all outputs in schema order (NaN while warming up). */
  public double[] update(BarView bar) {
    double[] out = new double[schema.size()];
    update(bar, out, 0);
    return out;
  }

  /** Feeds {@code bar} to every kernel and writes all outputs into {@code out} from {@code offset}. */
  public void update(BarView bar, double[] out, int offset) {
    int off = offset;
    for (BarIndicator k : kernels) {
      k.update(bar, out, off);
      off += k.outputs();
    }
  }

  /** The state of every kernel, concatenated. */
  public double[] save() {
    double[] buf = new double[stateSize];
    save(buf, 0);
    return buf;
  }

  /** Writes the state of every kernel into {@code buf} from {@code offset} ({@link #stateSize()} doubles). */
  public void save(double[] buf, int offset) {
    int off = offset;
    for (BarIndicator k : kernels) {
      k.save(buf, off);
      off += k.stateSize();
    }
  }

  /**
   * Restores a state written by {@link #save()} of a set built from the same spec.
   *
   * @throws IllegalArgumentException if {@code state} has the wrong length (the spec changed)
   */
  public void load(double[] state) {
    Checks.notNull(state, "state");
    Checks.isTrue(state.length == stateSize,
        "Argument 'state' must hold %d doubles for features %s but holds %d", stateSize, schema, state.length);
    int off = 0;
    for (BarIndicator k : kernels) {
      k.load(state, off);
      off += k.stateSize();
    }
  }
}
