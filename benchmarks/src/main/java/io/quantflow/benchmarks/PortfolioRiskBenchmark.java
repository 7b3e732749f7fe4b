package io.quantflow.benchmarks;

import io.quantflow.domain.Direction;
import io.quantflow.domain.Signal;
import io.quantflow.models.portfolio.Constraints;
import io.quantflow.models.portfolio.Covariance;
import io.quantflow.models.portfolio.LedoitWolf;
import io.quantflow.models.portfolio.MeanVariance;
import io.quantflow.models.portfolio.PortfolioProblem;
import io.quantflow.models.portfolio.PortfolioResult;
import io.quantflow.models.portfolio.RiskParity;
import io.quantflow.models.risk.HorizonScaling;
import io.quantflow.models.risk.ReturnDistribution;
import io.quantflow.models.risk.ValueAtRisk;
import io.quantflow.models.risk.VarEstimate;
import io.quantflow.models.risk.VarMethod;
import io.quantflow.models.risk.VarSpec;
import io.quantflow.models.risk.limits.RiskLimits;
import io.quantflow.operators.portfolio.Hedge;
import io.quantflow.operators.portfolio.PortfolioSimulator;
import io.quantflow.operators.portfolio.SimulationConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one call of the portfolio and risk kernels on seeded one-factor returns (50 assets, 250 days), and of
 * the portfolio operator per bar with limits, and with limits and a beta hedge (8 symbols, 10 sessions of 1-minute
 * bars).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PortfolioRiskBenchmark {
  private static final int ASSETS = 50;
  private static final int DAYS = 250;
  private static final int SYMBOLS = 8;
  private static final int BARS = 3900;
  private static final long T0 = 1_549_895_400_000_000L; // 2019-02-11T14:30Z
  private static final long MIN = 60_000_000L;

  private double[][] returns;
  private List<String> assets;
  private Covariance covariance;
  private double[] mu;
  private double[] portfolioReturns;
  private double[] mean10;
  private double[][] cov10;
  private double[] w10;
  private double[][] prices;
  private String[] symbols;

  @Setup
  public void data() {
    SplittableRandom r = new SplittableRandom(7);
    returns = new double[ASSETS][DAYS];
    for (int t = 0; t < DAYS; t++) {
      double market = 0.01 * gaussian(r);
      for (int i = 0; i < ASSETS; i++) {
        returns[i][t] = (0.5 + i / (double) ASSETS) * market + 0.015 * gaussian(r);
      }
    }
    assets = new ArrayList<>();
    mu = new double[ASSETS];
    for (int i = 0; i < ASSETS; i++) {
      assets.add("A" + i);
      mu[i] = 0.0002 * (i % 5);
    }
    covariance = LedoitWolf.identity(returns).covariance();
    portfolioReturns = new double[DAYS];
    for (int t = 0; t < DAYS; t++) {
      for (int i = 0; i < ASSETS; i++) {
        portfolioReturns[t] += returns[i][t] / ASSETS;
      }
    }
    mean10 = new double[10];
    cov10 = new double[10][10];
    w10 = new double[10];
    for (int i = 0; i < 10; i++) {
      w10[i] = 0.1;
      for (int j = 0; j < 10; j++) {
        cov10[i][j] = covariance.get(i, j);
      }
    }
    symbols = new String[SYMBOLS];
    prices = new double[SYMBOLS][BARS];
    for (int s = 0; s < SYMBOLS; s++) {
      symbols[s] = s == 0 ? "SPY" : "S" + s;
      double p = 100;
      for (int b = 0; b < BARS; b++) {
        p *= 1 + 0.0008 * gaussian(r);
        prices[s][b] = p;
      }
    }
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  @Benchmark
  public LedoitWolf.Estimate ledoitWolf50x250() {
    return LedoitWolf.identity(returns);
  }

  @Benchmark
  public PortfolioResult meanVarianceLongOnly50() {
    return MeanVariance.withDefaults().optimize(PortfolioProblem.of(assets, covariance).withExpectedReturns(mu)
        .withConstraints(Constraints.defaults().withBounds(0, 0.05)));
  }

  @Benchmark
  public PortfolioResult riskParity50() {
    return RiskParity.equalRisk().optimize(PortfolioProblem.of(assets, covariance));
  }

  @Benchmark
  public VarEstimate historicalVar250() {
    return ValueAtRisk.estimate(VarMethod.HISTORICAL, portfolioReturns, VarSpec.of(0.99, 1));
  }

  @Benchmark
  public VarEstimate monteCarloVar10x10000() {
    return ValueAtRisk.monteCarlo(mean10, cov10, w10, new VarSpec(0.99, 1, HorizonScaling.SQRT_TIME, true,
        ReturnDistribution.NORMAL, 0, 10_000, 42));
  }

  @Benchmark
  @OperationsPerInvocation(SYMBOLS * BARS)
  public double portfolioPerBarWithLimits() {
    return simulate(false);
  }

  @Benchmark
  @OperationsPerInvocation(SYMBOLS * BARS)
  public double portfolioPerBarWithLimitsAndBetaHedge() {
    return simulate(true);
  }

  /** Every symbol alternates LONG and FLAT every 30 bars, staggered; SPY is the hedge when {@code hedge}. */
  private double simulate(boolean hedge) {
    SimulationConfig config = SimulationConfig.frictionless(1_000_000, SYMBOLS - 1, 1.0, 1)
        .withLimits(RiskLimits.none().withMaxPositionWeight(0.2).withMaxGrossExposure(1.5), null);
    if (hedge) {
      config = config.withHedge(new Hedge(List.of("SPY"), "beta", 1.0, 390, 60, 0.02));
    }
    PortfolioSimulator sim = new PortfolioSimulator(config);
    PortfolioSimulator.Collected out = new PortfolioSimulator.Collected();
    int[] idx = sim.symbolIndices(symbols);
    for (int b = 0; b < BARS; b++) {
      long start = T0 + (b % 390) * MIN + (b / 390) * 86_400_000_000L;
      long t = start + MIN;
      sim.beginInstant(t, out);
      for (int s = 0; s < SYMBOLS; s++) {
        double p = prices[s][b];
        sim.onBar(idx[s], start, p, p, p, p, 1e6, Double.NaN, out);
      }
      for (int s = 1; s < SYMBOLS; s++) {
        if ((b + 4 * s) % 30 == 0) {
          sim.onSignal(new Signal(symbols[s], t, (b / 30) % 2 == 0 ? Direction.LONG : Direction.FLAT, 1.0, MIN,
              "bench"), out);
        }
      }
      sim.endInstant(t, true, out);
      out.fills.clear();
      out.orders.clear();
      out.equity.clear();
      out.routed.clear();
      out.rejected.clear();
      out.positions.clear();
    }
    return sim.equity();
  }
}
