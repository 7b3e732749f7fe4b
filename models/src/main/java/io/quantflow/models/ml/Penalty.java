package io.quantflow.models.ml;

import com.fasterxml.jackson.annotation.JsonCreator;

/** The coefficient penalty of a {@link ModelType#LINEAR} regression. */
public enum Penalty {
  /** Ordinary least squares (QR decomposition), no penalty; {@code lambda} must be absent. */
  NONE,
  /** Ridge (L2) regression on standardized features; {@code lambda} is required and positive. */
  RIDGE,
  /** Lasso (L1) regression; {@code lambda} is required and positive. */
  LASSO;

  /** Parses a name case-insensitively. */
  @JsonCreator
  public static Penalty parse(String name) {
    return Enums.parse(Penalty.class, name, "penalty");
  }
}
