package io.quantflow.jobs.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.quantflow.domain.Timeframe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Loads typed configuration from YAML. Unknown settings are errors that name the setting, the line and the valid
 * settings, so a typo never silently falls back to a default.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /** A YAML mapper that reads and writes timeframes by label ({@code 1m}). */
  public static ObjectMapper yaml() {
    ObjectMapper m = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    return configure(m);
  }

  /** A JSON mapper with the same settings, keys sorted, pretty printed. */
  public static ObjectMapper json() {
    return configure(new ObjectMapper()).enable(SerializationFeature.INDENT_OUTPUT);
  }

  private static ObjectMapper configure(ObjectMapper m) {
    SimpleModule module = new SimpleModule("quantflow");
    module.addDeserializer(Timeframe.class, new JsonDeserializer<>() {
      @Override
      public Timeframe deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        return Timeframe.parse(p.getValueAsString());
      }
    });
    module.addSerializer(Timeframe.class, new JsonSerializer<>() {
      @Override
      public void serialize(Timeframe tf, com.fasterxml.jackson.core.JsonGenerator g, SerializerProvider p)
          throws IOException {
        g.writeString(tf.label());
      }
    });
    module.addDeserializer(Duration.class, new JsonDeserializer<>() {
      @Override
      public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        return parseDuration(p.getValueAsString());
      }
    });
    module.addSerializer(Duration.class, new JsonSerializer<>() {
      @Override
      public void serialize(Duration d, com.fasterxml.jackson.core.JsonGenerator g, SerializerProvider p)
          throws IOException {
        g.writeString(formatDuration(d));
      }
    });
    return m.registerModule(module)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  }

  /**
   * Reads a {@code type} from the YAML file {@code file}.
   *
   * @throws IllegalArgumentException with the file, line and fix when the file is missing or invalid
   */
  public static <T> T load(Path file, Class<T> type) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("Config file " + file + " does not exist; pass an existing YAML file with "
          + "--config (see config/backtest.yaml for an example)");
    }
    try {
      return yaml().readValue(file.toFile(), type);
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException(String.format("%s line %d: unknown setting '%s'; valid settings here are %s",
          file, lineOf(file, e), e.getPropertyName(), new java.util.TreeSet<>(
              e.getKnownPropertyIds().stream().map(String::valueOf).toList())), e);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalArgumentException(String.format("%s line %d: %s", file, lineOf(file, e),
          cause.getMessage()), e);
    } catch (JsonProcessingException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      throw new IllegalArgumentException(String.format("%s line %d: %s", file, lineOf(file, e),
          root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("Could not read config file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a {@code type} from an already parsed YAML or JSON tree, e.g. a section of a larger file that was edited
   * before loading. Errors name {@code source} and the path of the setting ({@code signal.methods[0].feature})
   * instead of a line, because a tree has none.
   *
   * @param source what the tree is, for messages, e.g. {@code "config with period=10"}
   * @throws IllegalArgumentException naming the setting and, for unknown settings, the valid ones
   */
  public static <T> T fromTree(com.fasterxml.jackson.databind.JsonNode tree, String source, Class<T> type) {
    try {
      return yaml().treeToValue(tree, type);
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException(String.format("%s: unknown setting '%s'%s; valid settings here are %s",
          source, e.getPropertyName(), at(e), new java.util.TreeSet<>(
              e.getKnownPropertyIds().stream().map(String::valueOf).toList())), e);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalArgumentException(String.format("%s%s: %s", source, at(e), cause.getMessage()), e);
    } catch (JsonProcessingException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      throw new IllegalArgumentException(String.format("%s%s: %s", source, at(e),
          root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage()), e);
    }
  }

  /** {@code " at signal.methods[0]"} for the path of a mapping error, empty at the root. */
  private static String at(JsonProcessingException e) {
    if (!(e instanceof com.fasterxml.jackson.databind.JsonMappingException m) || m.getPath().isEmpty()) {
      return "";
    }
    StringBuilder path = new StringBuilder();
    for (com.fasterxml.jackson.databind.JsonMappingException.Reference ref : m.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "" : " at " + path;
  }

  /**
   * The line of the setting an error is about. The YAML parser reports where it stopped reading, often the line
   * after; the first line that starts with the failing setting's name is what a user wants to see.
   */
  private static int lineOf(Path file, JsonProcessingException e) {
    int reported = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    if (!(e instanceof com.fasterxml.jackson.databind.JsonMappingException m) || m.getPath().isEmpty()) {
      return reported;
    }
    String name = null;
    for (com.fasterxml.jackson.databind.JsonMappingException.Reference ref : m.getPath()) {
      if (ref.getFieldName() != null) {
        name = ref.getFieldName();
      }
    }
    if (name == null) {
      return reported;
    }
    try {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        String t = lines.get(i).strip();
        if (t.startsWith(name + ":") || t.startsWith("\"" + name + "\":")) {
          return i + 1;
        }
      }
    } catch (IOException ignored) {
      // fall back to the parser's position
    }
    return reported;
  }

  /** Writes {@code value} as YAML text. */
  public static String toYaml(Object value) {
    try {
      return yaml().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parses a duration written {@code 250ms}, {@code 2s}, {@code 5m}, {@code 1h}, a plain number of seconds, or
   * ISO-8601 ({@code PT2S}).
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  public static Duration parseDuration(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("A duration must not be empty; write e.g. 500ms, 2s, 5m, 1h or PT2S");
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("pt") || t.startsWith("p")) {
        return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
      }
      char unit = t.charAt(t.length() - 1);
      if (Character.isDigit(unit)) {
        return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1).trim());
      return switch (unit) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> throw new NumberFormatException();
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Cannot read duration '" + text + "'; write e.g. 500ms, 2s, 5m, 1h or PT2S",
          e);
    }
  }

  /** Writes a duration the way {@link #parseDuration} reads it, e.g. {@code 2s} or {@code 500ms}. */
  public static String formatDuration(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0 && ms != 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms != 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
