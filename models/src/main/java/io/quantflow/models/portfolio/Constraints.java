package io.quantflow.models.portfolio;

import io.quantflow.domain.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Constraints on portfolio weights {@code w_i} (fractions of equity; negative means short). Absent limits are
 * infinite, so {@link #defaults()} is long-only with {@code sum w = 1} and nothing else:
 *
 * <ul>
 *   <li>{@code longOnly}: {@code w_i >= 0} (default true);
 *   <li>{@code minWeight <= w_i <= maxWeight} for every asset (defaults -infinity and +infinity);
 *   <li>{@code sum w_i = budget} (default 1; NaN for no budget, see {@link #none()});
 *   <li>sector caps: {@code sum_{i in sector} w_i <= cap} for each capped sector, assets mapped to sectors by
 *       {@code sectors} (assets without a sector are in no capped sector);
 *   <li>turnover: {@code sum_i |w_i - w0_i| <= maxTurnover} from {@code currentWeights} {@code w0} (assets missing
 *       from it are held at 0; holdings of assets outside the problem count as sold, a constant turnover);
 *   <li>gross leverage: {@code sum_i |w_i| <= maxGrossLeverage}, for long-short portfolios.
 * </ul>
 *
 * The absolute values are modelled in the QP with auxiliary variables {@code t_i >= +-(w_i - w0_i)}. Not every
 * optimiser supports every constraint; each says which it honours and rejects the others. Immutable and
 * thread-safe.
 *
 * @param longOnly whether weights must be non-negative
 * @param minWeight the per-asset lower bound, or {@code Double.NEGATIVE_INFINITY}
 * @param maxWeight the per-asset upper bound, or {@code Double.POSITIVE_INFINITY}
 * @param budget the sum of the weights, or NaN for none
 * @param sectors asset to sector, for the sector caps; copied, unmodifiable, never null
 * @param sectorCaps sector to its maximum total weight; copied, unmodifiable, never null
 * @param currentWeights asset to its current weight, for the turnover limit; copied, unmodifiable, never null
 * @param maxTurnover the turnover limit, or {@code Double.POSITIVE_INFINITY}
 * @param maxGrossLeverage the gross leverage limit, or {@code Double.POSITIVE_INFINITY}
 */
public record Constraints(boolean longOnly, double minWeight, double maxWeight, double budget,
    Map<String, String> sectors, Map<String, Double> sectorCaps, Map<String, Double> currentWeights,
    double maxTurnover, double maxGrossLeverage) {
  private static final double FEASIBILITY_TOLERANCE = 1e-9;

  /** Checks each limit and copies the maps. */
  public Constraints {
    Checks.isTrue(!Double.isNaN(minWeight) && minWeight != Double.POSITIVE_INFINITY,
        "Argument 'minWeight' must be finite or -Infinity but was %s", minWeight);
    Checks.isTrue(!Double.isNaN(maxWeight) && maxWeight != Double.NEGATIVE_INFINITY,
        "Argument 'maxWeight' must be finite or +Infinity but was %s", maxWeight);
    Checks.isTrue(minWeight <= maxWeight, "Argument 'minWeight' %s must not exceed 'maxWeight' %s", minWeight,
        maxWeight);
    Checks.isTrue(!longOnly || maxWeight >= 0, "A long-only portfolio needs maxWeight >= 0 but it was %s",
        maxWeight);
    Checks.isTrue(Double.isNaN(budget) || Double.isFinite(budget), "Argument 'budget' must be finite or NaN (none)"
        + " but was %s", budget);
    Checks.isTrue(maxTurnover >= 0, "Argument 'maxTurnover' must be >= 0 (or +Infinity for none) but was %s",
        maxTurnover);
    Checks.isTrue(maxGrossLeverage > 0, "Argument 'maxGrossLeverage' must be > 0 (or +Infinity for none) but was %s",
        maxGrossLeverage);
    sectors = copy(Checks.notNull(sectors, "sectors"), "sectors");
    sectorCaps = copy(Checks.notNull(sectorCaps, "sectorCaps"), "sectorCaps");
    currentWeights = copy(Checks.notNull(currentWeights, "currentWeights"), "currentWeights");
    for (Map.Entry<String, Double> e : sectorCaps.entrySet()) {
      Checks.notNegative(e.getValue(), "sectorCaps[" + e.getKey() + "]");
      Checks.isTrue(sectors.containsValue(e.getKey()),
          "Sector cap '%s' names no asset's sector (sectors are %s): check the sector map", e.getKey(),
          sectors.values().stream().distinct().toList());
    }
    for (Map.Entry<String, Double> e : currentWeights.entrySet()) {
      Checks.finite(e.getValue(), "currentWeights[" + e.getKey() + "]");
    }
  }

  /** Long-only, fully invested ({@code sum w = 1}), no other limit. */
  public static Constraints defaults() {
    return new Constraints(true, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1.0, Map.of(), Map.of(),
        Map.of(), Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  /** Long-short with {@code sum w = 1} and no other limit. */
  public static Constraints longShort() {
    return defaults().withLongOnly(false);
  }

  /**
   * No constraint at all, not even a budget: for He and Litterman's unconstrained optimum
   * {@code w = (delta S)^-1 mu} and an unbudgeted mean-variance portfolio.
   */
  public static Constraints none() {
    return longShort().withBudget(Double.NaN);
  }

  /** A copy with {@code longOnly} set. */
  public Constraints withLongOnly(boolean value) {
    return new Constraints(value, minWeight, maxWeight, budget, sectors, sectorCaps, currentWeights, maxTurnover,
        maxGrossLeverage);
  }

  /** A copy with per-asset bounds {@code min <= w_i <= max} (infinities for none). */
  public Constraints withBounds(double min, double max) {
    return new Constraints(longOnly, min, max, budget, sectors, sectorCaps, currentWeights, maxTurnover,
        maxGrossLeverage);
  }

  /** A copy with {@code sum w = value} (NaN for none). */
  public Constraints withBudget(double value) {
    return new Constraints(longOnly, minWeight, maxWeight, value, sectors, sectorCaps, currentWeights, maxTurnover,
        maxGrossLeverage);
  }

  /** A copy with sector caps: {@code assetSectors} maps assets to sectors, {@code caps} sectors to max weights. */
  public Constraints withSectorCaps(Map<String, String> assetSectors, Map<String, Double> caps) {
    return new Constraints(longOnly, minWeight, maxWeight, budget, assetSectors, caps, currentWeights, maxTurnover,
        maxGrossLeverage);
  }

  /** A copy with the turnover limit {@code sum |w - w0| <= max} from {@code current} weights. */
  public Constraints withTurnover(Map<String, Double> current, double max) {
    return new Constraints(longOnly, minWeight, maxWeight, budget, sectors, sectorCaps, current, max,
        maxGrossLeverage);
  }

  /** A copy with the gross leverage limit {@code sum |w| <= max}. */
  public Constraints withGrossLeverage(double max) {
    return new Constraints(longOnly, minWeight, maxWeight, budget, sectors, sectorCaps, currentWeights, maxTurnover,
        max);
  }

  /** The effective lower bound of each weight: {@code max(0, minWeight)} when long-only. */
  public double lowerBound() {
    return longOnly ? Math.max(0, minWeight) : minWeight;
  }

  /** The upper bound of each weight. */
  public double upperBound() {
    return maxWeight;
  }

  /** Whether there is a budget ({@code sum w = budget}). */
  public boolean hasBudget() {
    return !Double.isNaN(budget);
  }

  /** Whether there is a turnover limit. */
  public boolean hasTurnoverLimit() {
    return maxTurnover != Double.POSITIVE_INFINITY;
  }

  /** Whether there is a gross leverage limit. */
  public boolean hasGrossLeverageLimit() {
    return maxGrossLeverage != Double.POSITIVE_INFINITY;
  }

  /** Whether there are per-asset bounds (long-only counts as a bound). */
  public boolean hasBounds() {
    return lowerBound() != Double.NEGATIVE_INFINITY || upperBound() != Double.POSITIVE_INFINITY;
  }

  /** Whether at most the budget constrains the weights (no bounds, sectors, turnover or leverage limit). */
  public boolean isBudgetOnly() {
    return !hasBounds() && sectorCaps.isEmpty() && !hasTurnoverLimit() && !hasGrossLeverageLimit();
  }

  /** The current weight of {@code asset}, 0 if not held. */
  public double currentWeight(String asset) {
    return currentWeights.getOrDefault(asset, 0.0);
  }

  /**
   * Checks that weights for {@code assets} can satisfy the bounds, budget, sector caps and leverage limit at once
   * (necessary conditions; the solver finds the rest).
   *
   * @throws IllegalArgumentException naming the conflicting constraints and what to change
   */
  public void checkFeasible(List<String> assets) {
    int n = assets.size();
    double lo = lowerBound();
    double hi = upperBound();
    double tol = FEASIBILITY_TOLERANCE * (hasBudget() ? Math.max(1, Math.abs(budget)) : 1);
    if (hasBudget()) {
      Checks.isTrue(lo * n <= budget + tol,
          "Constraints are infeasible: minWeight %s x %d assets = %s exceeds the budget %s: lower minWeight or raise"
              + " the budget", lo, n, lo * n, budget);
      Checks.isTrue(hi * n >= budget - tol,
          "Constraints are infeasible: maxWeight %s x %d assets = %s is below the budget %s: raise maxWeight to at"
              + " least %s or add assets", hi, n, hi * n, budget, budget / n);
      Checks.isTrue(Math.abs(budget) <= maxGrossLeverage + tol,
          "Constraints are infeasible: the budget %s exceeds the gross leverage limit %s: raise maxGrossLeverage",
          budget, maxGrossLeverage);
      if (!sectorCaps.isEmpty() && lo >= 0) {
        double most = 0;
        Map<String, Integer> counts = sectorCounts(assets);
        int uncapped = n;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
          Double cap = sectorCaps.get(e.getKey());
          if (cap != null) {
            most += Math.min(cap, hi * e.getValue());
            uncapped -= e.getValue();
          }
        }
        if (uncapped > 0) {
          most += hi * uncapped;
        }
        Checks.isTrue(most >= budget - tol,
            "Constraints are infeasible: the sector caps %s with maxWeight %s allow a total weight of at most %s,"
                + " below the budget %s: raise the caps or add assets outside the capped sectors", sectorCaps, hi,
            most, budget);
      }
    }
    for (Map.Entry<String, Integer> e : sectorCounts(assets).entrySet()) {
      Double cap = sectorCaps.get(e.getKey());
      if (cap != null) {
        Checks.isTrue(lo * e.getValue() <= cap + tol,
            "Constraints are infeasible: sector '%s' has %d assets with minWeight %s each, above its cap %s: lower"
                + " minWeight or raise the cap", e.getKey(), e.getValue(), lo, cap);
      }
    }
    Checks.isTrue(outsideTurnover(assets) <= maxTurnover + tol,
        "Constraints are infeasible: selling the current holdings outside the problem's assets already turns over"
            + " %s, above maxTurnover %s: add those assets or raise maxTurnover", outsideTurnover(assets),
        maxTurnover);
  }

  /** The turnover of selling current holdings not among {@code assets}. */
  double outsideTurnover(List<String> assets) {
    double sold = 0;
    for (Map.Entry<String, Double> e : currentWeights.entrySet()) {
      if (!assets.contains(e.getKey())) {
        sold += Math.abs(e.getValue());
      }
    }
    return sold;
  }

  private Map<String, Integer> sectorCounts(List<String> assets) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String a : assets) {
      String s = sectors.get(a);
      if (s != null) {
        counts.merge(s, 1, Integer::sum);
      }
    }
    return counts;
  }

  /** A one-line description of the active constraints, for messages. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    parts.add(longOnly ? "longOnly" : "long-short");
    if (lowerBound() != Double.NEGATIVE_INFINITY || maxWeight != Double.POSITIVE_INFINITY) {
      parts.add(lowerBound() + " <= w_i <= " + maxWeight);
    }
    if (hasBudget()) {
      parts.add("sum w = " + budget);
    }
    if (!sectorCaps.isEmpty()) {
      parts.add("sector caps " + sectorCaps);
    }
    if (hasTurnoverLimit()) {
      parts.add("turnover <= " + maxTurnover + " from " + currentWeights);
    }
    if (hasGrossLeverageLimit()) {
      parts.add("gross leverage <= " + maxGrossLeverage);
    }
    return String.join(", ", parts);
  }

  private static <V> Map<String, V> copy(Map<String, V> map, String name) {
    Map<String, V> c = new LinkedHashMap<>();
    for (Map.Entry<String, V> e : map.entrySet()) {
      c.put(Checks.notBlank(e.getKey(), name + " key"), Checks.notNull(e.getValue(), name + "[" + e.getKey() + "]"));
    }
    return Collections.unmodifiableMap(c);
  }
}
