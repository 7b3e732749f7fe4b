package io.quantflow.operators.indicators;

/** One-bar simple return {@code x / previous - 1}; NaN for the first input. */
public final class SimpleReturn implements Indicator {
  private double prev = Double.NaN;

  @Override
  public double update(double x) {
    double r = x / prev - 1;
    prev = x;
    return r;
  }

  @Override
  public int warmUp() {
    return 2;
  }

  @Override
  public int stateSize() {
    return 1;
  }

  @Override
  public void save(double[] buf, int offset) {
    buf[offset] = prev;
  }

  @Override
  public void load(double[] buf, int offset) {
    prev = buf[offset];
  }
}
