package io.quantflow.simulator;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of a simulator instance.
 *
 * @param port TCP port of the HTTP server (0 picks a free one; {@link AlpacaSimulator#port()} tells which)
 * @param data the Parquet store to replay (its {@code bars/} and, when present, {@code trades/} and {@code quotes/})
 * @param speed replay speed: simulated seconds per wall-clock second (60 = one simulated minute per second); 0 or
 *     less replays as fast as the clients read
 * @param keyId the accepted API key id ({@code APCA_API_KEY_ID})
 * @param secretKey the accepted API secret ({@code APCA_API_SECRET_KEY}); never logged
 * @param initialCash the paper account's starting cash, USD (Alpaca's paper default: 100,000)
 * @param seed seeds every random choice (partial fills, fault timing) so a session replays identically
 */
public record SimulatorConfig(int port, Path data, double speed, String keyId, String secretKey, double initialCash,
    long seed) {

  /** Checks the arguments. */
  public SimulatorConfig {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(secretKey, "secretKey");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535 but was " + port);
    }
    if (!(initialCash > 0)) {
      throw new IllegalArgumentException("initialCash must be positive but was " + initialCash);
    }
  }

  /** Whether {@code key} and {@code secret} are the accepted credentials. */
  public boolean authorizes(String key, String secret) {
    return keyId.equals(key) && secretKey.equals(secret);
  }

  /** The settings without the secret, for logs. */
  @Override
  public String toString() {
    return "SimulatorConfig[port=" + port + ", data=" + data + ", speed=" + speed + ", keyId=" + keyId
        + ", secretKey=***, initialCash=" + initialCash + ", seed=" + seed + "]";
  }
}
