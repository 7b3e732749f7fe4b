package io.quantflow.models.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quantflow.domain.Fill;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradeStatisticsTest {
  private static final double TOLERANCE = 1e-9;
  /** 2024-01-02T14:30Z, the open of a session. */
  private static final long T0 = 1_704_205_800_000_000L;
  private static final long MINUTE = 60_000_000L;

  /**
   * AAPL, one cent of commission per share except the flip at two cents:
   *
   * <pre>
   *   t1 buy  100 @ 10            long 100@10
   *   t2 buy   50 @ 12            long 100@10, 50@12
   *   t3 sell 120 @ 13            closes 100@10 + 20@12          -> long 30@12
   *   t4 sell  50 @ 11 (2c/share) closes 30@12, opens short 20@11
   *   t5 buy   20 @ 10            closes short 20@11             -> flat
   *   t6 MSFT buy 10 @ 100        stays open
   * </pre>
   */
  private static final List<Fill> FIFO_FILLS = List.of(
      fill("AAPL", 1, 100, 10, 1.00),
      fill("AAPL", 2, 50, 12, 0.50),
      fill("AAPL", 3, -120, 13, 1.20),
      fill("AAPL", 4, -50, 11, 1.00),
      fill("AAPL", 5, 20, 10, 0.20),
      fill("MSFT", 6, 10, 100, 1.00));

  @Test
  void matchesFirstInFirstOutWithPartialClosesAndAFlip() {
    TradeStatistics s = TradeStatistics.of(FIFO_FILLS);
    assertThat(s.trades()).isEqualTo(3);
    assertThat(s.openPositions()).isEqualTo(1); // MSFT
    List<RoundTrip> trips = s.roundTrips();

    RoundTrip first = trips.get(0);
    // entry notional 100 * 10 + 20 * 12 = 1240; gross 120 * 13 - 1240 = 320; commissions 120 * 0.01 twice
    assertThat(first.direction()).isEqualTo(1);
    assertThat(first.quantity()).isCloseTo(120, within(TOLERANCE));
    assertThat(first.entryMicros()).isEqualTo(at(1));
    assertThat(first.exitMicros()).isEqualTo(at(3));
    assertThat(first.entryPrice()).isCloseTo(1240.0 / 120, within(TOLERANCE));
    assertThat(first.exitPrice()).isEqualTo(13);
    assertThat(first.pnl()).isCloseTo(320 - 1.20 - 1.20, within(TOLERANCE));
    assertThat(first.returnFraction()).isCloseTo(317.6 / 1240, within(TOLERANCE));

    RoundTrip second = trips.get(1);
    // the 30 left from t2 closed at 11: -1 * 30 = -30, commissions 30 * 0.01 + 30 * 0.02
    assertThat(second.direction()).isEqualTo(1);
    assertThat(second.quantity()).isCloseTo(30, within(TOLERANCE));
    assertThat(second.entryMicros()).isEqualTo(at(2));
    assertThat(second.exitMicros()).isEqualTo(at(4));
    assertThat(second.entryPrice()).isCloseTo(12, within(TOLERANCE));
    assertThat(second.pnl()).isCloseTo(-30 - 0.3 - 0.6, within(TOLERANCE));
    assertThat(second.returnFraction()).isCloseTo(-30.9 / 360, within(TOLERANCE));

    RoundTrip third = trips.get(2);
    // short 20 @ 11 from the flip, bought back at 10: +20, commissions 20 * 0.02 + 20 * 0.01
    assertThat(third.direction()).isEqualTo(-1);
    assertThat(third.quantity()).isCloseTo(20, within(TOLERANCE));
    assertThat(third.entryMicros()).isEqualTo(at(4));
    assertThat(third.exitMicros()).isEqualTo(at(5));
    assertThat(third.entryPrice()).isCloseTo(11, within(TOLERANCE));
    assertThat(third.exitPrice()).isEqualTo(10);
    assertThat(third.pnl()).isCloseTo(20 - 0.4 - 0.2, within(TOLERANCE));
    assertThat(third.returnFraction()).isCloseTo(19.4 / 220, within(TOLERANCE));
  }

  @Test
  void summarisesTheRoundTrips() {
    // P&L 317.6, -30.9, 19.4
    TradeStatistics s = TradeStatistics.of(FIFO_FILLS);
    assertThat(s.hitRate()).isCloseTo(2.0 / 3, within(TOLERANCE));
    assertThat(s.profitFactor()).isCloseTo((317.6 + 19.4) / 30.9, within(TOLERANCE));
    assertThat(s.averageWin()).isCloseTo((317.6 + 19.4) / 2, within(TOLERANCE));
    assertThat(s.averageLoss()).isCloseTo(-30.9, within(TOLERANCE));
    assertThat(s.payoffRatio()).isCloseTo(168.5 / 30.9, within(TOLERANCE));
    assertThat(s.largestWin()).isCloseTo(317.6, within(TOLERANCE));
    assertThat(s.largestLoss()).isCloseTo(-30.9, within(TOLERANCE));
    // held t1..t3, t2..t4, t4..t5: (2 + 2 + 1) / 3 minutes = 100 seconds
    assertThat(s.averageHoldingMicros()).isCloseTo(100_000_000.0, within(1e-3));
  }

  @Test
  void profitFactorIsInfiniteWithoutLossesAndZeroWithoutWins() {
    TradeStatistics onlyWins = TradeStatistics.of(List.of(fill("AAPL", 1, 10, 10, 0), fill("AAPL", 2, -10, 11, 0)));
    assertThat(onlyWins.profitFactor()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(onlyWins.hitRate()).isEqualTo(1);
    assertThat(onlyWins.averageWin()).isCloseTo(10, within(TOLERANCE));
    assertThat(onlyWins.averageLoss()).isNaN();
    assertThat(onlyWins.payoffRatio()).isNaN();
    assertThat(onlyWins.largestLoss()).isNaN();

    // a short that loses: sold at 10, bought back at 11
    TradeStatistics onlyLosses =
        TradeStatistics.of(List.of(fill("AAPL", 1, -10, 10, 0), fill("AAPL", 2, 10, 11, 0)));
    assertThat(onlyLosses.profitFactor()).isZero();
    assertThat(onlyLosses.hitRate()).isZero();
    assertThat(onlyLosses.largestLoss()).isCloseTo(-10, within(TOLERANCE));
    assertThat(onlyLosses.largestWin()).isNaN();
  }

  @Test
  void profitFactorIsNaNWithoutTrades() {
    TradeStatistics none = TradeStatistics.of(List.of());
    assertThat(none.trades()).isZero();
    assertThat(none.profitFactor()).isNaN();
    assertThat(none.hitRate()).isNaN();
    assertThat(none.averageHoldingMicros()).isNaN();

    TradeStatistics stillOpen = TradeStatistics.of(List.of(fill("AAPL", 1, 10, 10, 0), fill("AAPL", 2, 5, 11, 0)));
    assertThat(stillOpen.trades()).isZero();
    assertThat(stillOpen.openPositions()).isEqualTo(1);
    assertThat(stillOpen.profitFactor()).isNaN();

    // one scratch trade: a trade, but neither a win nor a loss
    TradeStatistics scratch = TradeStatistics.of(List.of(fill("AAPL", 1, 10, 10, 0), fill("AAPL", 2, -10, 10, 0)));
    assertThat(scratch.trades()).isEqualTo(1);
    assertThat(scratch.hitRate()).isZero();
    assertThat(scratch.profitFactor()).isNaN();
  }

  @Test
  void fillsOfDifferentSymbolsNeverMatch() {
    TradeStatistics s = TradeStatistics.of(List.of(fill("AAPL", 1, 10, 10, 0), fill("MSFT", 2, -10, 11, 0)));
    assertThat(s.trades()).isZero();
    assertThat(s.openPositions()).isEqualTo(2);
  }

  @Test
  void fractionalRoundingResidueIsFlat() {
    TradeStatistics s = TradeStatistics.of(
        List.of(fill("AAPL", 1, 0.1, 10, 0), fill("AAPL", 2, 0.2, 10, 0), fill("AAPL", 3, -0.3, 12, 0)));
    assertThat(s.openPositions()).isZero();
    assertThat(s.trades()).isEqualTo(1);
    // 0.3 shares up 2 USD each
    assertThat(s.roundTrips().get(0).pnl()).isCloseTo(0.6, within(TOLERANCE));
  }

  @Test
  void rejectsFillsOutOfTimeOrder() {
    assertThatThrownBy(() -> TradeStatistics.of(List.of(fill("AAPL", 2, 10, 10, 0), fill("MSFT", 1, 10, 10, 0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("time order")
        .hasMessageContaining("fills[1]");
  }

  private static long at(int minute) {
    return T0 + minute * MINUTE;
  }

  private static Fill fill(String symbol, int minute, double quantity, double price, double commission) {
    return new Fill(symbol + "-" + minute, symbol, at(minute), at(minute) - 1, quantity, price, commission);
  }
}
