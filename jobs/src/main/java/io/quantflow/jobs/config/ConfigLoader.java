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
          file, e.getLocation().getLineNr(), e.getPropertyName(), e.getKnownPropertyIds()), e);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalArgumentException(String.format("%s line %d: %s", file, e.getLocation().getLineNr(),
          cause.getMessage()), e);
    } catch (JsonProcessingException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      throw new IllegalArgumentException(String.format("%s line %d: %s", file,
          e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
          root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("Could not read config file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code value} as YAML text. */
  public static String toYaml(Object value) {
    try {
      return yaml().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
