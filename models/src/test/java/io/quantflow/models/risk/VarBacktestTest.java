package io.quantflow.models.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.models.metrics.TailRisk;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VarBacktestTest {
  @Test
  void exceptionsAreLossesBeyondTheForecast() {
    // forecasts 0.02: -0.03 and -0.021 exceed it, -0.02 (equal) does not
    double[] var = {0.02, 0.02, 0.02, 0.02, 0.02};
    double[] realised = {-0.03, 0.01, -0.02, -0.021, 0.0};
    assertThat(VarBacktest.countExceptions(var, realised)).isEqualTo(2);
    VarBacktest b = VarBacktest.of(var, realised, 0.95);
    assertThat(b.exceptions()).isEqualTo(2);
    assertThat(b.kupiec()).isEqualTo(KupiecTest.of(5, 2, 0.95));
    assertThatThrownBy(() -> VarBacktest.countExceptions(var, new double[] {0.0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Arguments 'forecasts' and 'realised' must have the same positive length but have 5 and 1");
    assertThatThrownBy(() -> VarBacktest.countExceptions(new double[] {Double.NaN}, new double[] {0.0}))
        .hasMessage("Argument 'forecasts[0]' must be finite but was NaN");
  }

  @Test
  void theRollingForecastUsesOnlyThePast() {
    // r_t = 0.001 (t mod 10) - 0.004, with a crash of -0.2 on day 30; window 20 days, c = 0.9 (k = 2)
    double[] r = new double[60];
    for (int t = 0; t < r.length; t++) {
      r[t] = 0.001 * (t % 10) - 0.004;
    }
    r[30] = -0.2;
    VarBacktest b = VarBacktest.rollingHistorical(r, 20, 0.9);
    assertThat(b.observations()).isEqualTo(40);
    double[] forecasts = b.forecasts();
    // forecast for day t = TailRisk of days t-20 .. t-1: the two worst of two full cycles are -0.004, so VaR 0.004
    for (int t = 20; t < 60; t++) {
      assertThat(forecasts[t - 20]).isEqualTo(TailRisk.of(Arrays.copyOfRange(r, t - 20, t), 0.9).valueAtRisk());
    }
    assertThat(forecasts[30 - 20]).isCloseTo(0.004, within(1e-17)); // the crash is not in its own forecast
    // days 31 .. 50 include the crash: k = 2 worst are -0.2 and -0.004, VaR = 0.004 still; c = 0.95 (k = 1) shows it
    VarBacktest b95 = VarBacktest.rollingHistorical(r, 20, 0.95);
    assertThat(b95.forecasts()[30 - 20]).isCloseTo(0.004, within(1e-17));
    assertThat(b95.forecasts()[31 - 20]).isCloseTo(0.2, within(1e-17));
    assertThat(b95.forecasts()[50 - 20]).isCloseTo(0.2, within(1e-17));
    assertThat(b95.forecasts()[51 - 20]).isCloseTo(0.004, within(1e-17));
    // the only exception is the crash: no other return is below -0.004
    assertThat(b.exceptions()).isEqualTo(1);
    assertThat(b.realised()[30 - 20]).isEqualTo(-0.2);
    assertThat(b.kupiec()).isEqualTo(KupiecTest.of(40, 1, 0.9));
    assertThatThrownBy(() -> VarBacktest.rollingHistorical(r, 60, 0.9)).hasMessageContaining("must be shorter");
  }

  @Test
  void baselTrafficLightForTwoHundredFiftyDays() {
    for (int x = 0; x <= 250; x++) {
      BaselZone expected = x <= 4 ? BaselZone.GREEN : x <= 9 ? BaselZone.YELLOW : BaselZone.RED;
      assertThat(BaselZone.of(x)).isEqualTo(expected);
      assertThat(BaselZone.of(250, x, 0.99)).as("x = %d", x).isEqualTo(expected);
    }
    // Basel 1996 table: cumulative probability of 4 exceptions 89.22 percent, of 9 99.97 percent (Python: exact sums)
    assertThat(BaselZone.binomialCdf(4, 250, 0.01)).isCloseTo(0.8921876269036233, within(1e-13));
    assertThat(BaselZone.binomialCdf(9, 250, 0.01)).isCloseTo(0.9997498099312573, within(1e-13));
    assertThatThrownBy(() -> BaselZone.of(-1)).hasMessageContaining("'exceptions'");
  }
}
