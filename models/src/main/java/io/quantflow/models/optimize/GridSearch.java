package io.quantflow.models.optimize;

/**
 * Exhaustive search: {@link #ask()} walks {@link ParameterSpace#grid()} in order, first dimension slowest, and
 * returns null after the last point. Every double range needs grid points.
 */
public final class GridSearch extends AbstractOptimizer {
  private final long size;
  private long next;

  /**
   * Creates a search over the grid of {@code space}.
   *
   * @throws IllegalStateException if a double range of {@code space} has no grid points
   */
  public GridSearch(ParameterSpace space) {
    super(space);
    this.size = space.gridSize();
  }

  @Override
  public ParameterSet ask() {
    return next < size ? space().gridPoint(next++) : null;
  }
}
