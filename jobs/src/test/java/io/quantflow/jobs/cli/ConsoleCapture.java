package io.quantflow.jobs.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Captures {@code System.out} and {@code System.err} around each test: {@code @RegisterExtension}. */
final class ConsoleCapture implements BeforeEachCallback, AfterEachCallback {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldOut;
  private PrintStream oldErr;

  @Override
  public void beforeEach(ExtensionContext context) {
    out.reset();
    err.reset();
    oldOut = System.out;
    oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    System.setOut(oldOut);
    System.setErr(oldErr);
  }

  /** What the test printed on standard output. */
  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Forgets what was printed on standard output so far. */
  void resetOut() {
    out.reset();
  }

  /** Forgets what was printed on standard error so far. */
  void resetErr() {
    err.reset();
  }

  /** What the test printed on standard error. */
  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
