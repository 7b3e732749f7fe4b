package io.quantflow.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.domain.Direction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TearsheetTest {
  static SampleTearsheets.Parts sample() {
    return new SampleTearsheets.Parts(SampleTearsheets.threeMonthsDaily(3));
  }

  @Test
  void sampleHasOnePointPerWeekdayOfTheQuarter() {
    // January 2..31: 22 weekdays, February: 21, March 1..28: 20
    assertThat(sample().build().timestampsMicros()).hasSize(22 + 21 + 20);
  }

  @Test
  void everySeriesMustHaveOneValuePerTimestamp() {
    SampleTearsheets.Parts p = sample();
    p.equity = Arrays.copyOf(p.equity, 62);
    assertThatThrownBy(p::build).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Argument 'equity' must have one value per timestamp (63) but has 62");
    p = sample();
    p.net = new double[64];
    assertThatThrownBy(p::build).hasMessage("Argument 'netExposure' must have one value per timestamp (63) but has 64");
  }

  @Test
  void timestampsMustIncrease() {
    SampleTearsheets.Parts p = sample();
    p.ts[5] = p.ts[4];
    assertThatThrownBy(p::build).hasMessage("Argument 'timestampsMicros' must be strictly increasing but was "
        + p.ts[4] + " at index 5 after " + p.ts[4]);
    p.ts = new long[0];
    assertThatThrownBy(p::build).hasMessage("Argument 'timestampsMicros' must not be empty");
  }

  @Test
  void valuesOutsideTheirRangeAreRejectedWithTheirIndex() {
    SampleTearsheets.Parts p = sample();
    p.drawdown[3] = 0.01;
    assertThatThrownBy(p::build).hasMessage("Argument 'drawdown' must be at most 0 but was 0.01 at index 3");
    p = sample();
    p.rollingSharpe[2] = Double.POSITIVE_INFINITY;
    assertThatThrownBy(p::build)
        .hasMessage("Argument 'rollingSharpe' must hold finite values or NaN but was Infinity at index 2");
    p = sample();
    p.rollingVolatility[40] = -0.1;
    assertThatThrownBy(p::build)
        .hasMessage("Argument 'rollingVolatility' must not be negative but was -0.1 at index 40");
    p = sample();
    p.gross[7] = -1;
    assertThatThrownBy(p::build).hasMessage("Argument 'grossExposure' must not be negative but was -1.0 at index 7");
    p = sample();
    p.window = 0;
    assertThatThrownBy(p::build).hasMessage("Argument 'rollingWindow' must be positive but was 0");
  }

  @Test
  void seriesAreRebasedOnTheirFirstValueSoItMustBePositive() {
    SampleTearsheets.Parts p = sample();
    p.equity[0] = Double.NaN;
    p.equity[1] = -5;
    assertThatThrownBy(p::build).hasMessage(
        "Argument 'equity' must start positive (it is rebased on its first value) but was -5.0 at index 1");
    p = sample();
    p.benchmark[0] = 0;
    assertThatThrownBy(p::build).hasMessageStartingWith("Argument 'benchmarkEquity' must start positive");
  }

  @Test
  void aBenchmarkNeedsASymbolButNoBenchmarkNeedsNone() {
    SampleTearsheets.Parts p = sample();
    p.benchmarkSymbol = null;
    assertThatThrownBy(p::build).hasMessage("Argument 'benchmarkSymbol' must not be blank but was 'null'");
    p.benchmark = null;
    assertThat(p.build().hasBenchmark()).isFalse();
    assertThat(p.build().benchmarkEquity()).isNull();
  }

  @Test
  void eachMonthAppearsOnce() {
    SampleTearsheets.Parts p = sample();
    p.months = List.of(new MonthlyReturn(2024, 1, 0.01), new MonthlyReturn(2024, 1, 0.02));
    assertThatThrownBy(p::build)
        .hasMessage("Argument 'monthlyReturns' must hold one return per month but has 2024-01 twice");
    p.months = Arrays.asList(new MonthlyReturn(2024, 1, 0.01), null);
    assertThatThrownBy(p::build).hasMessage("Argument 'monthlyReturns' must not hold null but does at index 1");
  }

  @Test
  void metricsMapToNumbersStringsBooleansOrNull() {
    SampleTearsheets.Parts p = sample();
    p.metrics = Map.of("bad", List.of(1));
    assertThatThrownBy(p::build).hasMessageStartingWith(
        "Argument 'metrics' must map to numbers, strings, booleans or null but 'bad' maps to a java.util.");
  }

  @Test
  void rowsCheckTheirFields() {
    long t = 1_704_229_200_000_000L;
    assertThatThrownBy(() -> new TradeRow("AAPL", Direction.FLAT, 1, t, t, 1, 1, 0, 0))
        .hasMessage("Argument 'direction' must be LONG or SHORT but was FLAT");
    assertThatThrownBy(() -> new TradeRow("AAPL", Direction.LONG, 1, t, t - 1, 1, 1, 0, 0))
        .hasMessage("Argument 'exitMicros' must not be before entryMicros (" + t + ") but was " + (t - 1));
    assertThatThrownBy(() -> new TradeRow("AAPL", Direction.LONG, 0, t, t, 1, 1, 0, 0))
        .hasMessage("Argument 'quantity' must be finite and positive but was 0.0");
    assertThatThrownBy(() -> new TradeRow(" ", Direction.LONG, 1, t, t, 1, 1, 0, 0))
        .hasMessage("Argument 'symbol' must not be blank but was ' '");
    assertThatThrownBy(() -> new MonthlyReturn(2024, 13, 0))
        .hasMessage("Argument 'month' must be in [1, 12] but was 13");
    assertThatThrownBy(() -> new MonthlyReturn(2024, 1, -1.5))
        .hasMessage("Argument 'returnFraction' must be at least -1 but was -1.5");
  }

  @Test
  void arraysAreCopiedInAndOut() {
    SampleTearsheets.Parts p = sample();
    double first = p.equity[0];
    Tearsheet t = p.build();
    p.equity[0] = 1;
    t.equity()[0] = 2;
    assertThat(t.equity()[0]).isEqualTo(first);
    assertThatThrownBy(() -> t.metrics().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    List<TradeRow> trades = new ArrayList<>(t.trades());
    p.trades = trades;
    Tearsheet u = p.build();
    trades.clear();
    assertThat(u.trades()).hasSize(20);
  }

  @Test
  void equalContentMeansEqualTearsheets() {
    Tearsheet a = SampleTearsheets.threeMonthsDaily(9);
    Tearsheet b = SampleTearsheets.threeMonthsDaily(9);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(SampleTearsheets.threeMonthsDaily(10));
    assertThat(a.toString()).isEqualTo("Tearsheet[runId=run-2024q1-9, title=Momentum backtest, 2024 Q1, "
        + "strategyName=ema-cross, points=63, benchmark=SPY, months=3, trades=20, metrics=[total_return, "
        + "annualized_return, annualized_volatility, sharpe, sortino, max_drawdown, periods, periods_per_year, "
        + "risk_free_rate, initial_equity, final_equity, start, end]]");
  }

  @Test
  void unorderedMapsAndSetsInTheConfigAreSortedOrderedOnesKept() {
    SampleTearsheets.Parts p = sample();
    p.config = Map.of("b", Map.of("z", 1, "y", Set.of("q", "p")), "a", List.of(3, 1, 2));
    Map<String, Object> config = p.build().config();
    assertThat(config.keySet()).containsExactly("a", "b");
    assertThat(config.get("a")).isEqualTo(List.of(3, 1, 2));
    @SuppressWarnings("unchecked")
    Map<String, Object> b = (Map<String, Object>) config.get("b");
    assertThat(b.keySet()).containsExactly("y", "z");
    assertThat(b.get("y")).isEqualTo(List.of("p", "q"));
    // LinkedHashMap order is kept, not sorted
    assertThat(sample().build().config().keySet()).containsExactly("mode", "timeframe", "parallelism",
        "riskFreeRate", "signal");
  }
}
