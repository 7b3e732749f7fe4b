package io.quantflow.models.optimize;

import java.util.SplittableRandom;

/** Uniform draws from a space: integers and categories uniform over their values, doubles uniform (or log-uniform). */
final class Priors {
  private Priors() {}

  static ParameterSet sample(ParameterSpace space, SplittableRandom random) {
    Object[] values = new Object[space.dimensions().size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = sample(space.dimensions().get(i), random);
    }
    return space.point(values);
  }

  static Object sample(Dimension dimension, SplittableRandom random) {
    if (dimension instanceof Dimension.DoubleRange d) {
      return d.fromUnit(random.nextDouble());
    }
    return dimension.gridValue(random.nextInt(dimension.gridSize()));
  }
}
