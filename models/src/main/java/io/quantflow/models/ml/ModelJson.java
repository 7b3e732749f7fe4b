package io.quantflow.models.ml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;

/**
 * The JSON form of {@link ModelInfo} and {@link ModelSpec}: a plain Jackson {@link ObjectMapper} (records are
 * supported natively), pretty-printed, failing on unknown properties so that a misspelt spec field is reported.
 */
public final class ModelJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelJson() {}

  /** A copy of the mapper, for callers that read specs or infos with the same settings (e.g. from YAML trees). */
  public static ObjectMapper mapper() {
    return MAPPER.copy();
  }

  /** {@code info} as pretty JSON. */
  public static String write(ModelInfo info) {
    return writeValue(info);
  }

  /** {@code spec} as pretty JSON. */
  public static String write(ModelSpec spec) {
    return writeValue(spec);
  }

  /** Parses a {@link ModelInfo}; malformed JSON or a bad field throws IllegalArgumentException with the cause. */
  public static ModelInfo readInfo(String json) {
    return read(json, ModelInfo.class);
  }

  /** Parses a {@link ModelSpec}; malformed JSON or a bad field throws IllegalArgumentException with the cause. */
  public static ModelSpec readSpec(String json) {
    return read(json, ModelSpec.class);
  }

  private static String writeValue(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  private static <T> T read(String json, Class<T> type) {
    if (json == null) {
      throw new IllegalArgumentException("Argument 'json' must not be null");
    }
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      Throwable cause = e.getCause();
      String reason = cause instanceof IllegalArgumentException ? cause.getMessage()
          : e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new IllegalArgumentException("Cannot read a " + type.getSimpleName() + " from JSON: " + reason, e);
    }
  }
}
