package io.quantflow.models.portfolio;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quantflow.domain.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Black-Litterman view: the view portfolio {@code p} (asset to coefficient; a row of the pick matrix) is
 * expected to return {@code q} per period (same period as the covariance). An absolute view is {@code {A: 1}}, a
 * relative view {@code {A: 1, B: -1}} ("A outperforms B by q"). In JSON:
 * {@code {"weights": {"AAPL": 1, "MSFT": -1}, "return": 0.0002, "confidence": 0.6}}. Immutable and thread-safe.
 *
 * @param weights asset to coefficient, at least one non-zero; copied, unmodifiable
 * @param expectedReturn {@code q}, per period ({@code "return"} in JSON)
 * @param confidence Idzorek's confidence in [0, 1] (1 = the posterior honours the view exactly, 0 = ignore it), or
 *     null for He and Litterman's default {@code omega = p tau S p'}
 */
public record View(Map<String, Double> weights, double expectedReturn, Double confidence) {

  /** Checks and copies. */
  @JsonCreator
  public View(@JsonProperty("weights") Map<String, Double> weights, @JsonProperty("return") double expectedReturn,
      @JsonProperty("confidence") Double confidence) {
    Checks.notNull(weights, "weights");
    Map<String, Double> copy = new LinkedHashMap<>();
    boolean nonZero = false;
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      double v = Checks.finite(Checks.notNull(e.getValue(), "weights[" + e.getKey() + "]"),
          "weights[" + e.getKey() + "]");
      copy.put(Checks.notBlank(e.getKey(), "weights key"), v);
      nonZero |= v != 0;
    }
    Checks.isTrue(nonZero, "A view needs at least one non-zero asset coefficient but got %s", weights);
    Checks.finite(expectedReturn, "return");
    if (confidence != null) {
      Checks.inRange(confidence, 0, 1, "confidence");
    }
    this.weights = Collections.unmodifiableMap(copy);
    this.expectedReturn = expectedReturn;
    this.confidence = confidence;
  }

  /** The JSON name of {@link #expectedReturn()}. */
  @JsonProperty("return")
  @Override
  public double expectedReturn() {
    return expectedReturn;
  }

  /** "{@code asset} returns {@code q}", with the default uncertainty. */
  public static View absolute(String asset, double q) {
    return new View(Map.of(asset, 1.0), q, null);
  }

  /** "{@code winner} outperforms {@code loser} by {@code q}", with the default uncertainty. */
  public static View relative(String winner, String loser, double q) {
    Map<String, Double> p = new LinkedHashMap<>();
    p.put(winner, 1.0);
    p.put(loser, -1.0);
    return new View(p, q, null);
  }

  /** A copy with Idzorek's {@code confidence} in [0, 1]. */
  public View withConfidence(double value) {
    return new View(weights, expectedReturn, value);
  }
}
