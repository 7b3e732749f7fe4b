package io.quantflow.operators.portfolio;

import io.quantflow.models.risk.hedge.Beta;
import io.quantflow.models.risk.hedge.BetaHedge;
import io.quantflow.models.risk.hedge.MinimumVarianceHedge;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The hedge of {@link Hedge} inside the {@link PortfolioSimulator}: keeps the last {@code lookbackBars} returns of
 * every symbol between valuations (in {@link PortfolioState}: a ring shared by all symbols) and turns them and the
 * book into share targets of the hedge instruments with the kernels of {@code io.quantflow.models.risk.hedge}
 * ({@link Beta}, {@link BetaHedge}, {@link MinimumVarianceHedge}). A valuation's returns use closes up to that
 * valuation only. Plain Java, not thread-safe.
 */
final class Hedger {
  private final Hedge config;

  Hedger(Hedge config) {
    this.config = config;
  }

  /** Slots of the return ring. */
  int historyLength() {
    return config.lookbackBars();
  }

  /**
   * Records the returns of the valuation just made: {@code close / close at the previous valuation - 1} per
   * symbol, NaN when either close is unknown (a symbol without a new bar has return 0).
   */
  void record(PortfolioState s) {
    int cap = historyLength();
    for (int i = 0; i < s.symbols.length; i++) {
      double prev = s.valuationClose[i];
      double now = s.lastClose[i];
      s.barReturns[i][s.returnHead] = prev > 0 && now > 0 ? now / prev - 1 : Double.NaN;
      s.valuationClose[i] = now;
    }
    s.returnHead = (s.returnHead + 1) % cap;
    s.returnCount = Math.min(s.returnCount + 1, cap);
  }

  /**
   * The hedge targets.
   *
   * @param instruments index in the state of each hedge instrument, in the order of {@link Hedge#instruments()}
   * @param shares target shares per instrument (truncated towards zero), in that order
   * @param basis how they were made, for the order's audit trail and the tests
   */
  record Target(int[] instruments, double[] shares, String basis) {}

  /**
   * The share targets of the hedge instruments for the current book at {@code equity} USD, or null while an
   * instrument has fewer than {@code minBars} returns, has no price, or the regression is undefined (the hedge
   * then stays as it is).
   *
   * @param index the state index of each hedge instrument
   */
  Target target(PortfolioState s, int[] index, double equity) {
    int n = s.returnCount;
    double[][] instruments = new double[index.length][];
    for (int j = 0; j < index.length; j++) {
      instruments[j] = series(s, index[j]);
      if (!(s.lastClose[index[j]] > 0) || finite(instruments[j]) < config.minBars()) {
        return null;
      }
    }
    return config.method().equals("beta") ? beta(s, index, instruments[0], n)
        : minimumVariance(s, index, instruments, equity, n);
  }

  /** {@code rm}: the first instrument's returns. */
  private Target beta(PortfolioState s, int[] index, double[] rm, int n) {
    int h = index[0];
    Map<String, Double> values = new HashMap<>();
    Map<String, Double> betas = new HashMap<>();
    int estimated = 0;
    for (int i = 0; i < s.symbols.length; i++) {
      if (s.shares[i] == 0 || config.isInstrument(s.symbols[i]) || !(s.lastClose[i] > 0)) {
        continue;
      }
      values.put(s.symbols[i], config.ratio() * s.shares[i] * s.lastClose[i]);
      double beta = 1.0; // a symbol without enough history is assumed to move with the market
      double[] ra = series(s, i);
      int pairs = 0;
      for (int k = 0; k < n; k++) {
        pairs += Double.isNaN(ra[k]) || Double.isNaN(rm[k]) ? 0 : 1;
      }
      if (pairs >= config.minBars()) {
        double[] a = new double[pairs];
        double[] m = new double[pairs];
        for (int k = 0, j = 0; k < n; k++) {
          if (!Double.isNaN(ra[k]) && !Double.isNaN(rm[k])) {
            a[j] = ra[k];
            m[j++] = rm[k];
          }
        }
        try {
          beta = Beta.estimate(a, m);
          estimated++;
        } catch (IllegalArgumentException e) {
          beta = 1.0; // the instrument did not move over the window: no beta to estimate
        }
      }
      betas.put(s.symbols[i], beta);
    }
    BetaHedge hedge = BetaHedge.of(values, betas, s.lastClose[h]);
    return new Target(index, new double[] {hedge.hedgeShares()}, String.format(Locale.ROOT,
        "beta hedge: book beta exposure %.2f USD (%d of %d betas estimated over %d returns, ratio %.2f)",
        hedge.betaExposureUsd(), estimated, values.size(), n, config.ratio()));
  }

  /** {@code all}: each instrument's returns, in the order of {@code index}. */
  private Target minimumVariance(PortfolioState s, int[] index, double[][] all, double equity, int n) {
    if (!(equity > 0)) {
      return null;
    }
    int m = index.length;
    int periods = 0;
    for (int k = 0; k < n; k++) {
      periods += complete(all, k) ? 1 : 0;
    }
    if (periods < Math.max(config.minBars(), m + 2)) {
      return null;
    }
    double[] rp = new double[periods];
    double[][] rh = new double[m][periods];
    double[][] book = new double[s.symbols.length][];
    for (int i = 0; i < s.symbols.length; i++) {
      if (s.shares[i] != 0 && !config.isInstrument(s.symbols[i]) && s.lastClose[i] > 0) {
        book[i] = series(s, i);
      }
    }
    for (int k = 0, p = 0; k < n; k++) {
      if (!complete(all, k)) {
        continue;
      }
      double r = 0;
      for (int i = 0; i < book.length; i++) {
        if (book[i] != null && !Double.isNaN(book[i][k])) {
          r += s.shares[i] * s.lastClose[i] / equity * book[i][k];
        }
      }
      rp[p] = r;
      for (int j = 0; j < m; j++) {
        rh[j][p] = all[j][k];
      }
      p++;
    }
    MinimumVarianceHedge fit;
    try {
      fit = MinimumVarianceHedge.fit(rp, rh);
    } catch (IllegalArgumentException e) {
      return null; // collinear or motionless instruments: keep the hedge as it is
    }
    double[] h = fit.ratios();
    double[] shares = new double[m];
    for (int j = 0; j < m; j++) {
      double usd = -config.ratio() * h[j] * equity;
      shares[j] = (long) (usd / s.lastClose[index[j]]); // the cast truncates toward zero
    }
    return new Target(index, shares, String.format(Locale.ROOT,
        "minimum-variance hedge: ratios %s over %d returns, variance reduction %.1f%%",
        java.util.Arrays.toString(h), periods, 100 * fit.varianceReduction()));
  }

  private static boolean complete(double[][] series, int k) {
    for (double[] r : series) {
      if (Double.isNaN(r[k])) {
        return false;
      }
    }
    return true;
  }

  private static int finite(double[] r) {
    int c = 0;
    for (double v : r) {
      c += Double.isNaN(v) ? 0 : 1;
    }
    return c;
  }

  /** Symbol {@code i}'s recorded returns, oldest first. */
  private static double[] series(PortfolioState s, int i) {
    int cap = s.barReturns[i].length;
    double[] out = new double[s.returnCount];
    for (int k = 0; k < out.length; k++) {
      out[k] = s.barReturns[i][Math.floorMod(s.returnHead - s.returnCount + k, cap)];
    }
    return out;
  }
}
