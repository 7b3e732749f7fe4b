package io.quantflow.domain;

/** The direction of a signal or position: up (long), flat, or down (short). */
public enum Direction {
  /** Expect the price to rise; hold a long position. */
  LONG(1),
  /** No view; hold no position. */
  FLAT(0),
  /** Expect the price to fall; hold a short position. */
  SHORT(-1);

  private final int sign;

  Direction(int sign) {
    this.sign = sign;
  }

  /** +1 for long, 0 for flat, -1 for short. */
  public int sign() {
    return sign;
  }

  /** The direction whose sign is {@code Math.signum(x)}; NaN maps to flat. */
  public static Direction ofSign(double x) {
    return x > 0 ? LONG : x < 0 ? SHORT : FLAT;
  }
}
