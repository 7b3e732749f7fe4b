package io.quantflow.connectors.alpaca.trading;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Deterministic {@code client_order_id}s: the id is a function of what caused the order (strategy, symbol, decision
 * time, sequence within the decision), so the same decision replayed after a restart or a retry gets the same id,
 * and Alpaca's refusal of a reused id (422 {@code client_order_id must be unique}) turns a duplicate submission into
 * a no-op (see {@link AlpacaTradingClient#submitIdempotent(OrderRequest)}).
 *
 * <p>Format: up to 10 letters/digits of the strategy id, {@code -}, then the first 128 bits of
 * SHA-256({@code strategyId|symbol|decisionMicros|sequence}) in lower-case hex: at most {@value #MAX_LENGTH}
 * characters of {@code [A-Za-z0-9-]} (43 in fact), within both Alpaca's current limit (128) and its older one (48).
 */
public final class ClientOrderIds {
  /** The longest id produced (Alpaca's historical limit). */
  public static final int MAX_LENGTH = 48;

  private ClientOrderIds() {}

  /**
   * The id of the {@code sequence}-th order a decision produced.
   *
   * @param strategyId the strategy's id, not blank
   * @param symbol the ticker
   * @param decisionMicros the decision time (the event time that triggered it), UTC epoch microseconds
   * @param sequence 0 for the first order of the decision, 1 for the second, ...
   */
  public static String of(String strategyId, String symbol, long decisionMicros, long sequence) {
    if (strategyId == null || strategyId.isBlank()) {
      throw new IllegalArgumentException("Argument 'strategyId' must not be blank but was '" + strategyId + "'");
    }
    Objects.requireNonNull(symbol, "symbol");
    if (sequence < 0) {
      throw new IllegalArgumentException("Argument 'sequence' must not be negative but was " + sequence);
    }
    String key = strategyId + "|" + symbol + "|" + decisionMicros + "|" + sequence;
    byte[] hash;
    try {
      hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    String prefix = strategyId.replaceAll("[^A-Za-z0-9]", "");
    prefix = prefix.isEmpty() ? "qf" : prefix.substring(0, Math.min(10, prefix.length()));
    return prefix + "-" + HexFormat.of().formatHex(hash, 0, 16);
  }

  /** Whether {@code id} has the shape this class produces: 1..48 characters of {@code [A-Za-z0-9-]}. */
  public static boolean isValid(String id) {
    return id != null && !id.isEmpty() && id.length() <= MAX_LENGTH && id.matches("[A-Za-z0-9-]+");
  }
}
