package io.quantflow.jobs.cli;

/** A mistake the user can fix; the CLI prints the message (which says how) without a stack trace. */
public final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error whose message names the problem and the fix. */
  public UserError(String message) {
    super(message);
  }
}
