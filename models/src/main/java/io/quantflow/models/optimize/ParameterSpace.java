package io.quantflow.models.optimize;

import io.quantflow.domain.Checks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ordered list of named {@link Dimension}s to search over. Grid points are enumerated with the first dimension
 * varying slowest and the last fastest, like nested loops written in dimension order. Immutable and thread-safe.
 *
 * <pre>{@code
 * ParameterSpace space = ParameterSpace.builder()
 *     .intRange("fast", 5, 20, 5)          // 5, 10, 15, 20
 *     .logRange("stop", 0.005, 0.05, 3)    // 0.005, 0.0158..., 0.05
 *     .categorical("ma", "ema", "sma")
 *     .build();
 * }</pre>
 */
public final class ParameterSpace {
  private final List<Dimension> dimensions;

  private ParameterSpace(List<Dimension> dimensions) {
    this.dimensions = List.copyOf(dimensions);
  }

  /** Returns a space of {@code dimensions}, in order; names must be distinct. */
  public static ParameterSpace of(List<Dimension> dimensions) {
    Checks.notNull(dimensions, "dimensions");
    Checks.isTrue(!dimensions.isEmpty(), "Argument 'dimensions' must not be empty");
    Set<String> names = new HashSet<>();
    for (Dimension d : dimensions) {
      Checks.notNull(d, "dimensions[]");
      Checks.isTrue(names.add(d.name()), "Argument 'dimensions' has the name '%s' twice", d.name());
    }
    return new ParameterSpace(dimensions);
  }

  /** Returns a builder that adds dimensions in call order. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the dimensions in order. */
  public List<Dimension> dimensions() {
    return dimensions;
  }

  /**
   * Returns the number of grid points, the product of the dimensions' grid sizes.
   *
   * @throws IllegalStateException if a double range has no grid points, or the product exceeds {@code
   *     Long.MAX_VALUE}
   */
  public long gridSize() {
    long size = 1;
    for (Dimension d : dimensions) {
      if (d.gridSize() == 0) {
        throw new IllegalStateException("Dimension '" + d.name() + "' is continuous; give it gridPoints for a grid");
      }
      try {
        size = Math.multiplyExact(size, d.gridSize());
      } catch (ArithmeticException e) {
        throw new IllegalStateException("The grid has more than Long.MAX_VALUE points", e);
      }
    }
    return size;
  }

  /**
   * Returns every grid point, first dimension slowest.
   *
   * @throws IllegalStateException if {@link #gridSize()} fails or exceeds {@code Integer.MAX_VALUE}
   */
  public List<ParameterSet> grid() {
    long size = gridSize();
    if (size > Integer.MAX_VALUE) {
      throw new IllegalStateException("The grid has " + size + " points, too many for a list");
    }
    List<ParameterSet> out = new ArrayList<>((int) size);
    for (long i = 0; i < size; i++) {
      out.add(gridPoint(i));
    }
    return out;
  }

  /** Returns grid point {@code index} in {@link #grid()} order, {@code 0 <= index < gridSize()}. */
  ParameterSet gridPoint(long index) {
    Object[] values = new Object[dimensions.size()];
    long rest = index;
    for (int i = dimensions.size() - 1; i >= 0; i--) {
      Dimension d = dimensions.get(i);
      values[i] = d.gridValue((int) (rest % d.gridSize()));
      rest /= d.gridSize();
    }
    return point(values);
  }

  /** Returns the set of {@code values} given in dimension order. */
  ParameterSet point(Object[] values) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      map.put(dimensions.get(i).name(), values[i]);
    }
    return new ParameterSet(map);
  }

  /** Returns whether {@code parameters} has exactly this space's names, in order, with values inside it. */
  public boolean contains(ParameterSet parameters) {
    Checks.notNull(parameters, "parameters");
    Map<String, Object> values = parameters.values();
    if (values.size() != dimensions.size()) {
      return false;
    }
    int i = 0;
    for (Map.Entry<String, Object> e : values.entrySet()) {
      Dimension d = dimensions.get(i++);
      if (!d.name().equals(e.getKey()) || !d.contains(e.getValue())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "ParameterSpace" + dimensions;
  }

  /** Collects dimensions in order; {@link #build()} checks that names are distinct. */
  public static final class Builder {
    private final List<Dimension> dimensions = new ArrayList<>();

    private Builder() {}

    /** Adds {@code dimension}. */
    public Builder add(Dimension dimension) {
      dimensions.add(Checks.notNull(dimension, "dimension"));
      return this;
    }

    /** Adds integers {@code min, min + step, ...} up to {@code max}. */
    public Builder intRange(String name, int min, int max, int step) {
      return add(new Dimension.IntRange(name, min, max, step));
    }

    /** Adds a continuous, linearly sampled double range (no grid). */
    public Builder doubleRange(String name, double min, double max) {
      return add(new Dimension.DoubleRange(name, min, max, false, 0));
    }

    /** Adds a linear double range with {@code gridPoints} evenly spaced grid values from min to max. */
    public Builder doubleRange(String name, double min, double max, int gridPoints) {
      return add(new Dimension.DoubleRange(name, min, max, false, gridPoints));
    }

    /** Adds a continuous, log-uniformly sampled double range (no grid); {@code min > 0}. */
    public Builder logRange(String name, double min, double max) {
      return add(new Dimension.DoubleRange(name, min, max, true, 0));
    }

    /** Adds a log-scale double range with {@code gridPoints} grid values evenly spaced in {@code ln(value)}. */
    public Builder logRange(String name, double min, double max, int gridPoints) {
      return add(new Dimension.DoubleRange(name, min, max, true, gridPoints));
    }

    /** Adds a list of string categories. */
    public Builder categorical(String name, String... values) {
      return add(new Dimension.Categorical(name, List.of(Checks.notNull(values, "values"))));
    }

    /** Returns the space. */
    public ParameterSpace build() {
      return ParameterSpace.of(dimensions);
    }
  }
}
