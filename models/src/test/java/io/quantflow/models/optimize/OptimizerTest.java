package io.quantflow.models.optimize;

import static io.quantflow.models.optimize.ParameterSpaceTest.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class OptimizerTest {
  /** Maximum 0 at x = 3, y = -1. */
  private static final ToDoubleFunction<ParameterSet> PARABOLOID = p -> {
    double dx = p.getDouble("x") - 3;
    double dy = p.getDouble("y") + 1;
    return -dx * dx - dy * dy;
  };
  private static final ParameterSpace SQUARE =
      ParameterSpace.builder().doubleRange("x", -10, 10).doubleRange("y", -10, 10).build();

  private static final ParameterSpace MIXED = ParameterSpace.builder()
      .intRange("period", 2, 20, 3)          // 2, 5, 8, 11, 14, 17, 20
      .categorical("ma", "ema", "sma", "wma")
      .logRange("stop", 0.001, 1)
      .build();
  /** Best at period 14, ma sma, stop 0.05. */
  private static final ToDoubleFunction<ParameterSet> MIXED_OBJECTIVE = p ->
      -Math.abs(p.getInt("period") - 14) / 3.0 - (p.getString("ma").equals("sma") ? 0 : 1)
          - Math.abs(Math.log10(p.getDouble("stop") / 0.05));

  /** Runs {@code trials} ask/tell rounds and returns the points asked, in order. */
  private static List<ParameterSet> run(Optimizer optimizer, ToDoubleFunction<ParameterSet> f, int trials) {
    List<ParameterSet> asked = new ArrayList<>();
    for (int i = 0; i < trials; i++) {
      ParameterSet p = optimizer.ask();
      asked.add(p);
      optimizer.tell(p, f.applyAsDouble(p));
    }
    return asked;
  }

  @Test
  void tpeFindsTheMaximumOfAParaboloid() {
    TpeOptimizer tpe = new TpeOptimizer(SQUARE, 42);
    run(tpe, PARABOLOID, 100);
    assertThat(tpe.trials()).hasSize(100);
    assertThat(tpe.best().orElseThrow().objective()).isGreaterThan(-0.5);
  }

  @Test
  void tpeBeatsRandomSearchOnAverage() {
    double tpe = 0;
    double random = 0;
    for (long seed = 1; seed <= 5; seed++) {
      TpeOptimizer t = new TpeOptimizer(SQUARE, seed);
      RandomSearch r = new RandomSearch(SQUARE, seed);
      run(t, PARABOLOID, 100);
      run(r, PARABOLOID, 100);
      tpe += t.best().orElseThrow().objective();
      random += r.best().orElseThrow().objective();
    }
    assertThat(tpe / 5).isGreaterThan(random / 5);
  }

  @Test
  void theSameSeedGivesTheSameSequence() {
    assertThat(run(new TpeOptimizer(MIXED, 7), MIXED_OBJECTIVE, 40))
        .isEqualTo(run(new TpeOptimizer(MIXED, 7), MIXED_OBJECTIVE, 40))
        .isNotEqualTo(run(new TpeOptimizer(MIXED, 8), MIXED_OBJECTIVE, 40));
    assertThat(run(new RandomSearch(MIXED, 7), MIXED_OBJECTIVE, 20))
        .isEqualTo(run(new RandomSearch(MIXED, 7), MIXED_OBJECTIVE, 20));
  }

  @Test
  void tpeAndRandomSearchStayOnTheSteps() {
    for (Optimizer optimizer : List.of(new TpeOptimizer(MIXED, 3), new RandomSearch(MIXED, 3))) {
      List<ParameterSet> asked = run(optimizer, MIXED_OBJECTIVE, 80);
      assertThat(asked).allSatisfy(p -> {
        assertThat(p.getInt("period")).isIn(2, 5, 8, 11, 14, 17, 20);
        assertThat(p.getString("ma")).isIn("ema", "sma", "wma");
        assertThat(p.getDouble("stop")).isBetween(0.001, 1.0);
        assertThat(MIXED.contains(p)).isTrue();
      });
    }
  }

  @Test
  void tpeConcentratesOnTheGoodCategoryAndStep() {
    TpeOptimizer tpe = new TpeOptimizer(MIXED, 11);
    List<ParameterSet> late = run(tpe, MIXED_OBJECTIVE, 80).subList(40, 80);
    // uniform draws would give sma and period 14 in about 1/3 and 1/7 of the points
    assertThat(late.stream().filter(p -> p.getString("ma").equals("sma")).count()).isGreaterThan(20);
    assertThat(late.stream().filter(p -> p.getInt("period") == 14).count()).isGreaterThan(10);
  }

  @Test
  void gridSearchWalksTheGridThenStops() {
    ParameterSpace space = ParameterSpace.builder().intRange("a", 1, 2, 1).categorical("b", "x", "y").build();
    GridSearch grid = new GridSearch(space);
    List<ParameterSet> asked = new ArrayList<>();
    for (ParameterSet p = grid.ask(); p != null; p = grid.ask()) {
      asked.add(p);
      grid.tell(p, p.getInt("a") + (p.getString("b").equals("y") ? 10 : 0));
    }
    assertThat(asked).extracting(ParameterSet::id).containsExactly("a=1,b=x", "a=1,b=y", "a=2,b=x", "a=2,b=y");
    assertThat(grid.ask()).isNull();
    // scores 1, 11, 2, 12
    assertThat(grid.best().orElseThrow().parameters().id()).isEqualTo("a=2,b=y");
    assertThat(grid.best().orElseThrow().objective()).isEqualTo(12);
  }

  @Test
  void bestKeepsTheEarliestOfEqualScores() {
    RandomSearch search = new RandomSearch(MIXED, 1);
    assertThat(search.best()).isEmpty();
    ParameterSet first = set("period", 2, "ma", "ema", "stop", 0.01);
    search.tell(first, 1.0);
    search.tell(set("period", 5, "ma", "ema", "stop", 0.01), 1.0);
    search.tell(set("period", 8, "ma", "ema", "stop", 0.01), Double.NEGATIVE_INFINITY);
    assertThat(search.best().orElseThrow().parameters()).isEqualTo(first);
  }

  @Test
  void tellRejectsPointsOutsideTheSpaceAndNaN() {
    TpeOptimizer tpe = new TpeOptimizer(MIXED, 1);
    assertThatThrownBy(() -> tpe.tell(set("period", 3, "ma", "ema", "stop", 0.01), 1))
        .hasMessageContaining("'parameters'");
    assertThatThrownBy(() -> tpe.tell(set("period", 2, "ma", "ema", "stop", 0.01), Double.NaN))
        .hasMessageContaining("'objective'");
    assertThat(tpe.trials()).isEmpty();
    assertThatThrownBy(() -> new TpeOptimizer(MIXED, 1, 10, 1.0, 24)).hasMessageContaining("'gamma'");
    assertThatThrownBy(() -> new TpeOptimizer(MIXED, 1, 10, 0.25, 0)).hasMessageContaining("'candidates'");
  }
}
