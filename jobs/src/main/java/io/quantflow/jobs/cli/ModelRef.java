package io.quantflow.jobs.cli;

/**
 * A registry model named on the command line: {@code NAME} (its latest version) or {@code NAME@VERSION}
 * ({@code trend-gbt@2}, also {@code trend-gbt@v2}).
 *
 * @param name the model's name
 * @param version the version, or null for the latest
 */
record ModelRef(String name, Integer version) {

  /** Parses {@code text}, or fails with a message showing the form. */
  static ModelRef parse(String text) {
    int at = text.indexOf('@');
    if (at < 0) {
      return new ModelRef(text, null);
    }
    try {
      return new ModelRef(text.substring(0, at), Integer.parseInt(text.substring(at + 1).replaceFirst("^v", "")));
    } catch (NumberFormatException e) {
      throw new UserError("MODEL " + text + " is not NAME or NAME@VERSION (e.g. trend-gbt@2)");
    }
  }
}
