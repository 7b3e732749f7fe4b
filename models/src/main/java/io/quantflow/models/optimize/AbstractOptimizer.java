package io.quantflow.models.optimize;

import io.quantflow.domain.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Trial bookkeeping shared by the optimisers. */
abstract class AbstractOptimizer implements Optimizer {
  private final ParameterSpace space;
  private final List<Trial> trials = new ArrayList<>();
  private Trial best;

  AbstractOptimizer(ParameterSpace space) {
    this.space = Checks.notNull(space, "space");
  }

  @Override
  public ParameterSpace space() {
    return space;
  }

  @Override
  public void tell(ParameterSet parameters, double objective) {
    Trial trial = new Trial(parameters, objective);
    Checks.isTrue(space.contains(parameters), "Argument 'parameters' %s is not in %s", parameters, space);
    trials.add(trial);
    if (best == null || objective > best.objective()) {
      best = trial;
    }
  }

  @Override
  public List<Trial> trials() {
    return Collections.unmodifiableList(trials);
  }

  @Override
  public Optional<Trial> best() {
    return Optional.ofNullable(best);
  }
}
