package io.quantflow.connectors.stress;

import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Checks;
import io.quantflow.domain.Timeframe;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A named synthetic stress: transforms applied in order to each symbol's bars. Usage:
 *
 * <pre>{@code
 * StressScenario crash = new StressScenario("index-gap-10", List.of(StressTransform.gapDown(List.of(), at, 0.10)));
 * crash.apply(BarStore.at(Path.of("store")), Timeframe.M1, BarStore.at(Path.of("stressed")));
 * }</pre>
 *
 * <p>The name names folders of {@code quant stress}, so it is restricted to letters, digits, {@code .}, {@code _}
 * and {@code -}. Immutable and thread-safe.
 *
 * @param name the scenario's name, e.g. {@code flash-crash}
 * @param transforms applied in list order, at least one
 */
public record StressScenario(String name, List<StressTransform> transforms) {
  /** Checks the arguments and copies the transforms. */
  public StressScenario {
    checkName(name, "name");
    transforms = List.copyOf(Checks.notNull(transforms, "transforms"));
    Checks.isTrue(!transforms.isEmpty(), "Scenario '%s' needs at least one transform", name);
  }

  /**
   * Checks a scenario or period name: letters, digits, {@code .}, {@code _} and {@code -}, not starting with a dot.
   *
   * @return the name
   */
  public static String checkName(String name, String argument) {
    Checks.notBlank(name, argument);
    Checks.isTrue(name.matches("[A-Za-z0-9_-][A-Za-z0-9._-]*"), "Argument '%s' must hold only letters, digits, "
        + "'.', '_' and '-' (it names a folder) but was '%s'", argument, name);
    return name;
  }

  /**
   * The transformed bars. The input may hold several symbols in any order; each symbol's bars are sorted by time and
   * transformed on their own.
   *
   * @return the result sorted by symbol, then time; a symbol whose bars were all removed is absent
   */
  public List<Bar> apply(List<Bar> bars) {
    Map<String, List<Bar>> bySymbol = new TreeMap<>();
    for (Bar b : Checks.notNull(bars, "bars")) {
      bySymbol.computeIfAbsent(b.symbol(), s -> new ArrayList<>()).add(b);
    }
    List<Bar> out = new ArrayList<>(bars.size());
    for (List<Bar> own : bySymbol.values()) {
      own.sort(Comparator.comparingLong(Bar::timestampMicros));
      List<Bar> current = own;
      for (StressTransform t : transforms) {
        current = t.apply(current);
      }
      out.addAll(current);
    }
    return out;
  }

  /**
   * Writes the transformed {@code timeframe} bars of {@code source} into {@code target}.
   *
   * @return the number of bars written
   */
  public long apply(BarStore source, Timeframe timeframe, BarStore target) {
    Checks.notNull(source, "source");
    Checks.notNull(timeframe, "timeframe");
    Checks.notNull(target, "target");
    Checks.isTrue(!source.root().equals(target.root()), "Argument 'target' must be another store than the source %s",
        source.root());
    List<Bar> out = apply(source.read(timeframe));
    target.write(out);
    return out.size();
  }

  /** The transforms' descriptions joined by {@code ", then "}. */
  public String describe() {
    return transforms.stream().map(StressTransform::describe).collect(Collectors.joining(", then "));
  }
}
