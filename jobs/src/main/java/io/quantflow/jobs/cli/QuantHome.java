package io.quantflow.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where the installation is: the {@code quant.home} system property (set by the {@code quant} launcher), else the
 * {@code QUANT_HOME} environment variable, else the working directory. Default inputs and outputs resolve against it.
 */
public final class QuantHome {
  private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private QuantHome() {}

  /** The installation folder. */
  public static Path dir() {
    String home = System.getProperty("quant.home");
    if (home == null || home.isBlank()) {
      home = System.getenv("QUANT_HOME");
    }
    return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
  }

  /** The bundled real sample store. */
  public static Path sampleStore() {
    return dir().resolve("data").resolve("sample").resolve("store");
  }

  /** The default model registry, {@code notebooks-output/registry}. */
  public static Path registry() {
    return dir().resolve("notebooks-output").resolve("registry");
  }

  /**
   * A new, not yet existing run folder {@code notebooks-output/<command>-<UTC time>[-n]}.
   *
   * @param command the command name, e.g. {@code backtest}
   */
  public static Path newRunDir(String command) {
    Path base = dir().resolve("notebooks-output");
    String id = command + "-" + RUN_ID.format(ZonedDateTime.now(ZoneOffset.UTC));
    Path dir = base.resolve(id);
    for (int n = 2; Files.exists(dir); n++) {
      dir = base.resolve(id + "-" + n);
    }
    return dir;
  }
}
