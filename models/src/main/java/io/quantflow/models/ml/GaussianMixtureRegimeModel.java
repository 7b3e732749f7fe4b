package io.quantflow.models.ml;

import io.quantflow.domain.Checks;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import smile.stat.distribution.MultivariateGaussianDistribution;
import smile.stat.distribution.MultivariateMixture;

/**
 * A market-regime model: a Gaussian mixture (Smile's {@code MultivariateGaussianMixture}, full covariances, fitted by
 * regularised EM) whose components are the regimes. The components are renumbered after fitting so that regime 0 is
 * the calmest: ascending by the component mean of the spec's {@code volatilityFeature} when one is named, otherwise
 * by the trace of the component covariance (total variance), ties by Smile's order. {@link #predict(double[])}
 * returns the most probable regime index as a double. Immutable and thread-safe.
 */
public final class GaussianMixtureRegimeModel implements Predictor {
  private static final long serialVersionUID = 1L;

  private final MultivariateGaussianDistribution[] components;
  private final double[] logPriors;
  private final int featureCount;

  /**
   * Renumbers the fitted mixture's components calmest first.
   *
   * @param mixture the fitted mixture over p features
   * @param featureCount p
   * @param volatilityIndex the feature whose component mean orders the regimes, or -1 to order by covariance trace
   */
  GaussianMixtureRegimeModel(MultivariateMixture mixture, int featureCount, int volatilityIndex) {
    Checks.notNull(mixture, "mixture");
    this.featureCount = Checks.positive(featureCount, "featureCount");
    MultivariateMixture.Component[] fitted = mixture.components;
    double[] key = new double[fitted.length];
    for (int i = 0; i < fitted.length; i++) {
      MultivariateGaussianDistribution g = (MultivariateGaussianDistribution) fitted[i].distribution;
      if (volatilityIndex >= 0) {
        key[i] = g.mu[volatilityIndex];
      } else {
        for (int j = 0; j < featureCount; j++) {
          key[i] += g.sigma.get(j, j);
        }
      }
    }
    int[] order = IntStream.range(0, fitted.length).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> key[i]).thenComparingInt(i -> i))
        .mapToInt(Integer::intValue).toArray();
    this.components = new MultivariateGaussianDistribution[fitted.length];
    this.logPriors = new double[fitted.length];
    for (int r = 0; r < order.length; r++) {
      components[r] = (MultivariateGaussianDistribution) fitted[order[r]].distribution;
      logPriors[r] = Math.log(fitted[order[r]].priori);
    }
  }

  /** The most probable regime, 0 the calmest, as a double. */
  @Override
  public double predict(double[] x) {
    double[] logJoint = logJoint(x);
    int best = 0;
    for (int r = 1; r < logJoint.length; r++) {
      if (logJoint[r] > logJoint[best]) {
        best = r;
      }
    }
    return best;
  }

  /**
   * The posterior probability of each regime given {@code x}, summing to 1. Computed in log space, so a row far from
   * every component still gets finite probabilities.
   */
  public double[] posteriori(double[] x) {
    double[] logJoint = logJoint(x);
    double max = Arrays.stream(logJoint).max().orElseThrow();
    double sum = 0;
    double[] p = new double[logJoint.length];
    for (int r = 0; r < p.length; r++) {
      p[r] = Math.exp(logJoint[r] - max);
      sum += p[r];
    }
    for (int r = 0; r < p.length; r++) {
      p[r] /= sum;
    }
    return p;
  }

  /** The number of regimes. */
  public int regimes() {
    return components.length;
  }

  /** The mean feature vector of {@code regime} (a copy). */
  public double[] mean(int regime) {
    Checks.isTrue(regime >= 0 && regime < components.length,
        "Argument 'regime' must be in [0, %d) but was %d", components.length, regime);
    return components[regime].mu.clone();
  }

  /** The variance of feature {@code feature} within {@code regime}. */
  public double variance(int regime, int feature) {
    Checks.isTrue(regime >= 0 && regime < components.length,
        "Argument 'regime' must be in [0, %d) but was %d", components.length, regime);
    Checks.isTrue(feature >= 0 && feature < featureCount,
        "Argument 'feature' must be in [0, %d) but was %d", featureCount, feature);
    return components[regime].sigma.get(feature, feature);
  }

  /** The mixture weight (prior probability) of {@code regime}. */
  public double prior(int regime) {
    Checks.isTrue(regime >= 0 && regime < components.length,
        "Argument 'regime' must be in [0, %d) but was %d", components.length, regime);
    return Math.exp(logPriors[regime]);
  }

  /** The number of features the model takes. */
  public int featureCount() {
    return featureCount;
  }

  private double[] logJoint(double[] x) {
    SmileData.checkRow(x, featureCount);
    double[] logJoint = new double[components.length];
    for (int r = 0; r < components.length; r++) {
      logJoint[r] = logPriors[r] + components[r].logp(x);
    }
    return logJoint;
  }
}
