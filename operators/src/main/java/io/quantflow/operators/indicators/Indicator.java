package io.quantflow.operators.indicators;

/**
 * An incremental indicator over one input series (usually closes). {@link #update} is O(1) and returns NaN until
 * the indicator is warm. The whole state is a fixed number of doubles, so an operator can keep it in Flink state
 * with {@link #save} and {@link #load}.
 */
public interface Indicator {
  /** Feeds the next value and returns the indicator's value after it, or NaN while warming up. */
  double update(double x);

  /** The number of inputs needed before the first value (TA-Lib's lookback + 1). */
  int warmUp();

  /** Number of doubles {@link #save} writes. */
  int stateSize();

  /** Writes the state into {@code buf} from {@code offset}. */
  void save(double[] buf, int offset);

  /** Restores the state written by {@link #save}. */
  void load(double[] buf, int offset);
}
