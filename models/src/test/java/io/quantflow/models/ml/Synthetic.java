package io.quantflow.models.ml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded synthetic data sets and independent reference metrics for the ML tests. */
public final class Synthetic {
  private Synthetic() {}

  /** Six feature names f0..f5. */
  public static final List<String> FEATURES = List.of("f0", "f1", "f2", "f3", "f4", "f5");

  /** Rows, 0/1 labels and the index at which the held-out part starts (the first two thirds train). */
  public record Classification(double[][] x, int[] y, int split) {
    public double[][] trainX() {
      return Arrays.copyOfRange(x, 0, split);
    }

    public int[] trainY() {
      return Arrays.copyOfRange(y, 0, split);
    }

    public double[][] testX() {
      return Arrays.copyOfRange(x, split, x.length);
    }

    public int[] testY() {
      return Arrays.copyOfRange(y, split, y.length);
    }

    public double[] testYAsDouble() {
      return Arrays.stream(testY()).asDoubleStream().toArray();
    }
  }

  /**
   * {@code n} rows of six independent standard normal features; {@code P(y = 1) = 1 / (1 + exp(-(a + b x2)))}.
   * With {@code b = 0} the labels are independent of the features.
   */
  public static Classification logistic(int n, double a, double b, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] x = new double[n][6];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 6; j++) {
        x[i][j] = gaussian(random);
      }
      double p = 1 / (1 + Math.exp(-(a + b * x[i][2])));
      y[i] = random.nextDouble() < p ? 1 : 0;
    }
    return new Classification(x, y, 2 * n / 3);
  }

  /** A standard normal draw (Box-Muller), deterministic for a seeded generator. */
  public static double gaussian(SplittableRandom random) {
    double u = random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }

  /** AUC by counting all positive-negative pairs: 1 when the positive scores higher, 1/2 on a tie. O(n^2). */
  public static double pairwiseAuc(int[] y, double[] scores) {
    List<Double> pos = new ArrayList<>();
    List<Double> neg = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      (y[i] == 1 ? pos : neg).add(scores[i]);
    }
    double wins = 0;
    for (double sp : pos) {
      for (double sn : neg) {
        wins += sp > sn ? 1 : sp == sn ? 0.5 : 0;
      }
    }
    return wins / ((double) pos.size() * neg.size());
  }

  /** Held-out R squared, {@code 1 - SSE / SST}. */
  public static double rSquared(double[] y, double[] predictions) {
    double mean = Arrays.stream(y).average().orElseThrow();
    double sse = 0;
    double sst = 0;
    for (int i = 0; i < y.length; i++) {
      sse += (y[i] - predictions[i]) * (y[i] - predictions[i]);
      sst += (y[i] - mean) * (y[i] - mean);
    }
    return 1 - sse / sst;
  }

  /** The model's prediction for every row. */
  public static double[] predictAll(Predictor model, double[][] x) {
    double[] p = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      p[i] = model.predict(x[i]);
    }
    return p;
  }
}
