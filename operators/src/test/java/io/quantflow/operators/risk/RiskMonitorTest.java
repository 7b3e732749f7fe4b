package io.quantflow.operators.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.models.risk.PortfolioReturns;
import io.quantflow.models.risk.ValueAtRisk;
import io.quantflow.models.risk.VarSpec;
import io.quantflow.models.risk.limits.RiskLimits;
import io.quantflow.models.stats.StandardNormal;
import io.quantflow.operators.portfolio.BookSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exposures, VaR by every method, bar and daily returns, and limit alerts of a book, worked out by hand. */
class RiskMonitorTest {
  static final long T0 = 1_549_895_400_000_000L;
  static final long MIN = 60_000_000L;
  static final long DAY = 86_400_000_000L;

  /** {@code returns: bars} at 99%. */
  static RiskConfig bars(String method, int window, int horizon, int min, Long seed, Integer dof) {
    return new RiskConfig(null, window, horizon, 0.99, method, null, min, null, null, null, null, null, seed, dof,
        null, null);
  }

  /** {@code returns: bars}, historical at 99%, with the scenarios {@code stress} and limit {@code maxStressLoss}. */
  static RiskConfig stressed(int window, int horizon, int min, List<RiskConfig.StressShock> stress,
      Double maxStressLoss) {
    return new RiskConfig(null, window, horizon, 0.99, "historical", null, min, null, null, null, null, null, null,
        null, stress, maxStressLoss);
  }

  static RiskConfig.StressShock index(double move, String index) {
    return new RiskConfig.StressShock("index", move, index, null, null);
  }

  static final RiskConfig.StressShock CORRELATIONS_TO_ONE =
      new RiskConfig.StressShock("correlations-to-one", null, null, null, null);

  /** AAPL, MSFT and SPY (never held) at consecutive valuations, equity 100,000. */
  static BookSnapshot book3(int k, double aaplShares, double aapl, double msftShares, double msft, double spyShares,
      double spy) {
    return new BookSnapshot(T0 + k * MIN, 100_000, 100_000, new String[] {"AAPL", "MSFT", "SPY"},
        new double[] {aaplShares, msftShares, spyShares}, new double[] {aapl, msft, spy});
  }

  /** {@code returns: daily} at 99%. */
  static RiskConfig daily(String method, int windowDays, int horizonDays, int minDays) {
    return new RiskConfig(null, null, null, 0.99, method, null, null, "daily", windowDays, horizonDays, minDays,
        null, null, null, null, null);
  }

  /** Prices from {@code p0} by the returns {@code r} (r[0] unused): the closes of consecutive valuations. */
  static double[] prices(double p0, double[] r) {
    double[] p = new double[r.length];
    p[0] = p0;
    for (int k = 1; k < r.length; k++) {
      p[k] = p[k - 1] * (1 + r[k]);
    }
    return p;
  }

  /** The last {@code m} returns {@code p_k / p_(k-1) - 1} of {@code p}, as the monitor computes them. */
  static double[] tailReturns(double[] p, int m) {
    double[] r = new double[m];
    for (int t = 0; t < m; t++) {
      int k = p.length - m + t;
      r[t] = p[k] / p[k - 1] - 1;
    }
    return r;
  }

  /** Runs a 300 AAPL / -400 MSFT book, equity 100,000, through the closes; the last report. */
  static RiskReport run(RiskConfig cfg, double[] aapl, double[] msft) {
    RiskMonitor m = new RiskMonitor(cfg, RiskLimits.none(), Map.of());
    RiskMonitor.State s = new RiskMonitor.State();
    RiskReport last = null;
    for (int k = 0; k < aapl.length; k++) {
      last = m.apply(s, book(k, 100_000, 100_000, 300, aapl[k], -400, msft[k])).report();
    }
    return last;
  }

  static BookSnapshot book(int k, double equity, double peak, double aaplShares, double aapl, double msftShares,
      double msft) {
    return new BookSnapshot(T0 + k * MIN, equity, peak, new String[] {"AAPL", "MSFT"},
        new double[] {aaplShares, msftShares}, new double[] {aapl, msft});
  }

  @Test
  void exposuresConcentrationAndDrawdownOfALongShortBook() {
    RiskMonitor m = new RiskMonitor(RiskConfig.DEFAULT, RiskLimits.none(), Map.of());
    // 100 AAPL at 100 (10,000 long), -50 MSFT at 200 (10,000 short), equity 100,000, peak 125,000
    RiskReport r = m.apply(new RiskMonitor.State(), book(0, 100_000, 125_000, 100, 100, -50, 200)).report();
    assertThat(r.grossExposure()).isCloseTo(0.2, within(1e-15));
    assertThat(r.netExposure()).isZero();
    assertThat(r.largestPositionWeight()).isCloseTo(0.1, within(1e-15));
    assertThat(r.concentration()).isCloseTo(0.02, within(1e-15)); // 0.1^2 + 0.1^2
    assertThat(r.drawdown()).isCloseTo(0.2, within(1e-15));
    assertThat(r.valueAtRisk()).isNaN(); // no returns yet
    assertThat(r.worstLimitUsage()).isNaN();
  }

  @Test
  void historicalVarIsTheWorstWeightedReturnOfTheWindow() {
    // one-bar horizon, 99%: with 39 returns the tail is the single worst one (ceil(39 x 0.01) = 1)
    RiskConfig cfg = bars("historical", 50, 1, 30, null, null);
    RiskMonitor m = new RiskMonitor(cfg, RiskLimits.none(), Map.of());
    RiskMonitor.State s = new RiskMonitor.State();
    double price = 100;
    double worst = 0;
    RiskReport last = null;
    for (int k = 0; k < 40; k++) {
      double r = k == 0 ? 0 : (k == 17 ? -0.03 : 0.001 * ((k % 5) - 2)); // bar 17 falls 3%
      price *= 1 + r;
      worst = Math.min(worst, r);
      // 500 AAPL shares: weight = 500 price / 100,000; MSFT flat and not held
      last = m.apply(s, book(k, 100_000, 100_000, 500, price, 0, 50)).report();
      if (k < 30) {
        assertThat(last.valueAtRisk()).as("bar %d", k).isNaN(); // fewer than minBars returns
      }
    }
    double weight = 500 * price / 100_000;
    // the weighted worst return, w x r with the current weight; the kernel's floating point may differ in the
    // last bit from this product
    assertThat(last.valueAtRisk()).isCloseTo(-weight * worst, within(1e-15));
    assertThat(last.conditionalValueAtRisk()).isCloseTo(-weight * worst, within(1e-15));
  }

  @Test
  void aBreachAlertsOnceAndReArmsBelowNinetyPercentOfItsLimit() {
    RiskMonitor m = new RiskMonitor(RiskConfig.DEFAULT, RiskLimits.none().withMaxGrossExposure(0.15), Map.of());
    RiskMonitor.State s = new RiskMonitor.State();
    List<RiskAlert> first = m.apply(s, book(0, 100_000, 100_000, 100, 100, -50, 200)).alerts(); // gross 0.20
    assertThat(first).singleElement().satisfies(a -> {
      assertThat(a.limit()).isEqualTo("portfolio.limits.maxGrossExposure");
      assertThat(a.subject()).isEqualTo("book");
      assertThat(a.value()).isCloseTo(0.2, within(1e-15));
      assertThat(a.message()).endsWith("raise portfolio.limits.maxGrossExposure");
    });
    assertThat(m.apply(s, book(1, 100_000, 100_000, 100, 100, -50, 200)).alerts()).isEmpty(); // still breached
    RiskReport at14 = m.apply(s, book(2, 100_000, 100_000, 100, 100, -20, 200)).report(); // 0.14: within, not re-armed
    assertThat(at14.breaches()).isZero();
    assertThat(at14.worstLimitUsage()).isCloseTo(0.14 / 0.15, within(1e-12));
    assertThat(m.apply(s, book(3, 100_000, 100_000, 100, 100, -50, 200)).alerts()).isEmpty();
    m.apply(s, book(4, 100_000, 100_000, 100, 100, -10, 200)); // 0.12 < 0.135: re-armed
    assertThat(m.apply(s, book(5, 100_000, 100_000, 100, 100, -50, 200)).alerts()).hasSize(1);
  }

  @Test
  void theTopVarContributorIsTheLargestEulerShareOfTheNormalVar() {
    int n = 46;
    double[] ra = new double[n];
    double[] rm = new double[n];
    for (int k = 1; k < n; k++) {
      ra[k] = k % 9 == 0 ? -0.02 : 0.001 * (k % 4);
      rm[k] = k % 7 == 0 ? 0.015 : -0.0005 * (k % 3);
    }
    double[] aapl = prices(100, ra);
    double[] msft = prices(50, rm);
    RiskReport r = run(bars("historical", 40, 10, 30, null, null), aapl, msft);
    // by hand: sample mean and covariance (n - 1) of the window, w at the last closes, h = 10, z_0.99;
    // component_i = w_i (-h mu_i + z sqrt(h) (S w)_i / sigma_p), share_i = component_i / sum of components
    double[][] x = {tailReturns(aapl, 40), tailReturns(msft, 40)};
    double[] w = {300 * aapl[n - 1] / 100_000, -400 * msft[n - 1] / 100_000};
    double[] mu = new double[2];
    for (int i = 0; i < 2; i++) {
      for (double v : x[i]) {
        mu[i] += v / 40;
      }
    }
    double[][] cov = new double[2][2];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        for (int t = 0; t < 40; t++) {
          cov[i][j] += (x[i][t] - mu[i]) * (x[j][t] - mu[j]) / 39;
        }
      }
    }
    double[] sw = {cov[0][0] * w[0] + cov[0][1] * w[1], cov[1][0] * w[0] + cov[1][1] * w[1]};
    double sigma = Math.sqrt(w[0] * sw[0] + w[1] * sw[1]);
    double z = 2.3263478740408408;
    double[] component = new double[2];
    for (int i = 0; i < 2; i++) {
      component[i] = w[i] * (-10 * mu[i] + z * Math.sqrt(10) * sw[i] / sigma);
    }
    double total = component[0] + component[1];
    int top = component[0] / total >= component[1] / total ? 0 : 1;
    assertThat(r.topVarSymbol()).isEqualTo(top == 0 ? "AAPL" : "MSFT");
    assertThat(r.topVarShare()).isCloseTo(component[top] / total, within(1e-9));
    // a flat book has none
    RiskMonitor m = new RiskMonitor(bars("historical", 40, 10, 30, null, null), RiskLimits.none(), Map.of());
    RiskReport flat = m.apply(new RiskMonitor.State(), book(0, 100_000, 100_000, 0, 100, 0, 50)).report();
    assertThat(flat.topVarSymbol()).isEmpty();
    assertThat(flat.topVarShare()).isNaN();
  }

  @Test
  void cornishFisherIsTheKernelsFigureOnTheWindowAndTheCurrentWeights() {
    int n = 46;
    double[] ra = new double[n];
    double[] rm = new double[n];
    for (int k = 1; k < n; k++) { // skewed: small gains, an occasional large loss
      ra[k] = k % 9 == 0 ? -0.02 : 0.001 * (k % 4);
      rm[k] = k % 7 == 0 ? 0.015 : -0.0005 * (k % 3);
    }
    double[] aapl = prices(100, ra);
    double[] msft = prices(50, rm);
    RiskReport r = run(bars("cornish-fisher", 40, 10, 30, null, null), aapl, msft);
    // the window holds the last 40 of the 45 returns; weights at the last closes
    double[] w = {300 * aapl[n - 1] / 100_000, -400 * msft[n - 1] / 100_000};
    PortfolioReturns p = new PortfolioReturns(new double[][] {tailReturns(aapl, 40), tailReturns(msft, 40)}, w);
    var expected = ValueAtRisk.cornishFisher(p, VarSpec.of(0.99, 10));
    assertThat(r.valueAtRisk()).isCloseTo(expected.var(), within(1e-15)).isPositive();
    assertThat(r.conditionalValueAtRisk()).isCloseTo(expected.cvar(), within(1e-15))
        .isGreaterThan(r.valueAtRisk());
    // not the normal figure: the skew matters
    RiskReport normal = run(bars("parametric", 40, 10, 30, null, null), aapl, msft);
    assertThat(Math.abs(r.valueAtRisk() - normal.valueAtRisk())).isGreaterThan(1e-4);
  }

  @Test
  void monteCarloIsReproducibleAndWithinStandardErrorsOfTheNormalFigure() {
    int n = 201;
    java.util.Random g = new java.util.Random(7);
    double[] ra = new double[n];
    double[] rm = new double[n];
    for (int k = 1; k < n; k++) { // correlated normal returns, 1% and 0.8% a bar
      double z = g.nextGaussian();
      ra[k] = 0.01 * z;
      rm[k] = 0.008 * (0.6 * z + 0.8 * g.nextGaussian());
    }
    double[] aapl = prices(100, ra);
    double[] msft = prices(50, rm);
    RiskReport mc = run(bars("monte-carlo", 200, 1, 200, null, null), aapl, msft);
    RiskReport again = run(bars("monte-carlo", 200, 1, 200, null, null), aapl, msft);
    RiskReport otherSeed = run(bars("monte-carlo", 200, 1, 200, 43L, null), aapl, msft);
    RiskReport normal = run(bars("parametric", 200, 1, 200, null, null), aapl, msft);
    assertThat(again).isEqualTo(mc); // seed 42 at every valuation
    assertThat(otherSeed.valueAtRisk()).isNotEqualTo(mc.valueAtRisk());
    assertThat(mc.valueAtRisk()).isPositive();
    assertThat(mc.conditionalValueAtRisk()).isGreaterThan(mc.valueAtRisk());
    // the portfolio's sample sd: the simulation's normal has the window's mean and covariance, so the same sd
    double[] w = {300 * aapl[n - 1] / 100_000, -400 * msft[n - 1] / 100_000};
    double[] pr = new PortfolioReturns(new double[][] {tailReturns(aapl, 200), tailReturns(msft, 200)}, w)
        .portfolioReturns();
    double mean = java.util.Arrays.stream(pr).average().orElseThrow();
    double ss = 0;
    for (double x : pr) {
      ss += (x - mean) * (x - mean);
    }
    double sd = Math.sqrt(ss / (pr.length - 1));
    double z = StandardNormal.inverseCdf(0.99);
    assertThat(normal.valueAtRisk()).isCloseTo(-mean + sd * z, within(1e-15));
    // the standard error of an empirical 1% quantile of N = 10,000 normal draws: sqrt(0.01 x 0.99 / N) / phi(z) sd
    double se = Math.sqrt(0.01 * 0.99 / 10_000) / StandardNormal.density(z) * sd;
    assertThat(mc.valueAtRisk()).isCloseTo(normal.valueAtRisk(), within(4 * se));
    assertThat(otherSeed.valueAtRisk()).isCloseTo(normal.valueAtRisk(), within(4 * se));
    // Student-t with 5 degrees of freedom, scaled to the same variance: the fatter tail's closed form
    RiskReport t5 = run(bars("monte-carlo", 200, 1, 200, null, 5), aapl, msft);
    double tVar = ValueAtRisk.studentTVar(mean, sd, 5, 0.99); // -mean + sd sqrt(3/5) t_0.99(5) = 2.61 sd
    // the t quantile's standard error: density of sqrt(3/5) T at its 99% quantile, 0.0141 / sd
    assertThat(t5.valueAtRisk()).isGreaterThan(normal.valueAtRisk()).isCloseTo(tVar, within(4 * 0.0707 * sd));
  }

  @Test
  void dailyReturnsAreOfCompletedSessionClosesOnly() {
    // two valuations a day (09:30 and 15:59 New York, Monday 2019-02-11 on); the session close is the 15:59 one
    double[][] aapl = {{101, 100}, {99, 102}, {105, 99}, {100, 101}, {103}};
    double[][] msft = {{50.2, 50}, {51, 50.5}, {50, 51}, {52, 49}, {48}};
    RiskMonitor hist = new RiskMonitor(daily("historical", 3, 1, 3), RiskLimits.none(), Map.of());
    RiskMonitor param = new RiskMonitor(daily("parametric", 3, 4, 3), RiskLimits.none(), Map.of());
    RiskMonitor.State hs = new RiskMonitor.State();
    RiskMonitor.State ps = new RiskMonitor.State();
    RiskReport h = null;
    RiskReport p = null;
    for (int d = 0; d < aapl.length; d++) {
      for (int v = 0; v < aapl[d].length; v++) {
        long t = T0 + d * DAY + v * 389 * MIN;
        BookSnapshot b = new BookSnapshot(t, 100_000, 100_000, new String[] {"AAPL", "MSFT"},
            new double[] {100, 200}, new double[] {aapl[d][v], msft[d][v]});
        h = hist.apply(hs, b).report();
        p = param.apply(ps, b).report();
        if (d < 4) {
          // Thursday 15:59 still has only Mon..Wed complete: 2 session returns, fewer than minDays 3
          assertThat(h.valueAtRisk()).as("day %d valuation %d", d, v).isNaN();
        }
      }
    }
    // Friday 09:30: session closes Mon..Thu AAPL 100, 102, 99, 101 and MSFT 50, 50.5, 51, 49 (the intraday 105
    // and 52 never enter); weights at Friday's prices 100 x 103 / 100,000 = 0.103 and 200 x 48 / 100,000 = 0.096
    double[] ra = {102.0 / 100 - 1, 99.0 / 102 - 1, 101.0 / 99 - 1};
    double[] rm = {50.5 / 50 - 1, 51 / 50.5 - 1, 49.0 / 51 - 1};
    double[] rp = new double[3];
    for (int t = 0; t < 3; t++) {
      rp[t] = 0.103 * ra[t] + 0.096 * rm[t];
    }
    // Tuesday -> Wednesday: 0.103 x -2.94% + 0.096 x 0.99% = -0.208%, the worst of the three (k = ceil(0.03) = 1)
    assertThat(rp[1]).isCloseTo(-0.0020789, within(1e-7));
    assertThat(h.valueAtRisk()).isCloseTo(-rp[1], within(1e-15));
    assertThat(h.conditionalValueAtRisk()).isCloseTo(-rp[1], within(1e-15));
    // parametric over 4 sessions: -4 mean + 2 sd z_0.99, no scaling from bars
    double mean = (rp[0] + rp[1] + rp[2]) / 3;
    double sd = Math.sqrt(((rp[0] - mean) * (rp[0] - mean) + (rp[1] - mean) * (rp[1] - mean)
        + (rp[2] - mean) * (rp[2] - mean)) / 2);
    assertThat(p.valueAtRisk()).isCloseTo(-4 * mean + 2 * sd * StandardNormal.inverseCdf(0.99), within(1e-14));
  }

  @Test
  void anIndexShockMovesEachPositionByItsBetaToTheIndex() {
    // three returns of the window: SPY +1%, -1%, +3% (deviations from the mean 1%: 0, -2%, +2%, sum of squares
    // 0.0008); AAPL twice SPY, so beta 2; MSFT 0, +1%, 0, so beta (-0.02 x 0.01) / 0.0008 = -0.25
    double[] aapl = prices(100, new double[] {0, 0.02, -0.02, 0.06});
    double[] msft = prices(50, new double[] {0, 0, 0.01, 0});
    double[] spy = prices(300, new double[] {0, 0.01, -0.01, 0.03});
    RiskMonitor m = new RiskMonitor(stressed(3, 1, 3, List.of(index(-0.10, "SPY")), null), RiskLimits.none(),
        Map.of());
    RiskMonitor.State s = new RiskMonitor.State();
    RiskReport r = null;
    for (int k = 0; k < 4; k++) {
      r = m.apply(s, book3(k, 300, aapl[k], -400, msft[k], 0, spy[k])).report();
      if (k < 3) {
        assertThat(r.stressLoss()).as("valuation %d", k).isNaN(); // fewer than minBars 3 returns
        assertThat(r.stressScenario()).isEmpty();
      }
    }
    double va = 300 * aapl[3];
    double vm = -400 * msft[3];
    // loss = -(v_AAPL x 2 + v_MSFT x -0.25) x -10% / equity: the long and the short both lose
    assertThat(r.stressLoss()).isCloseTo(-(va * 2 + vm * -0.25) * -0.10 / 100_000, within(1e-12));
    assertThat(r.stressLoss()).isCloseTo(0.1 * (2 * 300 * 105.9576 + 0.25 * 400 * 50.5) / 100_000, within(1e-12));
    assertThat(r.stressScenario()).isEqualTo("index SPY -10%");
    // without the setting there is no stress figure
    RiskReport plain = run(bars("parametric", 3, 1, 3, null, null), aapl, msft);
    assertThat(plain.stressLoss()).isNaN();
    assertThat(plain.stressScenario()).isEmpty();
  }

  @Test
  void aStressLossAboveItsLimitAlertsOnceAndReArmsBelowNinetyPercent() {
    // the index itself held: beta 1, so the loss of SPY -10% is 10% of its weight; flat prices, so the
    // volatility scenario loses nothing and the index one is the worst
    RiskConfig cfg = stressed(5, 1, 2, List.of(new RiskConfig.StressShock("volatility", null, null, 3.0, null),
        index(-0.10, "SPY")), 0.05);
    RiskMonitor m = new RiskMonitor(cfg, RiskLimits.none(), Map.of());
    RiskMonitor.State s = new RiskMonitor.State();
    double[] spyShares = {600, 600, 600, 580, 460, 600, 440, 600};
    List<List<RiskAlert>> alerts = new java.util.ArrayList<>();
    List<RiskReport> reports = new java.util.ArrayList<>();
    for (int k = 0; k < spyShares.length; k++) {
      RiskMonitor.Output o = m.apply(s, book3(k, 0, 100, 0, 50, spyShares[k], 100));
      alerts.add(o.alerts());
      reports.add(o.report());
    }
    assertThat(reports.get(1).stressLoss()).isNaN(); // one return, fewer than minBars 2
    RiskReport at2 = reports.get(2);
    assertThat(at2.stressLoss()).isCloseTo(0.06, within(1e-15)); // 600 x 100 / 100,000 x 10%
    assertThat(at2.stressScenario()).isEqualTo("index SPY -10%");
    assertThat(at2.worstLimitUsage()).isCloseTo(0.06 / 0.05, within(1e-12));
    assertThat(at2.breaches()).isEqualTo(1);
    assertThat(alerts.get(2)).singleElement().satisfies(a -> {
      assertThat(a.limit()).isEqualTo("risk.maxStressLoss");
      assertThat(a.subject()).isEqualTo("book");
      assertThat(a.value()).isCloseTo(0.06, within(1e-15));
      assertThat(a.threshold()).isEqualTo(0.05);
      assertThat(a.message()).isEqualTo("stress scenario 'index SPY -10%' loses 6.00% of equity, above the limit "
          + "5.00% (risk.maxStressLoss); reduce or hedge the exposure to it");
    });
    assertThat(alerts.get(3)).isEmpty(); // 5.8%: still breached
    assertThat(reports.get(4).breaches()).isZero(); // 4.6%: within, but not below 4.5%, so not re-armed
    assertThat(alerts.get(5)).isEmpty();
    assertThat(reports.get(6).stressLoss()).isCloseTo(0.044, within(1e-15)); // below 4.5%: re-armed
    assertThat(alerts.get(7)).hasSize(1);
  }

  @Test
  void covarianceShocksAreTheStressKernelsVarOnTheWindowAtTheHorizon() {
    int n = 41;
    java.util.Random g = new java.util.Random(11);
    double[] ra = new double[n];
    double[] rm = new double[n];
    for (int k = 1; k < n; k++) { // correlated: 0.5 correlation between the long and the short
      double z = g.nextGaussian();
      ra[k] = 0.01 * z;
      rm[k] = 0.02 * (0.5 * z + Math.sqrt(0.75) * g.nextGaussian());
    }
    double[] aapl = prices(100, ra);
    double[] msft = prices(50, rm);
    RiskReport r = run(stressed(30, 4, 30, List.of(CORRELATIONS_TO_ONE), null), aapl, msft);
    double[] w = {300 * aapl[n - 1] / 100_000, -400 * msft[n - 1] / 100_000};
    double[][] panel = {tailReturns(aapl, 30), tailReturns(msft, 30)};
    // the kernel on the same inputs: the window's sample covariance over 4 bars, the current book, 99%
    var inputs = new io.quantflow.models.risk.stress.StressInputs(new io.quantflow.models.risk.stress.Exposures(
        Map.of("AAPL", w[0] * 100_000, "MSFT", w[1] * 100_000), 100_000), Map.of(),
        new io.quantflow.models.risk.stress.SymbolCovariance(List.of("AAPL", "MSFT"),
            io.quantflow.models.portfolio.SampleCovariance.estimate(panel).scaled(4)), 0.99);
    double kernel = io.quantflow.models.risk.stress.StressTest.apply(
        new io.quantflow.models.risk.stress.HypotheticalShock.CorrelationsToOne("c"), inputs).var().stressedVar();
    assertThat(r.stressLoss()).isCloseTo(kernel, within(1e-15));
    assertThat(r.stressScenario()).isEqualTo("correlations to one");
    // by hand: z sqrt(4) |w_A sd_A + w_M sd_M|, the sample sds of the window
    double hand = StandardNormal.inverseCdf(0.99) * 2 * Math.abs(w[0] * sd(panel[0]) + w[1] * sd(panel[1]));
    assertThat(r.stressLoss()).isCloseTo(hand, within(1e-14));
    // volatility x3 keeps the correlation: 3 x the zero-mean normal VaR, above the long-short book's
    // correlations-to-one figure, so the worst of the two
    RiskReport both = run(stressed(30, 4, 30, List.of(CORRELATIONS_TO_ONE,
        new RiskConfig.StressShock("volatility", null, null, 3.0, null)), null), aapl, msft);
    double[] rp = new io.quantflow.models.risk.PortfolioReturns(panel, w).portfolioReturns();
    assertThat(both.stressLoss()).isCloseTo(3 * StandardNormal.inverseCdf(0.99) * 2 * sd(rp), within(1e-14))
        .isGreaterThan(r.stressLoss());
    assertThat(both.stressScenario()).isEqualTo("volatility x3");
  }

  @Test
  void stressSettingsAreCheckedWithTheirNames() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> index(-1.5, "SPY"))
        .hasMessageContaining("'risk.stress[].move' of an index shock must be a finite return of at least -1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RiskConfig.StressShock("crash", null, null, null,
        null)).hasMessageContaining("index, volatility or correlations-to-one but was 'crash'");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> stressed(5, 1, 2, List.of(), 0.05))
        .hasMessageContaining("'risk.maxStressLoss' needs scenarios in 'risk.stress'");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> stressed(5, 1, 1, List.of(CORRELATIONS_TO_ONE), null))
        .hasMessageContaining("'risk.minBars' must be at least 2 for a volatility or correlations-to-one shock");
    assertThat(index(-0.075, "QQQ").name()).isEqualTo("index QQQ -7.5%");
    assertThat(stressed(5, 1, 2, List.of(index(-0.1, "SPY"), index(0.05, "QQQ"), CORRELATIONS_TO_ONE), null)
        .stressIndices()).containsExactly("SPY", "QQQ");
  }

  /** The sample standard deviation (divisor n - 1). */
  static double sd(double[] x) {
    double mean = java.util.Arrays.stream(x).average().orElseThrow();
    double ss = 0;
    for (double v : x) {
      ss += (v - mean) * (v - mean);
    }
    return Math.sqrt(ss / (x.length - 1));
  }

  @Test
  void settingsAreCheckedWithTheirNames() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> bars("cornish-fisher", 50, 1, 3, null, null))
        .hasMessageContaining("'risk.minBars' must be at least 4 for method cornish-fisher");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> bars("historical", 50, 1, 30, null, 5))
        .hasMessageContaining("'risk.studentTDof' applies to method monte-carlo only");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> daily("historical", 10, 1, 20))
        .hasMessageContaining("'risk.minDays' (20) must not exceed 'risk.windowDays' (10)");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> daily("var", 10, 1, 5))
        .hasMessageContaining("cornish-fisher or monte-carlo but was 'var'");
  }

  @Test
  void theDailyStateIsAFlinkPojoAndACheckpointMidWindowChangesNothing() throws Exception {
    var info = org.apache.flink.api.common.typeinfo.TypeInformation.of(RiskMonitor.State.class);
    assertThat(info).isInstanceOf(org.apache.flink.api.java.typeutils.PojoTypeInfo.class);
    var sc = new org.apache.flink.api.common.serialization.SerializerConfigImpl();
    sc.setGenericTypes(false); // fail rather than fall back to Kryo
    var serializer = info.createSerializer(sc);
    RiskMonitor m = new RiskMonitor(daily("monte-carlo", 5, 1, 3), RiskLimits.none(), Map.of());
    RiskMonitor.State straight = new RiskMonitor.State();
    RiskMonitor.State resumed = new RiskMonitor.State();
    RiskReport a = null;
    RiskReport b = null;
    for (int d = 0; d < 9; d++) {
      BookSnapshot book = book(0, 100_000, 100_000, 100, 100 + 3 * Math.sin(d), -50, 200 + 5 * Math.cos(2 * d));
      book = new BookSnapshot(T0 + d * DAY, book.equity(), book.peakEquity(), book.symbols(), book.shares(),
          book.closes());
      a = m.apply(straight, book).report();
      b = m.apply(resumed, book).report();
      if (d == 4) {
        var bytes = new org.apache.flink.core.memory.DataOutputSerializer(1024);
        serializer.serialize(resumed, bytes);
        resumed = serializer.deserialize(new org.apache.flink.core.memory.DataInputDeserializer(
            bytes.getCopyOfBuffer()));
        assertThat(resumed.sessionCloses[0].toArray()).containsExactly(100 + 3 * Math.sin(0), 100 + 3 * Math.sin(1),
            100 + 3 * Math.sin(2), 100 + 3 * Math.sin(3)); // day 4's close is recorded on day 5
      }
    }
    assertThat(b).isEqualTo(a);
    assertThat(a.valueAtRisk()).isPositive();
  }
}
