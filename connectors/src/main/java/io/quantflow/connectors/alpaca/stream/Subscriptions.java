package io.quantflow.connectors.alpaca.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantflow.domain.Checks;
import java.io.Serializable;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A set of symbols per {@link Channel}: what a client asks for, or what the server confirmed. {@code "*"} is the
 * wildcard (every symbol). Immutable and thread-safe; {@link #plus} and {@link #minus} return new sets.
 */
public final class Subscriptions implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Subscriptions NONE = new Subscriptions(new EnumMap<>(Channel.class));

  private final EnumMap<Channel, Set<String>> symbols;

  private Subscriptions(EnumMap<Channel, Set<String>> symbols) {
    this.symbols = symbols;
  }

  /** The empty set. */
  public static Subscriptions none() {
    return NONE;
  }

  /** {@code symbols} on {@code channel}. */
  public static Subscriptions of(Channel channel, Collection<String> symbols) {
    return none().with(channel, symbols);
  }

  /** This set with {@code symbols} added to {@code channel}. */
  public Subscriptions with(Channel channel, Collection<String> add) {
    Checks.notNull(channel, "channel");
    Checks.notNull(add, "symbols");
    EnumMap<Channel, Set<String>> m = copy();
    TreeSet<String> s = new TreeSet<>(m.getOrDefault(channel, Set.of()));
    add.forEach(x -> s.add(Checks.notBlank(x, "symbol")));
    put(m, channel, s);
    return new Subscriptions(m);
  }

  /** The union of this set and {@code other}. */
  public Subscriptions plus(Subscriptions other) {
    Subscriptions out = this;
    for (Map.Entry<Channel, Set<String>> e : other.symbols.entrySet()) {
      out = out.with(e.getKey(), e.getValue());
    }
    return out;
  }

  /** This set without the symbols of {@code other}. */
  public Subscriptions minus(Subscriptions other) {
    EnumMap<Channel, Set<String>> m = copy();
    for (Map.Entry<Channel, Set<String>> e : other.symbols.entrySet()) {
      TreeSet<String> s = new TreeSet<>(m.getOrDefault(e.getKey(), Set.of()));
      s.removeAll(e.getValue());
      put(m, e.getKey(), s);
    }
    return new Subscriptions(m);
  }

  /** The symbols of {@code channel}, sorted; empty if none. */
  public Set<String> get(Channel channel) {
    return symbols.getOrDefault(channel, Set.of());
  }

  /** Whether no channel has a symbol. */
  public boolean isEmpty() {
    return symbols.isEmpty();
  }

  /** This set restricted to the channels a client may request (no corrections or cancelErrors). */
  public Subscriptions requestable() {
    EnumMap<Channel, Set<String>> m = copy();
    m.keySet().removeIf(c -> !c.requestable());
    return new Subscriptions(m);
  }

  /**
   * The client message {@code {"action":"subscribe"|"unsubscribe","trades":[...],...}} with the non-empty requestable
   * channels.
   */
  public String toMessage(String action) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("action", action);
    for (Map.Entry<Channel, Set<String>> e : symbols.entrySet()) {
      if (e.getKey().requestable()) {
        ArrayNode a = n.putArray(e.getKey().key());
        e.getValue().forEach(a::add);
      }
    }
    return n.toString();
  }

  /** The set of a {@code subscription} confirmation; missing or null channels are empty, unknown keys ignored. */
  public static Subscriptions fromConfirmation(JsonNode n) {
    EnumMap<Channel, Set<String>> m = new EnumMap<>(Channel.class);
    for (Channel c : Channel.values()) {
      JsonNode a = n.get(c.key());
      if (a != null && a.isArray()) {
        TreeSet<String> s = new TreeSet<>();
        a.forEach(x -> s.add(x.asText()));
        put(m, c, s);
      }
    }
    return new Subscriptions(m);
  }

  private EnumMap<Channel, Set<String>> copy() {
    return symbols.isEmpty() ? new EnumMap<>(Channel.class) : new EnumMap<>(symbols);
  }

  private static void put(EnumMap<Channel, Set<String>> m, Channel c, TreeSet<String> s) {
    if (s.isEmpty()) {
      m.remove(c);
    } else {
      m.put(c, java.util.Collections.unmodifiableSortedSet(s));
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Subscriptions s && s.symbols.equals(symbols);
  }

  @Override
  public int hashCode() {
    return symbols.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("Subscriptions{");
    symbols.forEach((c, s) -> b.append(b.length() > 14 ? ", " : "").append(c.key()).append('=').append(s));
    return b.append('}').toString();
  }
}
