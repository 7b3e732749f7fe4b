package io.quantflow.simulator.marketdata;

import static io.quantflow.simulator.marketdata.SimFixture.json;
import static io.quantflow.simulator.marketdata.SimFixture.micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantflow.simulator.StoreTape;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The market-data WebSocket over real sockets: flow, error codes, confirmations, data values, faults. */
class MarketDataServiceTest {
  private static final MarketDataService.Options OPTIONS = MarketDataService.Options.defaults()
      .withSymbolLimit(3).withEntitledFeeds(Set.of("iex", "test", "delayed_sip"));
  private static final String Q1 = "{\"T\":\"q\",\"S\":\"AAPL\",\"t\":\"2019-02-11T14:30:01Z\",\"bx\":\"V\",\"bp\":100.0,"
      + "\"bs\":300,\"ax\":\"V\",\"ap\":100.2,\"as\":400,\"c\":[],\"z\":\"C\"}";
  private static final String T1 = "{\"T\":\"t\",\"S\":\"AAPL\",\"t\":\"2019-02-11T14:30:05.123456Z\",\"x\":\"V\","
      + "\"p\":100.1,\"s\":100,\"c\":[\"@\",\"I\"],\"i\":52983525033527,\"z\":\"C\"}";
  private static final String T2 = "{\"T\":\"t\",\"S\":\"AAPL\",\"t\":\"2019-02-11T14:30:05.123456Z\",\"x\":\"V\","
      + "\"p\":100.15,\"s\":50,\"c\":[],\"i\":2,\"z\":\"C\"}";
  private static final String T3 = "{\"T\":\"t\",\"S\":\"AAPL\",\"t\":\"2019-02-11T14:31:10.5Z\",\"x\":\"K\","
      + "\"p\":101.0,\"s\":200,\"c\":[\"@\"],\"i\":3,\"z\":\"C\"}";
  private static final String Q2 = "{\"T\":\"q\",\"S\":\"AAPL\",\"t\":\"2019-02-11T14:31:30.000001Z\",\"bx\":\"K\","
      + "\"bp\":101.0,\"bs\":100,\"ax\":\"Q\",\"ap\":101.1,\"as\":200,\"c\":[],\"z\":\"C\"}";
  private static final String B_AAPL = "{\"T\":\"b\",\"S\":\"AAPL\",\"t\":\"2019-02-11T14:30:00Z\",\"o\":100.0,"
      + "\"h\":101.0,\"l\":99.5,\"c\":100.5,\"v\":1000,\"n\":10,\"vw\":100.2}";
  private static final String D_AAPL = "{\"T\":\"d\",\"S\":\"AAPL\",\"t\":\"2019-02-11T05:00:00Z\",\"o\":100.0,"
      + "\"h\":101.0,\"l\":99.5,\"c\":100.5,\"v\":1000,\"n\":10,\"vw\":100.2}";
  private static final String B_MSFT = "{\"T\":\"b\",\"S\":\"MSFT\",\"t\":\"2019-02-11T14:30:00Z\",\"o\":105.0,"
      + "\"h\":105.5,\"l\":104.5,\"c\":105.25,\"v\":700,\"n\":7,\"vw\":105.1}";
  private static final String AUTH = "{\"action\":\"auth\",\"key\":\"sim-key\",\"secret\":\"sim-secret\"}";

  @TempDir static Path dir;
  static Path store;
  SimFixture sim;

  @BeforeAll
  static void writeStore() {
    store = SimFixture.writeStore(dir);
  }

  @AfterEach
  void stop() throws Exception {
    if (sim != null) {
      sim.close();
    }
  }

  private SimFixture sim() throws Exception {
    sim = SimFixture.start(store, OPTIONS);
    return sim;
  }

  private static String frame(String... messages) {
    return "[" + String.join(",", messages) + "]";
  }

  /** Same JSON values, and "T" first in every object. */
  private static void assertFrame(String actual, String expected) throws Exception {
    assertThat(json(actual)).isEqualTo(json(expected));
    assertThat(actual).startsWith("[{\"T\":");
    for (String part : actual.split("\\},\\{")) {
      if (!part.startsWith("[")) {
        assertThat(part).startsWith("\"T\":");
      }
    }
  }

  @Test
  void welcomesThenAuthenticates() throws Exception {
    sim().authenticated("iex");
  }

  @Test
  void wrongSecretGets402AndMayRetry() throws Exception {
    SimFixture.Client c = sim().connect("iex");
    c.next();
    c.send("{\"action\":\"auth\",\"key\":\"sim-key\",\"secret\":\"nope\"}");
    assertThat(c.next()).isEqualTo("[{\"T\":\"error\",\"code\":402,\"msg\":\"auth failed\"}]");
    c.send(AUTH);
    assertThat(c.next()).isEqualTo("[{\"T\":\"success\",\"msg\":\"authenticated\"}]");
  }

  @Test
  void secondAuthGets403() throws Exception {
    SimFixture.Client c = sim().authenticated("iex");
    c.send(AUTH);
    assertThat(c.next()).isEqualTo("[{\"T\":\"error\",\"code\":403,\"msg\":\"already authenticated\"}]");
  }

  @Test
  void subscribeBeforeAuthGets401() throws Exception {
    SimFixture.Client c = sim().connect("iex");
    c.next();
    c.send("{\"action\":\"subscribe\",\"trades\":[\"AAPL\"]}");
    assertThat(c.next()).isEqualTo("[{\"T\":\"error\",\"code\":401,\"msg\":\"not authenticated\"}]");
  }

  @Test
  void silentClientGets404ThenIsClosed() throws Exception {
    sim = SimFixture.start(store, OPTIONS.withAuthTimeout(Duration.ofMillis(200)));
    SimFixture.Client c = sim.connect("iex");
    assertThat(c.next()).isEqualTo("[{\"T\":\"success\",\"msg\":\"connected\"}]");
    assertThat(c.next()).isEqualTo("[{\"T\":\"error\",\"code\":404,\"msg\":\"auth timeout\"}]");
    assertThat(c.closed.get(5, TimeUnit.SECONDS)).startsWith("close 1008");
  }

  @Test
  void symbolLimitGets405AndKeepsTheSet() throws Exception {
    SimFixture.Client c = sim().authenticated("iex");
    c.send("{\"action\":\"subscribe\",\"trades\":[\"AAPL\",\"MSFT\"],\"quotes\":[\"AAPL\",\"SPY\"]}");
    c.next();
    c.send("{\"action\":\"subscribe\",\"quotes\":[\"QQQ\"]}");
    assertThat(c.next()).isEqualTo("[{\"T\":\"error\",\"code\":405,\"msg\":\"symbol limit exceeded\"}]");
    c.send("{\"action\":\"subscribe\",\"bars\":[\"QQQ\"]}");
    assertThat(c.next()).isEqualTo("[{\"T\":\"subscription\",\"trades\":[\"AAPL\",\"MSFT\"],"
        + "\"quotes\":[\"AAPL\",\"SPY\"],\"bars\":[\"QQQ\"],\"updatedBars\":[],\"dailyBars\":[],\"statuses\":[],"
        + "\"lulds\":[],\"corrections\":[\"AAPL\",\"MSFT\"],\"cancelErrors\":[\"AAPL\",\"MSFT\"]}]");
  }

  @Test
  void secondSessionOfAKeyOnAFeedGets406() throws Exception {
    sim().authenticated("iex");
    SimFixture.Client second = sim.connect("iex");
    second.next();
    second.send(AUTH);
    assertThat(second.next()).isEqualTo("[{\"T\":\"error\",\"code\":406,\"msg\":\"connection limit exceeded\"}]");
    sim.authenticated("test"); // the limit is per feed
  }

  @Test
  void feedOutsideTheEntitlementGets409() throws Exception {
    SimFixture.Client c = sim().connect("sip");
    c.next();
    c.send(AUTH);
    assertThat(c.next()).isEqualTo("[{\"T\":\"error\",\"code\":409,\"msg\":\"insufficient subscription\"}]");
  }

  @Test
  void unknownChannelGets410AndNullOrEmptyUnknownKeysAreIgnored() throws Exception {
    SimFixture.Client c = sim().authenticated("iex");
    c.send("{\"action\":\"subscribe\",\"news\":[\"AAPL\"]}");
    assertThat(c.next())
        .isEqualTo("[{\"T\":\"error\",\"code\":410,\"msg\":\"invalid subscribe action for this feed\"}]");
    c.send("{\"action\":\"subscribe\",\"trades\":[\"AAPL\"],\"orderbooks\":null,\"news\":[],\"quotes\":null}");
    assertThat(c.next()).isEqualTo("[{\"T\":\"subscription\",\"trades\":[\"AAPL\"],\"quotes\":[],\"bars\":[],"
        + "\"updatedBars\":[],\"dailyBars\":[],\"statuses\":[],\"lulds\":[],\"corrections\":[\"AAPL\"],"
        + "\"cancelErrors\":[\"AAPL\"]}]");
  }

  @Test
  void malformedJsonUnknownActionOrBadSymbolGets400() throws Exception {
    SimFixture.Client c = sim().authenticated("iex");
    String invalid = "[{\"T\":\"error\",\"code\":400,\"msg\":\"invalid syntax\"}]";
    c.send("{\"action\":\"subscribe\",");
    assertThat(c.next()).isEqualTo(invalid);
    c.send("{\"action\":\"dance\"}");
    assertThat(c.next()).isEqualTo(invalid);
    c.send("{\"action\":\"subscribe\",\"trades\":[\"AA PL\"]}");
    assertThat(c.next()).isEqualTo(invalid);
    c.send("{\"action\":\"subscribe\",\"trades\":\"AAPL\"}");
    assertThat(c.next()).isEqualTo(invalid);
  }

  @Test
  void confirmationsAreTheWholeSetAsInTheProtocolDocument() throws Exception {
    SimFixture.Client c = sim().authenticated("iex");
    // §1.3
    c.send("{\"action\":\"subscribe\",\"trades\":[\"AAPL\"],\"quotes\":[\"AMD\",\"CLDR\"],\"bars\":[\"*\"]}");
    assertThat(c.next()).isEqualTo("[{\"T\":\"subscription\",\"trades\":[\"AAPL\"],\"quotes\":[\"AMD\",\"CLDR\"],"
        + "\"bars\":[\"*\"],\"updatedBars\":[],\"dailyBars\":[],\"statuses\":[],\"lulds\":[],"
        + "\"corrections\":[\"AAPL\"],\"cancelErrors\":[\"AAPL\"]}]");
    // §1.5, second example
    c.send("{\"action\":\"unsubscribe\",\"bars\":[\"*\"]}");
    assertThat(c.next()).isEqualTo("[{\"T\":\"subscription\",\"trades\":[\"AAPL\"],\"quotes\":[\"AMD\",\"CLDR\"],"
        + "\"bars\":[],\"updatedBars\":[],\"dailyBars\":[],\"statuses\":[],\"lulds\":[],\"corrections\":[\"AAPL\"],"
        + "\"cancelErrors\":[\"AAPL\"]}]");
    // adding again leaves the rest as it was
    c.send("{\"action\":\"subscribe\",\"dailyBars\":[\"VOO\"],\"statuses\":[\"*\"]}");
    assertThat(c.next()).isEqualTo("[{\"T\":\"subscription\",\"trades\":[\"AAPL\"],\"quotes\":[\"AMD\",\"CLDR\"],"
        + "\"bars\":[],\"updatedBars\":[],\"dailyBars\":[\"VOO\"],\"statuses\":[\"*\"],\"lulds\":[],"
        + "\"corrections\":[\"AAPL\"],\"cancelErrors\":[\"AAPL\"]}]");
  }

  @Test
  void publishesTheStoreRowsWithExactValuesBatchedPerInstant() throws Exception {
    SimFixture.Client c = sim().authenticated("iex");
    c.send("{\"action\":\"subscribe\",\"trades\":[\"AAPL\"],\"quotes\":[\"AAPL\"],\"bars\":[\"*\"],"
        + "\"dailyBars\":[\"AAPL\"]}");
    c.next();
    sim.tape.start();
    assertFrame(c.next(), frame(Q1));
    assertFrame(c.next(), frame(T1, T2)); // two trades of one microsecond: one frame
    assertFrame(c.next(), frame(B_AAPL, D_AAPL, B_MSFT)); // the bars published at 14:31:00
    assertFrame(c.next(), frame(T3));
    assertFrame(c.next(), frame(Q2));
    JsonNode at1432 = json(c.next());
    assertThat(at1432).hasSize(3);
    JsonNode day = at1432.get(1);
    assertThat(day.get("T").asText()).isEqualTo("d");
    assertThat(day.get("t").asText()).isEqualTo("2019-02-11T05:00:00Z");
    assertThat(day.get("o").asDouble()).isEqualTo(100.0);
    assertThat(day.get("h").asDouble()).isEqualTo(102.0);
    assertThat(day.get("l").asDouble()).isEqualTo(99.5);
    assertThat(day.get("c").asDouble()).isEqualTo(101.5);
    assertThat(day.get("v").asLong()).isEqualTo(3000);
    assertThat(day.get("n").asLong()).isEqualTo(30);
    assertThat(day.get("vw").asDouble()).isCloseTo((100.2 * 1000 + 101.0 * 2000) / 3000, within(1e-9));
    assertThat(sim.tape.awaitFinished(5000)).isTrue();
    assertThat(sim.tape.latestBar("AAPL").orElseThrow().timestampMicros()).isEqualTo(micros("14:35"));
    assertThat(sim.tape.latestQuote("AAPL").orElseThrow().bidPrice()).isEqualTo(101.0);
    assertThat(sim.tape.nowMicros()).isEqualTo(micros("14:36"));
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }

  @Test
  void haltsArriveAsStatusMessages() throws Exception {
    StoreTape tape = StoreTape.builder(store).speed(0).halt("AAPL", micros("14:30:30"), micros("14:32:30")).build();
    sim = SimFixture.start(store, OPTIONS, tape);
    SimFixture.Client c = sim.authenticated("iex");
    c.send("{\"action\":\"subscribe\",\"statuses\":[\"AAPL\"]}");
    c.next();
    tape.start();
    assertFrame(c.next(), frame("{\"T\":\"s\",\"S\":\"AAPL\",\"sc\":\"H\",\"sm\":\"Trading Halt\",\"rc\":\"T12\","
        + "\"rm\":\"Trading Halted; For information requested by NASDAQ\",\"t\":\"2019-02-11T14:30:30Z\","
        + "\"z\":\"C\"}"));
    assertFrame(c.next(), frame("{\"T\":\"s\",\"S\":\"AAPL\",\"sc\":\"T\",\"sm\":\"Trading Resumption\",\"rc\":\"\","
        + "\"rm\":\"\",\"t\":\"2019-02-11T14:32:30Z\",\"z\":\"C\"}"));
    assertThat(tape.awaitFinished(5000)).isTrue();
    assertThat(tape.halted("AAPL")).isFalse();
  }

  @Test
  void duplicateFaultSendsAFrameTwice() throws Exception {
    SimFixture.Client c = sim().authenticated("iex");
    c.send("{\"action\":\"subscribe\",\"trades\":[\"AAPL\"],\"quotes\":[\"AAPL\"]}");
    c.next();
    assertThat(json(sim.postFaults("{\"duplicate\":1}").body()).get("duplicate").asInt()).isEqualTo(1);
    sim.tape.start();
    assertFrame(c.next(), frame(Q1));
    assertFrame(c.next(), frame(Q1));
    assertFrame(c.next(), frame(T1, T2));
    assertFrame(c.next(), frame(T3));
  }

  @Test
  void outOfOrderFaultSwapsTwoFrames() throws Exception {
    SimFixture.Client c = sim().authenticated("iex");
    c.send("{\"action\":\"subscribe\",\"trades\":[\"AAPL\"],\"quotes\":[\"AAPL\"]}");
    c.next();
    sim.postFaults("{\"outOfOrder\":1}");
    sim.tape.start();
    assertFrame(c.next(), frame(T1, T2));
    assertFrame(c.next(), frame(Q1));
    assertFrame(c.next(), frame(T3));
  }

  @Test
  void malformedFaultBreaksTheNextDataFrame() throws Exception {
    SimFixture.Client c = sim().authenticated("iex");
    c.send("{\"action\":\"subscribe\",\"trades\":[\"AAPL\"],\"quotes\":[\"AAPL\"]}");
    c.next();
    sim.postFaults("{\"malformed\":1}");
    sim.tape.start();
    String broken = c.next();
    assertThatThrownBy(() -> json(broken)).isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
    assertFrame(c.next(), frame(T1, T2));
  }

  @Test
  void disconnectFaultDropsEverySession() throws Exception {
    SimFixture.Client a = sim().authenticated("iex");
    SimFixture.Client b = sim.authenticated("test");
    assertThat(sim.postFaults("{\"disconnect\":true}").statusCode()).isEqualTo(200);
    assertThat(a.closed.get(5, TimeUnit.SECONDS)).isNotNull();
    assertThat(b.closed.get(5, TimeUnit.SECONDS)).isNotNull();
    assertThat(sim.marketData.sessionCount()).isZero();
    sim.authenticated("iex"); // the key's slot was freed
  }

  @Test
  void faultBodyErrorsSayWhatToSend() throws Exception {
    var r = sim().postFaults("{\"explode\":1}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r.body()).get("message").asText()).contains("unknown fault 'explode'").contains("duplicate");
  }
}
