package io.quantflow.models.optimize;

import io.quantflow.domain.Checks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio and Kégl, "Algorithms for Hyper-Parameter
 * Optimization", NIPS 2011), maximising the objective.
 *
 * <p>The first {@code startupTrials} asks draw uniformly like {@link RandomSearch}. After that each ask sorts the
 * trials told so far by objective, best first (ties in telling order), and splits them into the best {@code
 * ceil(gamma n)} ("good", at least 1, at most n - 1) and the rest ("bad"). Per dimension it fits a density to each
 * group: a mixture of truncated Gaussians with bandwidths from neighbour distances for ranges (integers on their
 * step grid, log ranges in {@code ln(value)}), smoothed frequencies for categories. It draws {@code candidates}
 * points from the good densities and returns the one maximising {@code l(x) / g(x)}, the product over dimensions of
 * good over bad likelihood (the first on ties). Dimensions are modelled independently.
 *
 * <p>Deterministic: the same seed and the same sequence of asks and tells give the same points.
 */
public final class TpeOptimizer extends AbstractOptimizer {
  /** Default number of random startup trials: 10. */
  public static final int DEFAULT_STARTUP_TRIALS = 10;
  /** Default share of trials in the good group: 0.25. */
  public static final double DEFAULT_GAMMA = 0.25;
  /** Default number of candidates drawn per ask: 24. */
  public static final int DEFAULT_CANDIDATES = 24;

  private final SplittableRandom random;
  private final int startupTrials;
  private final double gamma;
  private final int candidates;

  /** Creates a TPE over {@code space} with the default settings. */
  public TpeOptimizer(ParameterSpace space, long seed) {
    this(space, seed, DEFAULT_STARTUP_TRIALS, DEFAULT_GAMMA, DEFAULT_CANDIDATES);
  }

  /**
   * Creates a TPE over {@code space}.
   *
   * @param seed seed of the {@link SplittableRandom} behind every draw
   * @param startupTrials trials to draw at random before modelling, at least 1 (2 are needed to split)
   * @param gamma share of trials in the good group, in (0, 1)
   * @param candidates points drawn from the good densities per ask, at least 1
   */
  public TpeOptimizer(ParameterSpace space, long seed, int startupTrials, double gamma, int candidates) {
    super(space);
    this.random = new SplittableRandom(seed);
    this.startupTrials = Checks.positive(startupTrials, "startupTrials");
    Checks.isTrue(gamma > 0 && gamma < 1, "Argument 'gamma' must be in (0, 1) but was %s", gamma);
    this.gamma = gamma;
    this.candidates = Checks.positive(candidates, "candidates");
  }

  @Override
  public ParameterSet ask() {
    int n = trials().size();
    if (n < Math.max(2, startupTrials)) {
      return Priors.sample(space(), random);
    }
    List<Trial> sorted = new ArrayList<>(trials());
    sorted.sort(Comparator.comparingDouble(Trial::objective).reversed()); // stable
    int good = Math.min(n - 1, Math.max(1, (int) Math.ceil(gamma * n)));

    List<Dimension> dims = space().dimensions();
    Parzen[] l = new Parzen[dims.size()];
    Parzen[] g = new Parzen[dims.size()];
    for (int d = 0; d < dims.size(); d++) {
      double[] goodU = coordinates(sorted.subList(0, good), dims.get(d));
      double[] badU = coordinates(sorted.subList(good, n), dims.get(d));
      l[d] = model(dims.get(d), goodU);
      g[d] = model(dims.get(d), badU);
    }

    double[] best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < candidates; c++) {
      double[] u = new double[dims.size()];
      double score = 0;
      for (int d = 0; d < u.length; d++) {
        u[d] = l[d].sample(random);
        score += l[d].logLikelihood(u[d]) - g[d].logLikelihood(u[d]);
      }
      if (best == null || score > bestScore) {
        best = u;
        bestScore = score;
      }
    }
    Object[] values = new Object[dims.size()];
    for (int d = 0; d < values.length; d++) {
      values[d] = fromCoordinate(dims.get(d), best[d]);
    }
    return space().point(values);
  }

  private static Parzen model(Dimension dimension, double[] u) {
    if (dimension instanceof Dimension.DoubleRange r) {
      return r.logScale()
          ? new Parzen.Numeric(u, Math.log(r.min()), Math.log(r.max()), false)
          : new Parzen.Numeric(u, r.min(), r.max(), false);
    }
    if (dimension instanceof Dimension.IntRange r) {
      return new Parzen.Numeric(u, -0.5, r.gridSize() - 0.5, true);
    }
    return new Parzen.Categorical(u, dimension.gridSize());
  }

  /** Model coordinates: grid index for integers and categories, the value or its logarithm for doubles. */
  private static double[] coordinates(List<Trial> trials, Dimension dimension) {
    double[] u = new double[trials.size()];
    for (int i = 0; i < u.length; i++) {
      Object v = trials.get(i).parameters().get(dimension.name());
      if (dimension instanceof Dimension.IntRange r) {
        u[i] = r.indexOf((Integer) v);
      } else if (dimension instanceof Dimension.DoubleRange r) {
        u[i] = r.logScale() ? Math.log((Double) v) : (Double) v;
      } else {
        u[i] = ((Dimension.Categorical) dimension).values().indexOf(v);
      }
    }
    return u;
  }

  private static Object fromCoordinate(Dimension dimension, double u) {
    if (dimension instanceof Dimension.DoubleRange r) {
      double x = r.logScale() ? Math.exp(u) : u;
      return Math.min(r.max(), Math.max(r.min(), x));
    }
    return dimension.gridValue((int) u);
  }
}
