package io.quantflow.models.ml;

import io.quantflow.domain.Checks;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a model's labels meant, recorded for analysts in {@link ModelInfo}. Immutable and thread-safe.
 *
 * @param kind the labelling method, e.g. "triple-barrier", "meta-label", "forward-return", "none"
 * @param horizonBars the label horizon in bars (the vertical barrier), 0 when there is none (a regime model)
 * @param barriers named barrier parameters, e.g. {"upper": 2.0, "lower": 1.0} in multiples of volatility; may be
 *     empty; kept sorted by name
 */
public record LabelInfo(String kind, int horizonBars, Map<String, Double> barriers) {
  /** Checks the arguments and copies the barriers. */
  public LabelInfo {
    Checks.notBlank(kind, "kind");
    Checks.isTrue(horizonBars >= 0, "Argument 'horizonBars' must not be negative but was %d", horizonBars);
    barriers = barriers == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(barriers));
    barriers.forEach((k, v) -> Checks.isTrue(v != null && Double.isFinite(v),
        "Argument 'barriers' must hold finite values but '%s' = %s", k, v));
  }

  /** A label of {@code kind} over {@code horizonBars} bars, no barriers. */
  public static LabelInfo of(String kind, int horizonBars) {
    return new LabelInfo(kind, horizonBars, Map.of());
  }

  /** The label of an unsupervised model: kind "none", no horizon. */
  public static LabelInfo none() {
    return new LabelInfo("none", 0, Map.of());
  }
}
