package io.quantflow.jobs.risk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quantflow.jobs.cli.UserError;
import io.quantflow.jobs.config.ConfigLoader;

/**
 * Reads the JSON requests and writes the JSON responses with the project's mapper ({@link ConfigLoader#json()}):
 * unknown fields are errors that name the field and the valid ones, map keys are written sorted, and output is
 * pretty printed. Stateless and thread-safe.
 */
public final class RiskJson {
  private RiskJson() {}

  /**
   * Parses {@code text} into a {@code type}.
   *
   * @param source what the text is, for messages, e.g. {@code "--input docs/examples/var.json"}
   * @throws UserError naming the line of a syntax error, or the field of an invalid or unknown value
   */
  public static <T> T read(String text, String source, Class<T> type) {
    JsonNode tree;
    try {
      tree = ConfigLoader.json().readTree(text);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
      throw new UserError(String.format("%s is not valid JSON (line %d, column %d): %s", source, line, column,
          e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source[^]]*]\\)", "")));
    }
    if (tree == null || tree.isMissingNode() || !tree.isObject()) {
      throw new UserError(source + " must hold one JSON object ({...}); see docs/examples/ for inputs");
    }
    try {
      return ConfigLoader.fromTree(tree, source, type);
    } catch (IllegalArgumentException e) {
      throw new UserError(plain(e.getMessage()));
    }
  }

  /** Jackson's words for a bad or missing {@code type}, in the user's terms. */
  private static String plain(String message) {
    return message
        .replaceAll("Could not resolve type id '([^']*)' as a subtype of `[^`]*`: known type ids = (\\[[^]]*])"
            + "(?: \\(for POJO property '[^']*'\\))?", "unknown \"type\": \"$1\"; use one of $2")
        .replaceAll("Could not resolve subtype of \\[[^]]*]: missing type id property '([^']*)'"
            + "(?: \\(for POJO property '[^']*'\\))?", "missing \"$1\"; use one of [combined, "
            + "correlations-to-one, factor, index, volatility]");
  }

  /** {@code value} as pretty-printed JSON with a final newline. */
  public static String write(Object value) {
    try {
      return ConfigLoader.json().writeValueAsString(value) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write JSON: " + e.getMessage(), e);
    }
  }

  /** {@code x}, or null for NaN, so the JSON holds {@code null} rather than the invalid token {@code NaN}. */
  static Double number(double x) {
    return Double.isFinite(x) ? Double.valueOf(x) : null;
  }
}
