package io.quantflow.jobs.optimize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quantflow.domain.Checks;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.models.optimize.ParameterSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link JobConfig} tree with {@code ${name}} placeholders, rendered once per parameter set. A value that is
 * exactly one placeholder takes the parameter's type ({@code period: ${period}} becomes the integer 30, a double
 * range gives a double, a category a string); placeholders inside a longer string are replaced by the value's text
 * ({@code ema_${period}} becomes {@code ema_30}; doubles as by {@link Double#toString(double)}). Only values are
 * rendered, never keys. In YAML flow style ({@code {period: ${period}}}) quote the placeholder,
 * {@code "${period}"}: braces end a plain scalar there; quoting does not change the rendered type. Stateless and
 * thread-safe.
 */
public final class ConfigTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

  private ConfigTemplate() {}

  /**
   * Renders {@code base} with {@code parameters} and loads the result as a {@link JobConfig} through
   * {@link ConfigLoader}, so bad values fail with its messages.
   *
   * @param base the config tree (the {@code config:} section of a spec)
   * @param parameters the values of the placeholders
   * @throws IllegalArgumentException naming an unknown placeholder and the parameters, or naming the setting that
   *     the rendered config gets wrong
   */
  public static JobConfig render(JsonNode base, ParameterSet parameters) {
    Checks.notNull(parameters, "parameters");
    return ConfigLoader.fromTree(substitute(base, parameters), "config with " + parameters.id(), JobConfig.class);
  }

  /**
   * Renders the YAML text {@code baseYaml}; see {@link #render(JsonNode, ParameterSet)}.
   *
   * @throws IllegalArgumentException when the text is not YAML, or as {@link #render(JsonNode, ParameterSet)}
   */
  public static JobConfig render(String baseYaml, ParameterSet parameters) {
    Checks.notNull(baseYaml, "baseYaml");
    JsonNode tree;
    try {
      tree = ConfigLoader.yaml().readTree(baseYaml);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Config template is not valid YAML: " + e.getOriginalMessage(), e);
    }
    return render(tree == null || tree.isMissingNode() ? ConfigLoader.yaml().createObjectNode() : tree, parameters);
  }

  /** Returns the names of every placeholder used in {@code base}, sorted. */
  public static Set<String> placeholders(JsonNode base) {
    Set<String> names = new TreeSet<>();
    collect(Checks.notNull(base, "base"), names);
    return names;
  }

  /** A rendered copy of {@code base}; {@code base} is not changed. */
  static JsonNode substitute(JsonNode base, ParameterSet parameters) {
    Checks.notNull(base, "base");
    Checks.isTrue(base.isObject(), "Argument 'base' must be a mapping of config settings but was %s",
        base.getNodeType());
    return render(base, parameters, "");
  }

  private static JsonNode render(JsonNode node, ParameterSet parameters, String path) {
    if (node.isObject()) {
      ObjectNode out = ConfigLoader.yaml().createObjectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.set(e.getKey(), render(e.getValue(), parameters, path.isEmpty() ? e.getKey() : path + "." + e.getKey()));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = ConfigLoader.yaml().createArrayNode();
      for (int i = 0; i < node.size(); i++) {
        out.add(render(node.get(i), parameters, path + "[" + i + "]"));
      }
      return out;
    }
    if (!node.isTextual()) {
      return node;
    }
    String text = node.textValue();
    Matcher whole = PLACEHOLDER.matcher(text.strip());
    if (whole.matches()) {
      Object v = value(whole.group(1).strip(), parameters, path);
      if (v instanceof Integer i) {
        return IntNode.valueOf(i);
      }
      if (v instanceof Double d) {
        return DoubleNode.valueOf(d);
      }
      return TextNode.valueOf((String) v);
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf(value(m.group(1).strip(), parameters, path))));
    }
    m.appendTail(sb);
    return TextNode.valueOf(sb.toString());
  }

  private static Object value(String name, ParameterSet parameters, String path) {
    Object v = parameters.values().get(name);
    if (v == null) {
      throw new IllegalArgumentException(String.format("Unknown placeholder ${%s} in config at %s; the parameters "
          + "are %s (declare it under 'parameters:' or fix the name)", name, path, parameters.values().keySet()));
    }
    return v;
  }

  private static void collect(JsonNode node, Set<String> names) {
    if (node.isContainerNode()) {
      node.elements().forEachRemaining(child -> collect(child, names));
    } else if (node.isTextual()) {
      Matcher m = PLACEHOLDER.matcher(node.textValue());
      while (m.find()) {
        names.add(m.group(1).strip());
      }
    }
  }
}
