package io.quantflow.models.optimize;

import io.quantflow.models.stats.StandardNormal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Per-dimension densities of the TPE: adaptive Parzen estimators on a bounded axis and smoothed category
 * frequencies. Each model samples a coordinate and scores it by log likelihood.
 */
abstract class Parzen {

  /** Draws one coordinate. */
  abstract double sample(SplittableRandom random);

  /** Returns the log density (continuous), or log probability (discrete), of {@code u}. */
  abstract double logLikelihood(double u);

  /**
   * Mixture of Gaussians truncated to {@code [low, high]}: one kernel per observation plus a prior kernel centred
   * on the axis with bandwidth {@code high - low}, all equally weighted (Bergstra et al. 2011, adaptive Parzen).
   * An observation's bandwidth is the larger distance to its sorted neighbours (the bounds at the ends), clipped
   * to {@code [(high - low) / min(100, n + 1), high - low]}. With {@code discrete}, coordinates are the integers
   * {@code ceil(low)..floor(high)}, bins of width 1, and the likelihood is the mixture's mass on the bin.
   */
  static final class Numeric extends Parzen {
    private final double low;
    private final double high;
    private final boolean discrete;
    private final double[] mus;
    private final double[] sigmas;
    private final double[] norms; // probability mass of each kernel inside [low, high]

    Numeric(double[] observations, double low, double high, boolean discrete) {
      this.low = low;
      this.high = high;
      this.discrete = discrete;
      int n = observations.length;
      double priorSigma = high - low;
      double[] all = Arrays.copyOf(observations, n + 1);
      all[n] = (low + high) / 2;
      Integer[] order = IntStream.range(0, n + 1).boxed().toArray(Integer[]::new);
      Arrays.sort(order, Comparator.comparingDouble(i -> all[i])); // stable: ties keep index order
      double minSigma = priorSigma / Math.min(100.0, n + 1.0);
      mus = new double[n + 1];
      sigmas = new double[n + 1];
      norms = new double[n + 1];
      for (int j = 0; j <= n; j++) {
        double mu = all[order[j]];
        double left = mu - (j == 0 ? low : all[order[j - 1]]);
        double right = (j == n ? high : all[order[j + 1]]) - mu;
        double sigma = order[j] == n ? priorSigma : Math.min(priorSigma, Math.max(minSigma, Math.max(left, right)));
        mus[j] = mu;
        sigmas[j] = sigma;
        norms[j] = StandardNormal.cdf((high - mu) / sigma) - StandardNormal.cdf((low - mu) / sigma);
      }
    }

    @Override
    double sample(SplittableRandom random) {
      int k = random.nextInt(mus.length);
      double a = StandardNormal.cdf((low - mus[k]) / sigmas[k]);
      double b = StandardNormal.cdf((high - mus[k]) / sigmas[k]);
      double x = mus[k] + sigmas[k] * StandardNormal.inverseCdf(a + random.nextDouble() * (b - a));
      x = Math.min(high, Math.max(low, x));
      return discrete ? Math.min(Math.floor(high), Math.max(Math.ceil(low), Math.rint(x))) : x;
    }

    @Override
    double logLikelihood(double u) {
      double sum = 0;
      for (int k = 0; k < mus.length; k++) {
        if (discrete) {
          double from = Math.max(low, u - 0.5);
          double to = Math.min(high, u + 0.5);
          sum += (StandardNormal.cdf((to - mus[k]) / sigmas[k]) - StandardNormal.cdf((from - mus[k]) / sigmas[k]))
              / norms[k];
        } else {
          sum += StandardNormal.density((u - mus[k]) / sigmas[k]) / (sigmas[k] * norms[k]);
        }
      }
      return Math.log(sum / mus.length);
    }
  }

  /** Category frequencies with add-one smoothing: {@code p_k = (count_k + 1) / (n + K)}. */
  static final class Categorical extends Parzen {
    private final double[] probabilities;

    Categorical(double[] observations, int categories) {
      probabilities = new double[categories];
      Arrays.fill(probabilities, 1.0);
      for (double u : observations) {
        probabilities[(int) u]++;
      }
      double total = observations.length + categories;
      for (int k = 0; k < categories; k++) {
        probabilities[k] /= total;
      }
    }

    @Override
    double sample(SplittableRandom random) {
      double r = random.nextDouble();
      double cumulative = 0;
      for (int k = 0; k < probabilities.length - 1; k++) {
        cumulative += probabilities[k];
        if (r < cumulative) {
          return k;
        }
      }
      return probabilities.length - 1;
    }

    @Override
    double logLikelihood(double u) {
      return Math.log(probabilities[(int) u]);
    }
  }
}
