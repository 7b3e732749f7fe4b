package io.quantflow.models.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterSpaceTest {

  private static ParameterSpace threeDimensions() {
    return ParameterSpace.builder()
        .intRange("fast", 5, 15, 5)           // 5, 10, 15
        .categorical("ma", "ema", "sma")
        .doubleRange("stop", 0.5, 1.5, 3)     // 0.5, 1.0, 1.5
        .build();
  }

  @Test
  void gridEnumeratesEveryPointFirstDimensionSlowest() {
    List<ParameterSet> grid = threeDimensions().grid();

    assertThat(threeDimensions().gridSize()).isEqualTo(18); // 3 * 2 * 3
    assertThat(grid).hasSize(18).doesNotHaveDuplicates();
    assertThat(grid.subList(0, 4)).extracting(ParameterSet::id).containsExactly(
        "fast=5,ma=ema,stop=0.5", "fast=5,ma=ema,stop=1.0", "fast=5,ma=ema,stop=1.5", "fast=5,ma=sma,stop=0.5");
    assertThat(grid.get(6).id()).isEqualTo("fast=10,ma=ema,stop=0.5");
    assertThat(grid.get(17).id()).isEqualTo("fast=15,ma=sma,stop=1.5");

    List<String> nestedLoops = new ArrayList<>();
    for (int fast : new int[] {5, 10, 15}) {
      for (String ma : new String[] {"ema", "sma"}) {
        for (double stop : new double[] {0.5, 1.0, 1.5}) {
          nestedLoops.add("fast=" + fast + ",ma=" + ma + ",stop=" + stop);
        }
      }
    }
    assertThat(grid).extracting(ParameterSet::id).containsExactlyElementsOf(nestedLoops);
  }

  @Test
  void rangesProduceTheirGridValues() {
    // 2, 5, 8: 11 would pass max 10
    assertThat(new Dimension.IntRange("n", 2, 10, 3).gridSize()).isEqualTo(3);
    assertThat(new Dimension.IntRange("n", 2, 10, 3).gridValue(2)).isEqualTo(8);
    // log grid 0.001, 0.01, 0.1: exp(ln 0.001 + k/2 (ln 0.1 - ln 0.001))
    Dimension.DoubleRange log = new Dimension.DoubleRange("lr", 0.001, 0.1, true, 3);
    assertThat((double) log.gridValue(0)).isEqualTo(0.001);
    assertThat((double) log.gridValue(1)).isCloseTo(0.01, within(1e-15));
    assertThat((double) log.gridValue(2)).isEqualTo(0.1);
  }

  @Test
  void aContinuousRangeHasNoGrid() {
    ParameterSpace space = ParameterSpace.builder().intRange("n", 1, 3, 1).doubleRange("x", 0, 1).build();
    assertThatThrownBy(space::grid).isInstanceOf(IllegalStateException.class).hasMessageContaining("'x'");
    assertThatThrownBy(() -> new GridSearch(space)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void containsChecksNamesOrderTypesAndBounds() {
    ParameterSpace space = threeDimensions();
    assertThat(space.contains(set("fast", 10, "ma", "sma", "stop", 0.7))).isTrue();
    assertThat(space.contains(set("fast", 12, "ma", "sma", "stop", 0.7))).as("off the step").isFalse();
    assertThat(space.contains(set("fast", 10, "ma", "wma", "stop", 0.7))).as("unknown category").isFalse();
    assertThat(space.contains(set("fast", 10, "ma", "sma", "stop", 1.7))).as("above max").isFalse();
    assertThat(space.contains(set("fast", 10.0, "ma", "sma", "stop", 0.7))).as("double for int").isFalse();
    assertThat(space.contains(set("ma", "sma", "fast", 10, "stop", 0.7))).as("order").isFalse();
    assertThat(space.contains(set("fast", 10, "ma", "sma"))).as("missing").isFalse();
  }

  @Test
  void parameterSetsAreOrderedValues() {
    ParameterSet p = set("fast", 10, "slow", 30, "stop", 0.02, "ma", "ema");
    assertThat(p.id()).isEqualTo("fast=10,slow=30,stop=0.02,ma=ema").isEqualTo(p.toString());
    assertThat(p.getInt("fast")).isEqualTo(10);
    assertThat(p.getDouble("fast")).isEqualTo(10.0);
    assertThat(p.getDouble("stop")).isEqualTo(0.02);
    assertThat(p.getString("ma")).isEqualTo("ema");
    assertThat(p).isEqualTo(set("fast", 10, "slow", 30, "stop", 0.02, "ma", "ema"))
        .hasSameHashCodeAs(set("fast", 10, "slow", 30, "stop", 0.02, "ma", "ema"))
        .isNotEqualTo(set("slow", 30, "fast", 10, "stop", 0.02, "ma", "ema"));
    assertThatThrownBy(() -> p.values().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> p.getInt("ma")).hasMessageContaining("'ma'");
    assertThatThrownBy(() -> p.get("nope")).hasMessageContaining("'nope'");
  }

  @Test
  void badDefinitionsAreRejected() {
    assertThatThrownBy(() -> ParameterSpace.builder().intRange("a", 1, 2, 1).categorical("a", "x").build())
        .hasMessageContaining("'a' twice");
    assertThatThrownBy(() -> new Dimension.IntRange("n", 5, 1, 1)).hasMessageContaining("'max'");
    assertThatThrownBy(() -> new Dimension.IntRange("n", 1, 5, 0)).hasMessageContaining("'step'");
    assertThatThrownBy(() -> new Dimension.DoubleRange("x", 0, 1, true, 0)).hasMessageContaining("'min'");
    assertThatThrownBy(() -> new Dimension.DoubleRange("x", 0, 1, false, 1)).hasMessageContaining("'gridPoints'");
    assertThatThrownBy(() -> ParameterSpace.builder().categorical("c", "a", "a")).hasMessageContaining("distinct");
    assertThatThrownBy(() -> ParameterSpace.builder().categorical("c", "a,b")).hasMessageContaining("','");
    assertThatThrownBy(() -> ParameterSpace.builder().intRange("x=y", 1, 2, 1)).hasMessageContaining("'name'");
    assertThatThrownBy(() -> set("x", 1L)).hasMessageContaining("Integer, Double or String");
  }

  /** Builds a set from alternating names and values, in order. */
  static ParameterSet set(Object... namesAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return new ParameterSet(map);
  }
}
