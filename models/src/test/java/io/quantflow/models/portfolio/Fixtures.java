package io.quantflow.models.portfolio;

import java.util.List;
import java.util.SplittableRandom;

/** Named test data and independent reference computations (plain Gauss-Jordan, projected gradient, grids). */
final class Fixtures {
  private Fixtures() {}

  static final List<String> FOUR = List.of("A", "B", "C", "D");
  static final List<String> THREE = List.of("A", "B", "C");

  /** Annual-scale volatilities 20%, 25%, 15%, 30% with mixed correlations. */
  static Covariance fourAssets() {
    return Covariance.fromCorrelation(new double[] {0.20, 0.25, 0.15, 0.30}, new double[][] {
        {1.0, 0.3, 0.1, 0.2}, {0.3, 1.0, 0.25, 0.4}, {0.1, 0.25, 1.0, -0.1}, {0.2, 0.4, -0.1, 1.0}});
  }

  static Covariance threeAssets() {
    return Covariance.fromCorrelation(new double[] {0.20, 0.25, 0.15},
        new double[][] {{1.0, 0.3, 0.1}, {0.3, 1.0, 0.25}, {0.1, 0.25, 1.0}});
  }

  /** Gaussian returns {@code double[asset][time]} with the given per-period volatilities, seeded, uncorrelated. */
  static double[][] gaussianReturns(int assets, int periods, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] r = new double[assets][periods];
    for (int t = 0; t < periods; t++) {
      double common = gaussian(rnd);
      for (int i = 0; i < assets; i++) {
        // loadings 0.3 .. 0.9 on a common component give unequal correlations
        double a = 0.3 + 0.2 * (i % 4);
        r[i][t] = 0.0005 + 0.01 * (1 + 0.2 * i) * (a * common + Math.sqrt(1 - a * a) * gaussian(rnd));
      }
    }
    return r;
  }

  static double gaussian(SplittableRandom rnd) {
    double u = rnd.nextDouble();
    double v = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }

  /** The inverse by Gauss-Jordan elimination with partial pivoting (independent of ojAlgo). */
  static double[][] inverse(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n + i] = 1;
    }
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
          p = r;
        }
      }
      double[] tmp = m[c];
      m[c] = m[p];
      m[p] = tmp;
      double d = m[c][c];
      for (int j = 0; j < 2 * n; j++) {
        m[c][j] /= d;
      }
      for (int r = 0; r < n; r++) {
        if (r != c) {
          double f = m[r][c];
          for (int j = 0; j < 2 * n; j++) {
            m[r][j] -= f * m[c][j];
          }
        }
      }
    }
    double[][] inv = new double[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(m[i], n, inv[i], 0, n);
    }
    return inv;
  }

  static double[] times(double[][] a, double[] x) {
    double[] y = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < x.length; j++) {
        y[i] += a[i][j] * x[j];
      }
    }
    return y;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }

  /** Mean-variance objective {@code (gamma / 2) w'Sw - mu'w} (to minimise). */
  static double meanVarianceLoss(double[][] s, double[] mu, double gamma, double[] w) {
    return 0.5 * gamma * dot(w, times(s, w)) - dot(mu, w);
  }

  /**
   * Projection onto {@code {lo <= w_i <= hi, sum w = b}}: {@code w_i = clip(v_i - t)} with {@code t} found by
   * bisection.
   */
  static double[] projectBoxBudget(double[] v, double lo, double hi, double b) {
    double tLo = -1e3;
    double tHi = 1e3;
    double[] w = new double[v.length];
    for (int it = 0; it < 80; it++) {
      double t = 0.5 * (tLo + tHi);
      double total = 0;
      for (int i = 0; i < v.length; i++) {
        w[i] = Math.max(lo, Math.min(hi, v[i] - t));
        total += w[i];
      }
      if (total > b) {
        tLo = t;
      } else {
        tHi = t;
      }
    }
    return w;
  }

  /** Projected gradient for {@code min (gamma/2) w'Sw - mu'w} over the box and budget: an independent solver. */
  static double[] projectedGradient(double[][] s, double[] mu, double gamma, double lo, double hi, double b) {
    int n = mu.length;
    double lipschitz = 0;
    for (double[] row : s) {
      double r = 0;
      for (double v : row) {
        r += Math.abs(v);
      }
      lipschitz = Math.max(lipschitz, gamma * r);
    }
    double step = 1 / lipschitz;
    double[] w = projectBoxBudget(new double[n], lo, hi, b);
    for (int it = 0; it < 5_000; it++) {
      double[] g = times(s, w);
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = w[i] - step * (gamma * g[i] - mu[i]);
      }
      w = projectBoxBudget(v, lo, hi, b);
    }
    return w;
  }
}
