package io.quantflow.jobs.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.models.risk.KupiecTest;
import io.quantflow.operators.risk.RiskConfig;
import io.quantflow.operators.risk.RiskReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code risk-backtest.json}: the monitor's VaR forecasts tested against the equity's later returns over
 * non-overlapping windows of the horizon, counted by hand.
 */
class RiskBacktestTest {
  private static final long T0 = 1_549_895_400_000_000L; // 2019-02-11T14:30Z
  private static final long MIN = 60_000_000L;
  private static final long DAY = 86_400_000_000L;

  private static RiskReport report(long t, double equity, double var) {
    return new RiskReport(t, equity, 0, 0, 0, 0, 0, var, var, Double.NaN, 0, Double.NaN, "", "", Double.NaN);
  }

  private static RiskConfig config(String returns, int horizon) {
    return new RiskConfig(null, 10, returns.equals("bars") ? horizon : null, 0.95, null, null, 2, returns, 10,
        returns.equals("daily") ? horizon : null, 2, null, null, null, null, null);
  }

  @Test
  void barsForecastsAreTestedEveryHorizonStepsFromTheFirstDefinedOne() {
    // VaR NaN at step 0, then 0.02; horizon 2: forecasts at steps 1, 3, 5, compared with steps 3, 5, 7:
    // 96/99-1 = -3.03% (exception), 95/96-1 = -1.04% (none), 90/95-1 = -5.26% (exception)
    double[] e = {100, 99, 99.5, 96, 96.5, 95, 97, 90};
    List<RiskReport> reports = new ArrayList<>();
    for (int k = 0; k < e.length; k++) {
      reports.add(report(T0 + k * MIN, e[k], k == 0 ? Double.NaN : 0.02));
    }
    Map<String, Object> m = RiskOutputs.varBacktest(reports, config("bars", 2));
    assertThat(m.get("horizonUnit")).isEqualTo("bars");
    assertThat(m.get("observations")).isEqualTo(3);
    assertThat(m.get("exceptions")).isEqualTo(2);
    assertThat((double) m.get("expectedExceptions")).isCloseTo(0.15, within(1e-12));
    KupiecTest k = KupiecTest.of(3, 2, 0.95);
    assertThat(m.get("kupiecLikelihoodRatio")).isEqualTo(k.likelihoodRatio());
    assertThat(m.get("kupiecPValue")).isEqualTo(k.pValue());
  }

  @Test
  void dailyForecastsUseEachSessionsLastValuation() {
    // three sessions of two valuations; the last of each: 100 (VaR 1%), 98 (VaR 5%), 97.5; horizon 1 session:
    // 98/100-1 = -2% is an exception against 1%, 97.5/98-1 = -0.51% is none against 5%
    List<RiskReport> reports = new ArrayList<>();
    double[][] days = {{101, 100}, {99, 98}, {97, 97.5}};
    double[] var = {0.01, 0.05, 0.03};
    for (int d = 0; d < 3; d++) {
      reports.add(report(T0 + d * DAY, days[d][0], 0.5)); // an intraday forecast, never tested
      reports.add(report(T0 + d * DAY + 389 * MIN, days[d][1], var[d]));
    }
    Map<String, Object> m = RiskOutputs.varBacktest(reports, config("daily", 1));
    assertThat(m.get("horizonUnit")).isEqualTo("sessions");
    assertThat(m.get("observations")).isEqualTo(2);
    assertThat(m.get("exceptions")).isEqualTo(1);
  }

  @Test
  void withoutAForecastTheFiguresAreNull() {
    Map<String, Object> m = RiskOutputs.varBacktest(List.of(report(T0, 100, Double.NaN)), config("bars", 1));
    assertThat(m.get("observations")).isEqualTo(0);
    assertThat(m.get("exceptions")).isNull();
    assertThat(m.get("kupiecPValue")).isNull();
  }
}
