package io.quantflow.models.optimize;

import io.quantflow.domain.Checks;
import java.util.HashSet;
import java.util.List;

/**
 * One named axis of a {@link ParameterSpace}: an integer range, a double range (linear or log scale) or a list of
 * categories. Values are {@link Integer}, {@link Double} and {@link String} respectively. Immutable and
 * thread-safe.
 */
public sealed interface Dimension permits Dimension.IntRange, Dimension.DoubleRange, Dimension.Categorical {

  /** Returns the parameter name; it contains neither {@code ','} nor {@code '='}. */
  String name();

  /** Returns the number of grid values, 0 for a double range without grid points. */
  int gridSize();

  /** Returns the {@code index}-th grid value, in ascending order for ranges and list order for categories. */
  Object gridValue(int index);

  /** Returns whether {@code value} has this dimension's type and lies in it. */
  boolean contains(Object value);

  /**
   * Integers {@code min, min + step, ...} up to {@code max}; {@code max} is a value only if it lies on the step.
   *
   * @param name parameter name
   * @param min smallest value
   * @param max largest allowed value, at least {@code min}
   * @param step positive spacing
   */
  record IntRange(String name, int min, int max, int step) implements Dimension {
    /** Checks the name, {@code min <= max} and {@code step > 0}. */
    public IntRange {
      checkName(name);
      Checks.isTrue(min <= max, "Argument 'max' must be at least min %s but was %s", min, max);
      Checks.positive(step, "step");
    }

    @Override
    public int gridSize() {
      return (int) (((long) max - min) / step + 1);
    }

    @Override
    public Object gridValue(int index) {
      Checks.isTrue(index >= 0 && index < gridSize(), "Argument 'index' must be in [0, %s) but was %s", gridSize(),
          index);
      return (int) (min + (long) index * step);
    }

    @Override
    public boolean contains(Object value) {
      return value instanceof Integer v && v >= min && v <= max && ((long) v - min) % step == 0;
    }

    /** Returns the grid index of {@code value}, which must be {@linkplain #contains contained}. */
    int indexOf(int value) {
      return (int) (((long) value - min) / step);
    }
  }

  /**
   * Doubles in {@code [min, max]}, sampled uniformly or, with {@code logScale}, log-uniformly. A grid needs
   * {@code gridPoints >= 2} values spread evenly (in log space for log scale) from {@code min} to {@code max}
   * inclusive; 0 grid points leaves the range continuous, usable by random and TPE search only.
   *
   * @param name parameter name
   * @param min lower bound, positive for log scale
   * @param max upper bound, above {@code min}
   * @param logScale whether values are spread evenly in {@code ln(value)}
   * @param gridPoints number of grid values, 0 or at least 2
   */
  record DoubleRange(String name, double min, double max, boolean logScale, int gridPoints) implements Dimension {
    /** Checks the name, finite bounds with {@code min < max}, {@code min > 0} for log scale and the grid points. */
    public DoubleRange {
      checkName(name);
      Checks.finite(min, "min");
      Checks.finite(max, "max");
      Checks.isTrue(min < max, "Argument 'max' must be above min %s but was %s", min, max);
      Checks.isTrue(!logScale || min > 0, "Argument 'min' must be positive for a log scale but was %s", min);
      Checks.isTrue(gridPoints == 0 || gridPoints >= 2, "Argument 'gridPoints' must be 0 or at least 2 but was %s",
          gridPoints);
    }

    @Override
    public int gridSize() {
      return gridPoints;
    }

    @Override
    public Object gridValue(int index) {
      Checks.isTrue(index >= 0 && index < gridPoints, "Argument 'index' must be in [0, %s) but was %s", gridPoints,
          index);
      if (index == 0) {
        return min;
      }
      if (index == gridPoints - 1) {
        return max;
      }
      double f = (double) index / (gridPoints - 1);
      return fromUnit(f);
    }

    @Override
    public boolean contains(Object value) {
      return value instanceof Double v && v >= min && v <= max;
    }

    /** Maps {@code f} in [0, 1] to the range, linearly or in log space, clamped to [min, max]. */
    double fromUnit(double f) {
      double x = logScale ? Math.exp(Math.log(min) * (1 - f) + Math.log(max) * f) : min * (1 - f) + max * f;
      return Math.min(max, Math.max(min, x));
    }
  }

  /**
   * A fixed list of distinct, non-blank string categories, kept in the given order.
   *
   * @param name parameter name
   * @param values the categories; none contains {@code ','} or {@code '='}
   */
  record Categorical(String name, List<String> values) implements Dimension {
    /** Copies the list and checks that it is non-empty with distinct, well-formed values. */
    public Categorical {
      checkName(name);
      values = List.copyOf(Checks.notNull(values, "values"));
      Checks.isTrue(!values.isEmpty(), "Argument 'values' of '%s' must not be empty", name);
      Checks.isTrue(new HashSet<>(values).size() == values.size(),
          "Argument 'values' of '%s' must be distinct but was %s", name, values);
      for (String v : values) {
        ParameterSet.checkToken(v, "values");
      }
    }

    @Override
    public int gridSize() {
      return values.size();
    }

    @Override
    public Object gridValue(int index) {
      return values.get(index);
    }

    @Override
    public boolean contains(Object value) {
      return value instanceof String && values.contains(value);
    }
  }

  private static void checkName(String name) {
    ParameterSet.checkToken(name, "name");
  }
}
