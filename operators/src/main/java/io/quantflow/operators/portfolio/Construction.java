package io.quantflow.operators.portfolio;

import java.io.Serializable;

/**
 * How the portfolio operator turns signals into target weights ({@code portfolio.construction}). The default,
 * {@code method: signal}, sizes each symbol on its own signal ({@code sign x grossLeverage / universeSize} of
 * equity); the other methods run a portfolio optimiser over the symbols with a non-flat signal.
 *
 * @param method {@code signal} (default), or an optimiser name of
 *     {@link io.quantflow.models.portfolio.OptimizationMethod}
 */
public record Construction(String method) implements Serializable {
  /** Each symbol sized on its own signal, as before construction methods existed. */
  public static final Construction SIGNAL = new Construction(null);

  /** Fills defaults. */
  public Construction {
    method = method == null || method.isBlank() ? "signal" : method.strip();
  }

  /** Whether signals size positions one by one (no optimiser). */
  public boolean perSignal() {
    return method.equals("signal");
  }
}
