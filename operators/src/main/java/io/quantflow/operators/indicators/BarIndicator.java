package io.quantflow.operators.indicators;

import io.quantflow.domain.BarView;
import java.util.List;

/**
 * An incremental indicator over whole bars (open, high, low, close, volume, VWAP, time) with one or more named
 * outputs. {@link #update} writes {@link #outputs()} values, NaN while the indicator is not warm, and is O(1) per bar
 * unless a kernel says otherwise. The whole state is {@link #stateSize()} doubles, so a set of kernels can keep its
 * state in one {@code double[]} (Flink {@code ValueState<double[]>}): see {@code FeatureSet}.
 *
 * <p>Implementations are mutable and not thread-safe; one instance serves one key (symbol and timeframe).
 */
public interface BarIndicator {
  /** The output names in order, e.g. {@code [bb_mid_20_2, bb_upper_20_2, bb_lower_20_2, bb_pctb_20_2]}. */
  List<String> names();

  /** Number of outputs; the size of {@link #names()}. */
  default int outputs() {
    return names().size();
  }

  /** Feeds the next bar and writes the outputs into {@code out[offset .. offset + outputs() - 1]}. */
  void update(BarView bar, double[] out, int offset);

  /** The number of bars needed before the first value of every output (TA-Lib's lookback + 1). */
  int warmUp();

  /** Number of doubles {@link #save} writes. */
  int stateSize();

  /** Writes the state into {@code buf} from {@code offset}. */
  void save(double[] buf, int offset);

  /** Restores the state written by {@link #save}. */
  void load(double[] buf, int offset);

  /** A scalar kernel fed each bar's close, with one output called {@code name}. */
  static BarIndicator onClose(String name, Indicator kernel) {
    return new OnClose(name, kernel);
  }
}
