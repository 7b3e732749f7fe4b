package io.quantflow.connectors.alpaca.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlpacaSplitSerializerTest {
  private static final AlpacaSplit SPLIT = new AlpacaSplit("alpaca-iex", List.of("AAPL", "MSFT"),
      Map.of("AAPL", 1_704_205_800_000_000L, "MSFT", 1_704_205_860_000_000L), Map.of("AAPL", 1_704_205_801_234_567L));

  @Test
  void roundTripsASplit() throws IOException {
    AlpacaSplit.Serializer s = new AlpacaSplit.Serializer();
    assertThat(s.deserialize(s.getVersion(), s.serialize(SPLIT))).isEqualTo(SPLIT);
  }

  @Test
  void roundTripsTheEnumeratorState() throws IOException {
    var s = new io.quantflow.connectors.alpaca.SplitQueueEnumerator.StateSerializer<AlpacaSplit>("Alpaca",
        AlpacaSplit.Serializer::write, AlpacaSplit.Serializer::read);
    assertThat(s.deserialize(1, s.serialize(List.of(SPLIT)))).containsExactly(SPLIT);
    assertThat(s.deserialize(1, s.serialize(List.of()))).isEmpty();
  }

  @Test
  void refusesAnUnknownVersion() {
    assertThatThrownBy(() -> new AlpacaSplit.Serializer().deserialize(2, new byte[0]))
        .isInstanceOf(IOException.class).hasMessageContaining("Unknown Alpaca split version 2");
  }

  @Test
  void refusesASplitWithoutSymbols() {
    assertThatThrownBy(() -> new AlpacaSplit("s", List.of(), Map.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Split s must have at least one symbol");
  }
}
