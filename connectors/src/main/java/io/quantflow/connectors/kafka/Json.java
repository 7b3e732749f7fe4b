package io.quantflow.connectors.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * Strict JSON reading and writing shared by the codecs: every field is required and typed, JSON {@code null} is the
 * only spelling of "unknown" (NaN in the domain), and each problem becomes a {@link BadMessageException} naming the
 * field. Not public API.
 */
final class Json {
  /** Thread-safe once configured; rejects bare NaN/Infinity tokens (Jackson's default). */
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** The schema version this code writes and the only one it reads. */
  static final int SCHEMA_VERSION = 1;

  private Json() {}

  /** Parses {@code bytes} into an object node. */
  static JsonNode parse(byte[] bytes) throws BadMessageException {
    JsonNode node;
    try {
      node = MAPPER.readTree(bytes);
    } catch (java.io.IOException e) {
      String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new BadMessageException("malformed JSON: " + firstLine(detail));
    }
    if (node == null || node.isMissingNode()) {
      throw new BadMessageException("malformed JSON: empty payload");
    }
    if (!node.isObject()) {
      throw new BadMessageException("malformed JSON: expected an object but got " + kindOf(node));
    }
    return node;
  }

  /** A new object node with {@code schemaVersion} set. */
  static ObjectNode object() {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("schemaVersion", SCHEMA_VERSION);
    return node;
  }

  /** Writes {@code value}, or JSON null when it is NaN (unknown). */
  static void putNullable(ObjectNode node, String name, double value) {
    if (Double.isNaN(value)) {
      node.putNull(name);
    } else {
      node.put(name, value);
    }
  }

  /** The bytes of {@code node}, UTF-8. */
  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write JSON of " + node, e); // tree nodes always serialize
    }
  }

  /** Checks {@code schemaVersion} is present and {@value #SCHEMA_VERSION}. */
  static void checkVersion(JsonNode node) throws BadMessageException {
    long version = longField(node, "schemaVersion");
    if (version != SCHEMA_VERSION) {
      throw new BadMessageException("unsupported schemaVersion " + version + " (this reader knows "
          + SCHEMA_VERSION + "): upgrade the consumer or fix the producer");
    }
  }

  /** The field {@code name}, present and not null. */
  static JsonNode required(JsonNode node, String name) throws BadMessageException {
    JsonNode field = node.get(name);
    if (field == null) {
      throw new BadMessageException("missing field '" + name + "'");
    }
    if (field.isNull()) {
      throw new BadMessageException("field '" + name + "' must not be null");
    }
    return field;
  }

  /** A string field (may be empty). */
  static String text(JsonNode node, String name) throws BadMessageException {
    JsonNode field = required(node, name);
    if (!field.isTextual()) {
      throw new BadMessageException("field '" + name + "' must be a string but was " + kindOf(field));
    }
    return field.textValue();
  }

  /** An integral field that fits a long. */
  static long longField(JsonNode node, String name) throws BadMessageException {
    JsonNode field = required(node, name);
    if (!field.isIntegralNumber() || !field.canConvertToLong()) {
      throw new BadMessageException("field '" + name + "' must be an integer but was " + kindOf(field));
    }
    return field.longValue();
  }

  /** An integral field that fits an int. */
  static int intField(JsonNode node, String name) throws BadMessageException {
    JsonNode field = required(node, name);
    if (!field.isIntegralNumber() || !field.canConvertToInt()) {
      throw new BadMessageException("field '" + name + "' must be a 32-bit integer but was " + kindOf(field));
    }
    return field.intValue();
  }

  /** A finite number field. */
  static double number(JsonNode node, String name) throws BadMessageException {
    JsonNode field = required(node, name);
    return toDouble(field, name);
  }

  /** A number field that may be JSON null, read as NaN (unknown); the field itself must be present. */
  static double nullableNumber(JsonNode node, String name) throws BadMessageException {
    JsonNode field = node.get(name);
    if (field == null) {
      throw new BadMessageException("missing field '" + name + "' (write null when unknown)");
    }
    return field.isNull() ? Double.NaN : toDouble(field, name);
  }

  /** A finite, positive number field: a price. */
  static double price(JsonNode node, String name) throws BadMessageException {
    double value = number(node, name);
    if (!(value > 0)) {
      throw new BadMessageException("field '" + name + "' must be a positive price but was " + value);
    }
    return value;
  }

  /** A boolean field. */
  static boolean bool(JsonNode node, String name) throws BadMessageException {
    JsonNode field = required(node, name);
    if (!field.isBoolean()) {
      throw new BadMessageException("field '" + name + "' must be true or false but was " + kindOf(field));
    }
    return field.booleanValue();
  }

  /** An enum field written as the constant's name; lower case is accepted. */
  static <E extends Enum<E>> E enumField(JsonNode node, String name, Class<E> type) throws BadMessageException {
    String text = text(node, name);
    try {
      return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadMessageException("field '" + name + "' must be one of "
          + java.util.Arrays.toString(type.getEnumConstants()) + " but was \"" + text + "\"");
    }
  }

  private static double toDouble(JsonNode field, String name) throws BadMessageException {
    if (!field.isNumber()) {
      throw new BadMessageException("field '" + name + "' must be a number but was " + kindOf(field));
    }
    double value = field.doubleValue();
    if (!Double.isFinite(value)) {
      throw new BadMessageException("field '" + name + "' must be finite but was " + field.asText());
    }
    return value;
  }

  /** A short description of a node for messages: its text, cut to 40 characters. */
  static String kindOf(JsonNode node) {
    String text = node.isTextual() ? "\"" + node.textValue() + "\"" : node.toString();
    String type = node.getNodeType().name().toLowerCase(Locale.ROOT);
    return type + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "unreadable";
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
