package io.quantflow.connectors.alpaca.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.domain.Bar;
import io.quantflow.domain.MarketEvent;
import io.quantflow.domain.Timeframe;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parses the exact messages of docs/alpaca-protocol.md §1 (Alpaca's documented examples). */
class StreamMessagesTest {
  private static final long RX = 1_700_000_000_000_000L;

  private static StreamMessage one(String frame) {
    List<StreamMessage> m = StreamMessages.parse(frame, RX);
    assertThat(m).hasSize(1);
    return m.get(0);
  }

  @Test
  void parsesTradeExample() {
    StreamMessage.TradeMessage t = (StreamMessage.TradeMessage) one(
        "[{\"T\":\"t\",\"S\":\"AAPL\",\"i\":96921,\"x\":\"D\",\"p\":126.55,\"s\":1,\"t\":\"2021-02-22T15:51:44.208Z\","
            + "\"c\":[\"@\",\"I\"],\"z\":\"C\"}]");
    assertThat(t.trade().symbol()).isEqualTo("AAPL");
    assertThat(t.trade().tradeId()).isEqualTo(96921);
    assertThat(t.trade().price()).isEqualTo(126.55);
    assertThat(t.trade().size()).isEqualTo(1.0);
    assertThat(t.trade().timestampMicros()).isEqualTo(1614009104208000L);
    assertThat(t.trade().exchange()).isEqualTo("D");
    assertThat(t.trade().conditions()).isEqualTo("@,I");
    assertThat(t.tape()).isEqualTo("C");
    MarketEvent e = t.toEvent();
    assertThat(e.kind()).isEqualTo(MarketEvent.Kind.TRADE);
    assertThat(e.receivedAtMicros()).isEqualTo(RX);
  }

  @Test
  void parsesQuoteExampleWithNineFractionalDigits() {
    StreamMessage.QuoteMessage q = (StreamMessage.QuoteMessage) one(
        "[{\"T\":\"q\",\"S\":\"AMD\",\"bx\":\"U\",\"bp\":87.66,\"bs\":1,\"ax\":\"Q\",\"ap\":87.68,\"as\":4,"
            + "\"t\":\"2021-02-22T15:51:45.335689322Z\",\"c\":[\"R\"],\"z\":\"C\"}]");
    assertThat(q.quote().symbol()).isEqualTo("AMD");
    assertThat(q.quote().bidPrice()).isEqualTo(87.66);
    assertThat(q.quote().bidSize()).isEqualTo(1.0);
    assertThat(q.quote().askPrice()).isEqualTo(87.68);
    assertThat(q.quote().askSize()).isEqualTo(4.0);
    assertThat(q.quote().bidExchange()).isEqualTo("U");
    assertThat(q.quote().askExchange()).isEqualTo("Q");
    // 1614009105 s + 335689322 ns, truncated to micros
    assertThat(q.quote().timestampMicros()).isEqualTo(1614009105335689L);
    assertThat(q.conditions()).isEqualTo("R");
  }

  @Test
  void parsesMinuteBarExample() {
    StreamMessage.BarMessage b = (StreamMessage.BarMessage) one(
        "[{\"T\":\"b\",\"S\":\"SPY\",\"o\":388.985,\"h\":389.13,\"l\":388.975,\"c\":389.12,\"v\":49378,\"n\":461,"
            + "\"vw\":389.062639,\"t\":\"2021-02-22T19:15:00Z\"}]");
    assertThat(b.kind()).isEqualTo(StreamMessage.BarKind.MINUTE);
    assertThat(b.bar()).isEqualTo(new Bar("SPY", Timeframe.M1, 1614021300000000L, 388.985, 389.13, 388.975, 389.12,
        49378, 461, 389.062639));
  }

  @Test
  void parsesFakepacaBarWithIntegerHigh() {
    StreamMessage.BarMessage b = (StreamMessage.BarMessage) one(
        "[{\"T\":\"b\",\"S\":\"FAKEPACA\",\"o\":132.65,\"h\":136,\"l\":132.12,\"c\":134.65,\"v\":205,"
            + "\"t\":\"2024-07-24T07:56:00Z\",\"n\":16,\"vw\":133.7}]");
    assertThat(b.bar().high()).isEqualTo(136.0);
    assertThat(b.bar().timestampMicros()).isEqualTo(1721807760000000L);
    assertThat(b.bar().volume()).isEqualTo(205.0);
    assertThat(b.bar().tradeCount()).isEqualTo(16);
    assertThat(b.bar().vwap()).isEqualTo(133.7);
  }

  @Test
  void parsesUpdatedAndDailyBars() {
    List<StreamMessage> m = StreamMessages.parse(
        "[{\"T\":\"u\",\"S\":\"SPY\",\"o\":1,\"h\":2,\"l\":1,\"c\":2,\"v\":3,\"n\":1,\"vw\":1.5,\"t\":\"2021-02-22T16:49:00Z\"},"
            + "{\"T\":\"d\",\"S\":\"SPY\",\"o\":1,\"h\":2,\"l\":1,\"c\":2,\"v\":3,\"n\":1,\"vw\":1.5,\"t\":\"2021-02-22T05:00:00Z\"}]",
        RX);
    assertThat(((StreamMessage.BarMessage) m.get(0)).kind()).isEqualTo(StreamMessage.BarKind.UPDATED);
    assertThat(((StreamMessage.BarMessage) m.get(0)).bar().timeframe()).isEqualTo(Timeframe.M1);
    assertThat(((StreamMessage.BarMessage) m.get(1)).kind()).isEqualTo(StreamMessage.BarKind.DAILY);
    assertThat(((StreamMessage.BarMessage) m.get(1)).bar().timeframe()).isEqualTo(Timeframe.D1);
    assertThat(((StreamMessage.BarMessage) m.get(1)).bar().timestampMicros()).isEqualTo(1613970000000000L);
  }

  @Test
  void parsesStatusExample() {
    StreamMessage.StatusMessage s = (StreamMessage.StatusMessage) one(
        "[{\"T\":\"s\",\"S\":\"AAPL\",\"sc\":\"H\",\"sm\":\"Trading Halt\",\"rc\":\"T12\",\"rm\":\"Trading Halted; "
            + "For information requested by NASDAQ\",\"t\":\"2021-02-22T19:15:00Z\",\"z\":\"C\"}]");
    assertThat(s).isEqualTo(new StreamMessage.StatusMessage("AAPL", "H", "Trading Halt", "T12",
        "Trading Halted; For information requested by NASDAQ", 1614021300000000L, "C"));
  }

  @Test
  void parsesLuldExample() {
    StreamMessage.LuldMessage l = (StreamMessage.LuldMessage) one(
        "[{\"T\":\"l\",\"S\":\"IONM\",\"u\":3.24,\"d\":2.65,\"i\":\"B\",\"t\":\"2023-04-06T13:34:45.565004401Z\","
            + "\"z\":\"C\"}]");
    assertThat(l).isEqualTo(new StreamMessage.LuldMessage("IONM", 3.24, 2.65, "B", 1680788085565004L, "C"));
  }

  @Test
  void parsesCorrectionExampleWithLargeIds() {
    StreamMessage.CorrectionMessage c = (StreamMessage.CorrectionMessage) one(
        "[{\"T\":\"c\",\"S\":\"EEM\",\"x\":\"M\",\"oi\":52983525033527,\"op\":39.1582,\"os\":440000,"
            + "\"oc\":[\" \",\"7\"],\"ci\":52983525034326,\"cp\":39.1809,\"cs\":440000,\"cc\":[\" \",\"7\"],"
            + "\"z\":\"B\",\"t\":\"2023-04-06T14:25:06.542305024Z\"}]");
    assertThat(c.event()).isEqualTo(MarketEvent.correction("EEM", 1680791106542305L, RX, 52983525033527L,
        52983525034326L, 39.1809, 440000));
    assertThat(c.originalPrice()).isEqualTo(39.1582);
    assertThat(c.originalSize()).isEqualTo(440000.0);
  }

  @Test
  void parsesCancelExample() {
    StreamMessage.CancelMessage x = (StreamMessage.CancelMessage) one(
        "[{\"T\":\"x\",\"S\":\"GOOGL\",\"i\":465,\"x\":\"D\",\"p\":105.31,\"s\":300,\"a\":\"C\",\"z\":\"C\","
            + "\"t\":\"2023-04-06T13:15:42.83540958Z\"}]");
    assertThat(x.event()).isEqualTo(MarketEvent.cancel("GOOGL", 1680786942835409L, RX, 465));
    assertThat(x.action()).isEqualTo("C");
    assertThat(x.price()).isEqualTo(105.31);
    assertThat(x.size()).isEqualTo(300.0);
  }

  @Test
  void parsesControlMessages() {
    assertThat(one("[{\"T\":\"success\",\"msg\":\"connected\"}]")).isEqualTo(new StreamMessage.Success("connected"));
    assertThat(one("[{\"T\":\"error\",\"code\":402,\"msg\":\"auth failed\"}]"))
        .isEqualTo(new StreamMessage.Error(402, "auth failed"));
    StreamMessage.Subscription s = (StreamMessage.Subscription) one(
        "[{\"T\":\"subscription\",\"trades\":[\"AAPL\"],\"quotes\":[\"AMD\",\"CLDR\"],\"bars\":[\"*\"],"
            + "\"updatedBars\":[],\"dailyBars\":[\"VOO\"],\"statuses\":[\"*\"],\"lulds\":[],\"corrections\":[\"AAPL\"],"
            + "\"cancelErrors\":[\"AAPL\"]}]");
    assertThat(s.subscriptions().get(Channel.TRADES)).containsExactly("AAPL");
    assertThat(s.subscriptions().get(Channel.QUOTES)).containsExactly("AMD", "CLDR");
    assertThat(s.subscriptions().get(Channel.BARS)).containsExactly("*");
    assertThat(s.subscriptions().get(Channel.UPDATED_BARS)).isEmpty();
    assertThat(s.subscriptions().get(Channel.DAILY_BARS)).containsExactly("VOO");
    assertThat(s.subscriptions().get(Channel.CORRECTIONS)).containsExactly("AAPL");
    assertThat(s.subscriptions().get(Channel.CANCEL_ERRORS)).containsExactly("AAPL");
  }

  @Test
  void toleratesTheShortTestStreamConfirmation() {
    StreamMessage.Subscription s = (StreamMessage.Subscription) one(
        "[{\"T\":\"subscription\",\"trades\":[],\"quotes\":[\"FAKEPACA\"],\"bars\":[\"FAKEPACA\"]}]");
    assertThat(s.subscriptions()).isEqualTo(Subscriptions.of(Channel.QUOTES, List.of("FAKEPACA"))
        .with(Channel.BARS, List.of("FAKEPACA")));
  }

  @Test
  void parsesABatchOfMixedTypes() {
    List<StreamMessage> m = StreamMessages.parse("[{\"T\":\"t\",\"S\":\"A\",\"i\":1,\"x\":\"V\",\"p\":10,\"s\":5,"
        + "\"t\":\"2024-01-02T14:30:00Z\",\"c\":[],\"z\":\"A\"},{\"T\":\"q\",\"S\":\"A\",\"bx\":\"V\",\"bp\":9.9,\"bs\":1,"
        + "\"ax\":\"V\",\"ap\":10.1,\"as\":2,\"t\":\"2024-01-02T14:30:00.5Z\",\"c\":[\"R\"],\"z\":\"A\"}]", RX);
    assertThat(m).hasSize(2);
    assertThat(((StreamMessage.TradeMessage) m.get(0)).trade().price()).isEqualTo(10.0);
    assertThat(((StreamMessage.QuoteMessage) m.get(1)).quote().timestampMicros()).isEqualTo(1704205800500000L);
  }

  @Test
  void acceptsAnEasternOffset() {
    StreamMessage.TradeMessage t = (StreamMessage.TradeMessage) one("[{\"T\":\"t\",\"S\":\"A\",\"i\":7,\"x\":\"V\","
        + "\"p\":1.5,\"s\":1,\"t\":\"2022-04-19T13:45:04.981350886-04:00\"}]");
    assertThat(t.trade().timestampMicros()).isEqualTo(1650390304981350L);
  }

  @Test
  void reportsUnknownTypesWithTheirRawText() {
    StreamMessage u = one("[{\"T\":\"i\",\"S\":\"INAQU\",\"p\":9.12,\"z\":\"C\",\"t\":\"2024-12-13T19:58:09.242138635Z\"}]");
    assertThat(u).isInstanceOf(StreamMessage.Unknown.class);
    assertThat(((StreamMessage.Unknown) u).type()).isEqualTo("i");
    assertThat(((StreamMessage.Unknown) u).raw()).contains("INAQU").contains("9.12");
  }

  @Test
  void reportsMalformedFramesAndObjectsWithTheRawText() {
    StreamMessage notJson = one("[{\"T\":\"t\",");
    assertThat(notJson).isInstanceOf(StreamMessage.Malformed.class);
    assertThat(((StreamMessage.Malformed) notJson).raw()).isEqualTo("[{\"T\":\"t\",");
    assertThat(((StreamMessage.Malformed) notJson).receivedAtMicros()).isEqualTo(RX);

    StreamMessage notArray = one("{\"T\":\"success\",\"msg\":\"connected\"}");
    assertThat(((StreamMessage.Malformed) notArray).reason()).isEqualTo("frame is not a JSON array");

    List<StreamMessage> m = StreamMessages.parse("[{\"T\":\"t\",\"S\":\"A\",\"i\":1,\"p\":\"x\",\"s\":1,"
        + "\"t\":\"2024-01-02T14:30:00Z\"},{\"T\":\"success\",\"msg\":\"ok\"}]", RX);
    assertThat(m).hasSize(2);
    StreamMessage.Malformed bad = (StreamMessage.Malformed) m.get(0);
    assertThat(bad.reason()).isEqualTo("field 'p' must be a number but was \"x\"");
    assertThat(bad.raw()).contains("\"p\":\"x\"");
    assertThat(m.get(1)).isEqualTo(new StreamMessage.Success("ok"));

    StreamMessage badTime = one("[{\"T\":\"b\",\"S\":\"A\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":\"yesterday\"}]");
    assertThat(((StreamMessage.Malformed) badTime).reason()).contains("'yesterday' is not RFC-3339");
  }
}
