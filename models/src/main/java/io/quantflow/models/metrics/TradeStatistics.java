package io.quantflow.models.metrics;

import io.quantflow.domain.Checks;
import io.quantflow.domain.Fill;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Round trips and trade statistics from a list of fills. Immutable and thread-safe. Conventions (see
 * {@code docs/metrics.md}):
 *
 * <ul>
 *   <li>fills are matched per symbol, first-in first-out: a fill that reduces the position closes the oldest open
 *       shares first, and produces one {@link RoundTrip} for all the shares it closes (so a round trip may span
 *       several entry fills, as in pyfolio's {@code extract_round_trips});
 *   <li>a fill that flips the position closes the old position and opens a new one with the remaining shares;
 *   <li>commissions are charged pro rata: a fill's commission per share is {@code commission / |quantity|}, and a
 *       round trip pays it for each matched entry and exit share;
 *   <li>a win is a round trip with {@code pnl > 0}, a loss one with {@code pnl < 0}; a round trip with
 *       {@code pnl == 0} counts as a trade but as neither;
 *   <li>positions still open after the last fill are not round trips; {@link #openPositions} counts them.
 * </ul>
 *
 * @param roundTrips closed round trips in the order of their closing fills
 * @param openPositions symbols with a non-zero position after the last fill
 * @param trades number of round trips
 * @param hitRate share of round trips with {@code pnl > 0}, a fraction; NaN when there are no trades
 * @param profitFactor gross profit / gross loss (sum of winning P&amp;L over the absolute sum of losing P&amp;L);
 *     +infinity when there are wins but no losses, 0 when there are losses but no wins, NaN when there are no
 *     trades or neither wins nor losses
 * @param averageWin mean P&amp;L of winning round trips, USD, positive; NaN when there are none
 * @param averageLoss mean P&amp;L of losing round trips, USD, negative; NaN when there are none
 * @param payoffRatio {@code averageWin / |averageLoss|}; NaN when either is NaN
 * @param averageHoldingMicros mean of {@code exitMicros - entryMicros} over round trips, microseconds; NaN when
 *     there are no trades
 * @param largestWin largest round-trip P&amp;L among wins, USD; NaN when there are none
 * @param largestLoss most negative round-trip P&amp;L among losses, USD; NaN when there are none
 */
public record TradeStatistics(List<RoundTrip> roundTrips, int openPositions, int trades, double hitRate,
    double profitFactor, double averageWin, double averageLoss, double payoffRatio, double averageHoldingMicros,
    double largestWin, double largestLoss) {

  /**
   * Remaining shares at most this small are rounding residue of fractional quantities and count as flat, so
   * 0.1 + 0.2 shares bought and 0.3 sold leave no open position.
   */
  public static final double QUANTITY_EPSILON = 1e-9;

  /** Checks the fields and copies the list. */
  public TradeStatistics {
    Checks.notNull(roundTrips, "roundTrips");
    roundTrips = List.copyOf(roundTrips);
    Checks.isTrue(trades == roundTrips.size(), "Argument 'trades' must equal the %d round trips but was %d",
        roundTrips.size(), trades);
    Checks.isTrue(openPositions >= 0, "Argument 'openPositions' must not be negative but was %s", openPositions);
  }

  /**
   * Matches {@code fills} into round trips and computes the statistics.
   *
   * @param fills fills of any symbols in time order (non-decreasing {@code timestampMicros}); signed quantities in
   *     shares, prices and commissions in USD
   */
  public static TradeStatistics of(List<Fill> fills) {
    Checks.notNull(fills, "fills");
    Map<String, Deque<Lot>> open = new HashMap<>();
    List<RoundTrip> trips = new ArrayList<>();
    long previousMicros = Long.MIN_VALUE;
    for (int i = 0; i < fills.size(); i++) {
      Fill f = Checks.notNull(fills.get(i), "fills[" + i + "]");
      Checks.isTrue(f.timestampMicros() >= previousMicros,
          "Argument 'fills' must be in time order but fills[%d] at %d precedes the previous fill at %d", i,
          f.timestampMicros(), previousMicros);
      previousMicros = f.timestampMicros();
      match(open.computeIfAbsent(f.symbol(), s -> new ArrayDeque<>()), f, trips);
    }
    int openPositions = (int) open.values().stream().filter(lots -> !lots.isEmpty()).count();
    return summarise(trips, openPositions);
  }

  /** An open entry: the unmatched shares of one fill; {@code side} +1 long, -1 short. */
  private static final class Lot {
    final long entryMicros;
    final double price;
    final double commissionPerShare;
    final int side;
    double shares;

    Lot(long entryMicros, double price, double commissionPerShare, double shares, int side) {
      this.entryMicros = entryMicros;
      this.price = price;
      this.commissionPerShare = commissionPerShare;
      this.shares = shares;
      this.side = side;
    }
  }

  private static void match(Deque<Lot> lots, Fill f, List<RoundTrip> trips) {
    int side = f.quantity() > 0 ? 1 : -1;
    double remaining = Math.abs(f.quantity());
    double commissionPerShare = f.commission() / remaining;
    // Lots of one symbol all share the position's direction: long lots for a long position, short for a short.
    int positionSide = lots.isEmpty() ? side : lots.peekFirst().side;
    if (positionSide != side && remaining > QUANTITY_EPSILON) {
      double matched = 0;
      double entryCost = 0;
      double entryCommission = 0;
      long entryMicros = lots.peekFirst().entryMicros;
      while (!lots.isEmpty() && remaining > QUANTITY_EPSILON) {
        Lot lot = lots.peekFirst();
        double q = Math.min(lot.shares, remaining);
        matched += q;
        entryCost += q * lot.price;
        entryCommission += q * lot.commissionPerShare;
        lot.shares -= q;
        remaining -= q;
        if (lot.shares <= QUANTITY_EPSILON) {
          lots.pollFirst();
        }
      }
      int direction = positionSide;
      double entryPrice = entryCost / matched;
      double pnl = direction * (f.price() - entryPrice) * matched - entryCommission
          - matched * commissionPerShare;
      trips.add(new RoundTrip(f.symbol(), direction, matched, entryMicros, f.timestampMicros(), entryPrice,
          f.price(), pnl, pnl / entryCost));
    }
    if (remaining > QUANTITY_EPSILON) {
      lots.addLast(new Lot(f.timestampMicros(), f.price(), commissionPerShare, remaining, side));
    }
  }

  private static TradeStatistics summarise(List<RoundTrip> trips, int openPositions) {
    int wins = 0;
    int losses = 0;
    double grossProfit = 0;
    double grossLoss = 0;
    double largestWin = Double.NaN;
    double largestLoss = Double.NaN;
    double holding = 0;
    for (RoundTrip t : trips) {
      holding += t.holdingMicros();
      if (t.pnl() > 0) {
        wins++;
        grossProfit += t.pnl();
        largestWin = wins == 1 ? t.pnl() : Math.max(largestWin, t.pnl());
      } else if (t.pnl() < 0) {
        losses++;
        grossLoss -= t.pnl();
        largestLoss = losses == 1 ? t.pnl() : Math.min(largestLoss, t.pnl());
      }
    }
    int n = trips.size();
    double profitFactor = wins + losses == 0 ? Double.NaN
        : losses == 0 ? Double.POSITIVE_INFINITY : grossProfit / grossLoss;
    double averageWin = wins > 0 ? grossProfit / wins : Double.NaN;
    double averageLoss = losses > 0 ? -grossLoss / losses : Double.NaN;
    return new TradeStatistics(trips, openPositions, n, n > 0 ? (double) wins / n : Double.NaN, profitFactor,
        averageWin, averageLoss, averageWin / Math.abs(averageLoss), n > 0 ? holding / n : Double.NaN, largestWin,
        largestLoss);
  }
}
