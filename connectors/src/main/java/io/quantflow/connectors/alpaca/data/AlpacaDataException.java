package io.quantflow.connectors.alpaca.data;

/**
 * A failed historical-data request. The message says what to fix (keys, plan or feed, a parameter) and never
 * contains the secret key. {@link #status()} is the HTTP status (0 for a network failure or a malformed response);
 * {@link #retriable()} tells whether the client retried it (429, 5xx, network) before giving up.
 */
public final class AlpacaDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final boolean retriable;

  /** A failure with the HTTP {@code status} (0 if none). */
  public AlpacaDataException(String message, int status, boolean retriable, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.retriable = retriable;
  }

  /** The HTTP status, or 0 for a network failure or malformed response. */
  public int status() {
    return status;
  }

  /** Whether the failure is transient (rate limit, server error, network); the client retries those. */
  public boolean retriable() {
    return retriable;
  }
}
