package io.quantflow.connectors.alpaca.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.connectors.alpaca.stream.AlpacaStreamException.Reaction;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every error code of docs/alpaca-protocol.md §1.7 maps to a reaction and a message saying what to do. */
class AlpacaStreamExceptionTest {
  @Test
  void mapsEveryDocumentedCode() {
    Map<Integer, Reaction> expected = Map.ofEntries(Map.entry(400, Reaction.REPORT), Map.entry(401, Reaction.RECONNECT),
        Map.entry(402, Reaction.FATAL), Map.entry(403, Reaction.REPORT), Map.entry(404, Reaction.RECONNECT),
        Map.entry(405, Reaction.REPORT), Map.entry(406, Reaction.RECONNECT), Map.entry(407, Reaction.RECONNECT),
        Map.entry(408, Reaction.FATAL), Map.entry(409, Reaction.FATAL), Map.entry(410, Reaction.FATAL),
        Map.entry(411, Reaction.FATAL), Map.entry(412, Reaction.FATAL), Map.entry(413, Reaction.FATAL),
        Map.entry(500, Reaction.RECONNECT));
    expected.forEach((code, reaction) -> {
      AlpacaStreamException e = AlpacaStreamException.of(code, "text");
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.reaction()).as("code %d", code).isEqualTo(reaction);
      assertThat(e.retriable()).as("code %d", code).isEqualTo(reaction == Reaction.RECONNECT);
      assertThat(e.getMessage()).startsWith("Alpaca stream error " + code + " 'text': ");
    });
  }

  @Test
  void messagesSayWhatToFix() {
    assertThat(AlpacaStreamException.of(402, "auth failed").getMessage())
        .isEqualTo("Alpaca stream error 402 'auth failed': invalid credentials; check APCA_API_KEY_ID and "
            + "APCA_API_SECRET_KEY");
    assertThat(AlpacaStreamException.of(409, "insufficient subscription").getMessage()).contains("use feed iex");
    assertThat(AlpacaStreamException.of(406, "connection limit exceeded").getMessage())
        .contains("another connection with these keys is open");
    assertThat(AlpacaStreamException.of(405, "symbol limit exceeded").getMessage()).contains("subscribe fewer symbols");
    assertThat(AlpacaStreamException.of(407, "slow client").getMessage()).contains("reconnecting");
  }

  @Test
  void unknownCodesAreReportedNotFatal() {
    AlpacaStreamException e = AlpacaStreamException.of(499, "new thing");
    assertThat(e.reaction()).isEqualTo(Reaction.REPORT);
    assertThat(e.getMessage()).contains("unknown error code");
  }
}
