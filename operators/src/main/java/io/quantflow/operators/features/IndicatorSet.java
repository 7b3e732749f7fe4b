package io.quantflow.operators.features;

import io.quantflow.operators.indicators.Indicator;

/** A fixed list of kernels fed the same series; its state is one {@code double[]} for Flink keyed state. */
public final class IndicatorSet {
  private final Indicator[] kernels;
  private final int stateSize;

  IndicatorSet(Indicator[] kernels) {
    this.kernels = kernels;
    int size = 0;
    for (Indicator k : kernels) {
      size += k.stateSize();
    }
    this.stateSize = size;
  }

  /** Feeds {@code x} to every kernel and returns their values in order (NaN while warming up). */
  public double[] update(double x) {
    double[] out = new double[kernels.length];
    for (int i = 0; i < kernels.length; i++) {
      out[i] = kernels[i].update(x);
    }
    return out;
  }

  /** The state of every kernel, concatenated. */
  public double[] save() {
    double[] buf = new double[stateSize];
    int off = 0;
    for (Indicator k : kernels) {
      k.save(buf, off);
      off += k.stateSize();
    }
    return buf;
  }

  /** Restores a state written by {@link #save()}. */
  public void load(double[] buf) {
    int off = 0;
    for (Indicator k : kernels) {
      k.load(buf, off);
      off += k.stateSize();
    }
  }
}
