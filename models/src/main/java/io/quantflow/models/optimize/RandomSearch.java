package io.quantflow.models.optimize;

import java.util.SplittableRandom;

/**
 * Random search: each {@link #ask()} draws every dimension independently and uniformly (integers and categories over
 * their values, doubles uniformly or, on a log scale, log-uniformly). The sequence depends on the seed only.
 */
public final class RandomSearch extends AbstractOptimizer {
  private final SplittableRandom random;

  /** Creates a search over {@code space} drawing from a {@link SplittableRandom} seeded with {@code seed}. */
  public RandomSearch(ParameterSpace space, long seed) {
    super(space);
    this.random = new SplittableRandom(seed);
  }

  @Override
  public ParameterSet ask() {
    return Priors.sample(space(), random);
  }
}
