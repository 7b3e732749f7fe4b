package io.quantflow.jobs.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.models.optimize.ParameterSet;
import io.quantflow.operators.signals.VoteMethod;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTemplateTest {
  private static final String BASE = """
      features:
        indicators:
          - indicator: ema
            params:
              period: ${period}
          - {indicator: rvol, params: {period: 20}, methods: [cc]}
      signal:
        methods:
          - feature: ema_${period}
        methodQuorum: ${quorum}
      portfolio:
        costBps: ${cost}
        benchmark: "B${cost}"
      """;

  private static ParameterSet params(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return new ParameterSet(m);
  }

  @Test
  void aWholeValuePlaceholderKeepsTheParametersType() {
    JobConfig c = ConfigTemplate.render(BASE, params("period", 30, "quorum", "1", "cost", 2.5));

    Object period = c.features().indicators().get(0).params().get("period");
    assertThat(period).isInstanceOf(Integer.class).isEqualTo(30);
    assertThat(c.portfolio().costBps()).isEqualTo(2.5);
    // a category is a string; the Integer setting reads it as the number it spells
    assertThat(c.signal().methodQuorum()).isEqualTo(1);
  }

  @Test
  void aPlaceholderInsideAStringIsReplacedByTheValuesText() {
    JobConfig c = ConfigTemplate.render(BASE, params("period", 30, "quorum", "1", "cost", 2.5));

    assertThat(c.pipeline().signal().methods()).containsExactly(VoteMethod.above("ema_30"));
    assertThat(c.portfolio().benchmark()).isEqualTo("B2.5");
    assertThat(c.pipeline().schema().names()).containsExactly("ema_30", "rvol_20_cc");
  }

  @Test
  void renderingFromTextAndFromATreeAgree_andLeavesTheTreeUnchanged() throws Exception {
    JsonNode tree = ConfigLoader.yaml().readTree(BASE);
    JsonNode before = tree.deepCopy();
    ParameterSet p = params("period", 10, "quorum", "1", "cost", 0.5);

    assertThat(ConfigTemplate.render(tree, p)).isEqualTo(ConfigTemplate.render(BASE, p));
    assertThat(tree).isEqualTo(before);
    assertThat(ConfigTemplate.placeholders(tree)).containsExactly("cost", "period", "quorum");
  }

  @Test
  void aQuotedPlaceholderInFlowStyleIsTypedToo() {
    JobConfig c = ConfigTemplate.render("features:\n  indicators: [{indicator: ema, params: {period: \"${p}\"}}]\n",
        params("p", 7));
    assertThat(c.features().indicators().get(0).params().get("period")).isEqualTo(7);
  }

  @Test
  void anUnknownPlaceholderFailsNamingItWhereItIsAndTheParameters() {
    assertThatThrownBy(() -> ConfigTemplate.render(BASE, params("period", 30, "quorum", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown placeholder ${cost} in config at portfolio.costBps")
        .hasMessageContaining("the parameters are [period, quorum]");
  }

  @Test
  void aBadRenderedValueFailsWithTheConfigLoadersMessage() {
    assertThatThrownBy(() -> ConfigTemplate.render("mode: ${mode}\n", params("mode", "fast")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("config with mode=fast")
        .hasMessageContaining("Setting 'mode' must be 'batch' or 'streaming' but was 'fast'");
  }

  @Test
  void anUnknownSettingFailsNamingTheValidOnes() {
    assertThatThrownBy(() -> ConfigTemplate.render("portfolio:\n  cash: ${c}\n", params("c", 5.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown setting 'cash' at portfolio.cash")
        .hasMessageContaining("[benchmark, borrowRate, construction, costBps, grossLeverage, hedge, initialCash, limits, marginRate, maxGrossLeverage, risk, sectors]");
  }

  @Test
  void aValueOfTheWrongTypeNamesTheSetting() {
    assertThatThrownBy(() -> ConfigTemplate.render("parallelism: ${p}\n", params("p", "many")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("config with p=many at parallelism");
  }
}
