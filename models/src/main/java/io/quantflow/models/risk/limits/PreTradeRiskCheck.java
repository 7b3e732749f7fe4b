package io.quantflow.models.risk.limits;

import io.quantflow.domain.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks an order against {@link RiskLimits} before it is sent. The trade swaps cash for the position, so equity is
 * the same before and after it (costs are ignored). Rules:
 *
 * <ol>
 *   <li>A risk-reducing order, one that moves its position towards zero without crossing it, is always accepted,
 *       even when limits are breached or the kill switch is on: a breached book must always be able to cut
 *       positions, and such an order lowers that position's weight, its sector's weight, the gross exposure and the
 *       concentration. It can raise the net exposure (selling a long in a net-short book); any breach left after
 *       it is listed in the decision.
 *   <li>When the drawdown kill switch is on (equity below {@code (1 - maxDrawdown) x peakEquity}), any other order
 *       is rejected, or for an order that crosses zero resized to just close the position, and the decision says
 *       flatten.
 *   <li>Otherwise the order is accepted if every limit it affects holds after it: the traded symbol's position
 *       weight, its sector's weight, gross and net exposure, and concentration (other symbols' and sectors'
 *       breaches are not the order's doing). If not, it is resized to the largest change of the same sign that
 *       keeps them all, or rejected when there is none.
 * </ol>
 *
 * <p>Every affected measure is a function of the new position {@code u = v + x} ({@code v} the current value,
 * {@code x} the change): {@code |u| <= B} for position, sector, gross ({@code B} = the limit times {@code E} minus
 * the other positions' part) and concentration ({@code B = E sqrt(limit - H_other)}), and
 * {@code -L E <= N_other + u <= L E} for net. So the feasible changes form an interval, computed in closed form;
 * the resize is its end in the order's direction. A value within {@code 1e-12} of its limit counts as within.
 * Immutable and thread-safe.
 *
 * @param limits the limits to enforce
 */
public record PreTradeRiskCheck(RiskLimits limits) {
  /** Checks the limits. */
  public PreTradeRiskCheck {
    Checks.notNull(limits, "limits");
  }

  /**
   * Checks one order.
   *
   * @param positions current market value per symbol, USD, negative = short
   * @param order the proposed signed change of one symbol's value, USD
   * @param equity current equity, USD, positive
   * @param peakEquity highest equity so far, USD, positive (for the drawdown kill switch)
   * @param sectorBySymbol sector per symbol; needed only with a sector limit, then for every symbol held and the
   *     one traded (may be null otherwise)
   */
  public LimitDecision check(Map<String, Double> positions, ProposedOrder order, double equity, double peakEquity,
      Map<String, String> sectorBySymbol) {
    Checks.notNull(order, "order");
    Checks.positive(peakEquity, "peakEquity");
    String s = order.symbol();
    Book book = Book.of(positions, equity, sectorBySymbol, limits.maxSectorWeight() != null, s);
    double v = book.value(s);
    double d = order.valueChangeUsd();
    boolean opposite = v != 0 && Math.signum(d) == -Math.signum(v);
    boolean reducing = opposite && Math.abs(d) <= Math.abs(v);
    boolean crossesZero = opposite && !reducing;
    boolean kill = Book.killSwitch(limits, equity, peakEquity);

    List<LimitBreach> after = new ArrayList<>();
    if (kill) {
      after.add(Book.drawdownBreach(equity, peakEquity, limits.maxDrawdown()));
    }
    after.addAll(breachesAt(book, s, v + d));
    if (reducing) {
      return new LimitDecision(LimitDecision.Action.ACCEPT, order, d, after, kill);
    }
    if (kill) {
      return crossesZero ? new LimitDecision(LimitDecision.Action.RESIZE, order, -v, after, true)
          : new LimitDecision(LimitDecision.Action.REJECT, order, 0, after, true);
    }
    if (after.isEmpty()) {
      return new LimitDecision(LimitDecision.Action.ACCEPT, order, d, after, false);
    }
    double[] u = feasiblePositions(book, s);
    double best = 0;
    if (u != null) {
      double lo = Math.max(u[0] - v, Math.min(0, d));
      double hi = Math.min(u[1] - v, Math.max(0, d));
      if (lo <= hi) {
        best = d > 0 ? hi : lo;
      }
    }
    if (crossesZero && Math.abs(best) < Math.abs(v)) {
      best = -v; // closing the position is always allowed, whatever the limits say beyond zero
    }
    if (Math.abs(best) >= Math.abs(d)) {
      // only reachable when the full order misses a limit by rounding: the tolerance in breachesAt already let it be
      return new LimitDecision(LimitDecision.Action.ACCEPT, order, d, List.of(), false);
    }
    return best * d > 0 ? new LimitDecision(LimitDecision.Action.RESIZE, order, best, after, false)
        : new LimitDecision(LimitDecision.Action.REJECT, order, 0, after, false);
  }

  /** The breaches of the limits affected by a trade in {@code s} when its position becomes {@code u}. */
  private List<LimitBreach> breachesAt(Book book, String s, double u) {
    List<LimitBreach> out = new ArrayList<>();
    double e = book.equity;
    if (limits.maxPositionWeight() != null) {
      add(out, LimitType.POSITION_WEIGHT, s, Math.abs(u) / e, limits.maxPositionWeight());
    }
    if (limits.maxSectorWeight() != null) {
      add(out, LimitType.SECTOR_WEIGHT, book.sectorOf(s), (book.otherSector(s) + Math.abs(u)) / e,
          limits.maxSectorWeight());
    }
    if (limits.maxGrossExposure() != null) {
      add(out, LimitType.GROSS_EXPOSURE, "book", (book.otherGross(s) + Math.abs(u)) / e, limits.maxGrossExposure());
    }
    if (limits.maxNetExposure() != null) {
      add(out, LimitType.NET_EXPOSURE, "book", Math.abs(book.otherNet(s) + u) / e, limits.maxNetExposure());
    }
    if (limits.maxConcentration() != null) {
      double w = u / e;
      add(out, LimitType.CONCENTRATION, "book", book.otherConcentration(s) + w * w, limits.maxConcentration());
    }
    return out;
  }

  private static void add(List<LimitBreach> out, LimitType limit, String subject, double value, double threshold) {
    if (value > threshold + Book.EPS) {
      out.add(Book.breach(limit, subject, value, threshold, true));
    }
  }

  /** The interval {@code [lo, hi]} of positions {@code u} in {@code s} that keep every affected limit; null if none. */
  private double[] feasiblePositions(Book book, String s) {
    double e = book.equity;
    double bound = Double.POSITIVE_INFINITY; // |u| <= bound
    if (limits.maxPositionWeight() != null) {
      bound = Math.min(bound, limits.maxPositionWeight() * e);
    }
    if (limits.maxSectorWeight() != null) {
      bound = Math.min(bound, limits.maxSectorWeight() * e - book.otherSector(s));
    }
    if (limits.maxGrossExposure() != null) {
      bound = Math.min(bound, limits.maxGrossExposure() * e - book.otherGross(s));
    }
    if (limits.maxConcentration() != null) {
      double room = limits.maxConcentration() - book.otherConcentration(s);
      bound = Math.min(bound, room >= 0 ? e * Math.sqrt(room) : -1);
    }
    if (bound < 0) {
      return null;
    }
    double lo = -bound;
    double hi = bound;
    if (limits.maxNetExposure() != null) {
      double n = book.otherNet(s);
      lo = Math.max(lo, -limits.maxNetExposure() * e - n);
      hi = Math.min(hi, limits.maxNetExposure() * e - n);
    }
    return lo <= hi ? new double[] {lo, hi} : null;
  }
}
