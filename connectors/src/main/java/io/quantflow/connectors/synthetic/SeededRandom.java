package io.quantflow.connectors.synthetic;

/**
 * A small SplitMix64 generator (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014)
 * with the distributions the synthetic market needs. A stream is keyed by the seed and a tuple of longs (what it is
 * for, symbol index, day index), so every symbol-day has its own independent stream and the output does not depend
 * on the order in which threads pick up the work.
 *
 * <p>Transcendental functions go through {@link StrictMath}: {@link Math#exp} and {@link Math#log} may differ by an
 * ulp between JVMs and CPUs, which would break "same seed, same bytes" across machines.
 *
 * <p>Not thread-safe; each worker uses its own instances.
 */
final class SeededRandom {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private long state;
  private double spareGaussian;
  private boolean hasSpareGaussian;

  private SeededRandom(long state) {
    this.state = state;
  }

  /** The stream for {@code seed} and {@code keys}; different key tuples give unrelated streams. */
  static SeededRandom of(long seed, long... keys) {
    long h = mix64(seed + GOLDEN_GAMMA);
    for (long k : keys) {
      h = mix64(h ^ mix64(k * GOLDEN_GAMMA + 0x632BE59BD9B4E019L));
    }
    return new SeededRandom(h);
  }

  /** Stafford's variant 13 of the MurmurHash3 finaliser, as in SplitMix64. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  long nextLong() {
    state += GOLDEN_GAMMA;
    return mix64(state);
  }

  /** Uniform in {@code [0, 1)} with 53 random bits. */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in {@code (0, 1]}: safe to take the logarithm of. */
  double nextOpenDouble() {
    return 1.0 - nextDouble();
  }

  /** Uniform in {@code [min, max)}. */
  double nextDouble(double min, double max) {
    return min + (max - min) * nextDouble();
  }

  /** Log-uniform in {@code [min, max)}, both positive: every decade equally likely. */
  double nextLogUniform(double min, double max) {
    return min * StrictMath.exp(StrictMath.log(max / min) * nextDouble());
  }

  /** Uniform in {@code [0, bound)}; the bias of the scaling is below 2^-53 relative and irrelevant here. */
  int nextInt(int bound) {
    return (int) (nextDouble() * bound);
  }

  /** Standard normal, Marsaglia's polar method (two values per accepted pair, the second kept for the next call). */
  double nextGaussian() {
    if (hasSpareGaussian) {
      hasSpareGaussian = false;
      return spareGaussian;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * nextDouble() - 1;
      v = 2 * nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double f = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    spareGaussian = v * f;
    hasSpareGaussian = true;
    return u * f;
  }

  /** Gamma with the given shape (at least 1) and scale 1, Marsaglia and Tsang's method (2000). */
  double nextGamma(double shape) {
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / StrictMath.sqrt(9 * d);
    while (true) {
      double x = nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = nextOpenDouble();
      if (u < 1 - 0.0331 * x * x * x * x || StrictMath.log(u) < 0.5 * x * x + d * (1 - v + StrictMath.log(v))) {
        return d * v;
      }
    }
  }

  /**
   * Student-t with {@code nu > 2} degrees of freedom, scaled to unit variance: {@code Z * sqrt((nu - 2) / X)} with
   * {@code X} chi-squared with {@code nu} degrees of freedom, since the plain t has variance {@code nu / (nu - 2)}.
   */
  double nextStudentT(double nu) {
    double z = nextGaussian();
    double chi2 = 2 * nextGamma(nu / 2);
    return z * StrictMath.sqrt((nu - 2) / chi2);
  }

  /** Poisson with mean {@code lambda} (Knuth's product of uniforms; fine for the small means used here). */
  int nextPoisson(double lambda) {
    double limit = StrictMath.exp(-lambda);
    int k = 0;
    double p = nextDouble();
    while (p > limit) {
      k++;
      p *= nextDouble();
    }
    return k;
  }
}
