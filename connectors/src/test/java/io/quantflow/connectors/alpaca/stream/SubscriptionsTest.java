package io.quantflow.connectors.alpaca.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {
  @Test
  void buildsSubscribeMessagesWithOnlyRequestableNonEmptyChannels() {
    Subscriptions s = Subscriptions.of(Channel.TRADES, List.of("AAPL")).with(Channel.QUOTES, List.of("CLDR", "AMD"))
        .with(Channel.BARS, List.of("*")).with(Channel.CORRECTIONS, List.of("AAPL"));
    assertThat(s.toMessage("subscribe"))
        .isEqualTo("{\"action\":\"subscribe\",\"trades\":[\"AAPL\"],\"quotes\":[\"AMD\",\"CLDR\"],\"bars\":[\"*\"]}");
    assertThat(s.requestable().get(Channel.CORRECTIONS)).isEmpty();
  }

  @Test
  void addsAndRemoves() {
    Subscriptions a = Subscriptions.of(Channel.BARS, List.of("AAPL", "MSFT"));
    Subscriptions b = a.plus(Subscriptions.of(Channel.BARS, List.of("SPY"))).minus(Subscriptions.of(Channel.BARS,
        List.of("AAPL")));
    assertThat(b.get(Channel.BARS)).containsExactly("MSFT", "SPY");
    assertThat(a.get(Channel.BARS)).containsExactly("AAPL", "MSFT");
    assertThat(b.minus(b).isEmpty()).isTrue();
    assertThat(b.minus(b)).isEqualTo(Subscriptions.none());
    assertThat(Subscriptions.of(Channel.QUOTES, List.of("FAKEPACA")).toMessage("unsubscribe"))
        .isEqualTo("{\"action\":\"unsubscribe\",\"quotes\":[\"FAKEPACA\"]}");
  }
}
