package io.quantflow.models.risk.stress;

import io.quantflow.domain.Checks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Stress results sorted by worst loss first ({@link StressResult#lossUsd} descending, ties by name). Immutable.
 *
 * @param results the results, sorted on construction
 */
public record StressReport(List<StressResult> results) {
  /** Copies and sorts the results. */
  public StressReport {
    List<StressResult> sorted = new ArrayList<>(Checks.notNull(results, "results"));
    sorted.forEach(r -> Checks.notNull(r, "results[]"));
    sorted.sort(Comparator.comparingDouble(StressResult::lossUsd).reversed().thenComparing(StressResult::name));
    results = List.copyOf(sorted);
  }

  /** The result with the largest loss. */
  public StressResult worst() {
    Checks.isTrue(!results.isEmpty(), "The stress report is empty");
    return results.get(0);
  }
}
