package io.quantflow.simulator.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.connectors.alpaca.stream.AlpacaStreamClient;
import io.quantflow.connectors.alpaca.stream.AlpacaStreamException;
import io.quantflow.connectors.alpaca.stream.Channel;
import io.quantflow.connectors.alpaca.stream.StreamMessage;
import io.quantflow.connectors.alpaca.stream.Subscriptions;
import io.quantflow.domain.Bar;
import io.quantflow.domain.Trade;
import io.quantflow.simulator.marketdata.MarketDataService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The market-data stream client against the simulator: flow, data values, subscriptions, errors, reconnects. */
class AlpacaStreamClientTest {
  static final List<Bar> AAPL = Sim.bars("AAPL", 6, 100);
  static final List<Bar> MSFT = Sim.bars("MSFT", 3, 200);
  static final List<Trade> TRADES = Sim.trades(4);

  @TempDir static Path dir;
  static Path store;
  Sim sim;
  final List<AlpacaStreamClient> clients = new ArrayList<>();

  @BeforeAll
  static void writeStore() {
    store = Sim.writeStore(dir, Stream.concat(AAPL.stream(), MSFT.stream()).toList(), TRADES, List.of());
  }

  @AfterEach
  void stop() throws Exception {
    clients.forEach(AlpacaStreamClient::close);
    if (sim != null) {
      sim.close();
    }
  }

  /** Records what the listener hears. */
  static final class Recorder implements AlpacaStreamClient.Listener {
    final LinkedBlockingQueue<StreamMessage> messages = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<Integer> ready = new LinkedBlockingQueue<>();
    final List<AlpacaStreamException> errors = new CopyOnWriteArrayList<>();
    final List<String> disconnects = new CopyOnWriteArrayList<>();
    final CompletableFuture<AlpacaStreamException> closed = new CompletableFuture<>();

    @Override
    public void onMessage(StreamMessage message) {
      messages.add(message);
    }

    @Override
    public void onReady(int sessions) {
      ready.add(sessions);
    }

    @Override
    public void onDisconnected(String reason) {
      disconnects.add(reason);
    }

    @Override
    public void onError(AlpacaStreamException error) {
      errors.add(error);
    }

    @Override
    public void onClosed(AlpacaStreamException cause) {
      closed.complete(cause);
    }

    /** The next {@code n} messages of type {@code type}, skipping others; fails after 10 s. */
    <T> List<T> next(Class<T> type, int n) throws InterruptedException {
      List<T> out = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (out.size() < n) {
        StreamMessage m = messages.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        assertThat(m).as("message %d of %d %s within 10 s", out.size() + 1, n, type.getSimpleName()).isNotNull();
        if (type.isInstance(m)) {
          out.add(type.cast(m));
        }
      }
      return out;
    }
  }

  private AlpacaStreamClient client(Recorder r, Subscriptions initial) {
    AlpacaStreamClient c = AlpacaStreamClient.builder(sim.config()).listener(r).subscriptions(initial)
        .backoff(Duration.ofMillis(20), Duration.ofMillis(200)).maxConnectionLimitRetries(1)
        .connectTimeout(Duration.ofSeconds(2)).pingInterval(Duration.ofSeconds(1)).build();
    clients.add(c);
    return c;
  }

  @Test
  void streamsBarsAndTradesWithExactValues() throws Exception {
    sim = Sim.start(store, 0);
    Recorder r = new Recorder();
    AlpacaStreamClient c = client(r, Subscriptions.of(Channel.BARS, List.of("AAPL", "MSFT"))
        .with(Channel.TRADES, List.of("AAPL")));
    c.connect().get(10, TimeUnit.SECONDS);
    assertThat(r.ready.poll()).isEqualTo(1);
    assertThat(c.confirmed().get(Channel.BARS)).containsExactly("AAPL", "MSFT");
    assertThat(c.confirmed().get(Channel.CORRECTIONS)).containsExactly("AAPL");
    assertThat(c.confirmed().get(Channel.CANCEL_ERRORS)).containsExactly("AAPL");
    sim.tape.start();
    List<Bar> bars = r.next(StreamMessage.BarMessage.class, 9).stream().map(StreamMessage.BarMessage::bar).toList();
    assertThat(bars).containsExactlyInAnyOrderElementsOf(Stream.concat(AAPL.stream(), MSFT.stream()).toList());
    assertThat(bars.stream().filter(b -> b.symbol().equals("AAPL")).toList()).containsExactlyElementsOf(AAPL);
  }

  @Test
  void tradesKeepTheirIdsAndMicroseconds() throws Exception {
    sim = Sim.start(store, 0);
    Recorder r = new Recorder();
    client(r, Subscriptions.of(Channel.TRADES, List.of("AAPL"))).connect().get(10, TimeUnit.SECONDS);
    sim.tape.start();
    List<Trade> trades = r.next(StreamMessage.TradeMessage.class, 4).stream()
        .map(StreamMessage.TradeMessage::trade).toList();
    assertThat(trades).containsExactlyElementsOf(TRADES);
    assertThat(trades.get(0).tradeId()).isEqualTo(52983525033527L);
  }

  @Test
  void subscribeAndUnsubscribeCompleteWithTheConfirmedSet() throws Exception {
    sim = Sim.start(store, 0);
    Recorder r = new Recorder();
    AlpacaStreamClient c = client(r, Subscriptions.none());
    c.connect().get(10, TimeUnit.SECONDS);
    assertThat(c.confirmed().isEmpty()).isTrue();
    Subscriptions s = c.subscribe(Subscriptions.of(Channel.QUOTES, List.of("AAPL"))
        .with(Channel.BARS, List.of("MSFT"))).get(5, TimeUnit.SECONDS);
    assertThat(s.get(Channel.QUOTES)).containsExactly("AAPL");
    assertThat(s.get(Channel.BARS)).containsExactly("MSFT");
    Subscriptions after = c.unsubscribe(Subscriptions.of(Channel.QUOTES, List.of("AAPL"))).get(5, TimeUnit.SECONDS);
    assertThat(after.get(Channel.QUOTES)).isEmpty();
    assertThat(after.get(Channel.BARS)).containsExactly("MSFT");
    assertThat(c.confirmed()).isEqualTo(after);
    assertThat(c.desired()).isEqualTo(Subscriptions.of(Channel.BARS, List.of("MSFT")));
  }

  @Test
  void wrongCredentialsAreFatalWithAClearMessage() throws Exception {
    sim = Sim.start(store, 0);
    Recorder r = new Recorder();
    AlpacaStreamClient c = AlpacaStreamClient.builder(sim.wrongSecret()).listener(r).build();
    clients.add(c);
    assertThatThrownBy(() -> c.connect().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(AlpacaStreamException.class, e -> {
          assertThat(e.code()).isEqualTo(402);
          assertThat(e.retriable()).isFalse();
        })
        .hasMessageContaining("check APCA_API_KEY_ID and APCA_API_SECRET_KEY")
        .hasMessageNotContaining("not-the-secret");
    assertThat(r.closed.get(5, TimeUnit.SECONDS).code()).isEqualTo(402);
  }

  @Test
  void anUnentitledFeedIsFatal() throws Exception {
    sim = Sim.start(store, 0, MarketDataService.Options.defaults().withEntitledFeeds(java.util.Set.of("iex")));
    Recorder r = new Recorder();
    AlpacaStreamClient c = AlpacaStreamClient.builder(sim.config().withFeed("sip")).listener(r).build();
    clients.add(c);
    assertThatThrownBy(() -> c.connect().get(10, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(AlpacaStreamException.class, e -> assertThat(e.code()).isEqualTo(409))
        .hasMessageContaining("use feed iex");
  }

  @Test
  void reconnectsAfterADisconnectAndRestoresTheSubscriptions() throws Exception {
    sim = Sim.start(store, 0);
    Recorder r = new Recorder();
    Subscriptions wanted = Subscriptions.of(Channel.BARS, List.of("AAPL")).with(Channel.QUOTES, List.of("MSFT"));
    AlpacaStreamClient c = client(r, wanted);
    c.connect().get(10, TimeUnit.SECONDS);
    assertThat(r.ready.poll(5, TimeUnit.SECONDS)).isEqualTo(1);
    Subscriptions before = c.confirmed();
    sim.faults.disconnect();
    assertThat(r.ready.poll(30, TimeUnit.SECONDS)).as("ready after the disconnect; disconnects %s, errors %s, "
        + "closed %s, sessions %s", r.disconnects, r.errors, r.closed.getNow(null), sim.marketData.sessionCount())
        .isEqualTo(2);
    assertThat(r.disconnects).hasSize(1);
    assertThat(c.confirmed()).isEqualTo(before);
    assertThat(sim.marketData.sessionCount()).isEqualTo(1);
    sim.tape.start();
    assertThat(r.next(StreamMessage.BarMessage.class, 6).stream().map(StreamMessage.BarMessage::bar).toList())
        .containsExactlyElementsOf(AAPL);
  }

  @Test
  void aSecondConnectionGets406AndGivesUpAfterTheRetries() throws Exception {
    sim = Sim.start(store, 0);
    Recorder first = new Recorder();
    client(first, Subscriptions.none()).connect().get(10, TimeUnit.SECONDS);
    Recorder second = new Recorder();
    AlpacaStreamClient c = client(second, Subscriptions.none());
    assertThatThrownBy(() -> c.connect().get(10, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(AlpacaStreamException.class, e -> assertThat(e.code()).isEqualTo(406))
        .hasMessageContaining("another connection with these keys is open").hasMessageContaining("gave up after 1");
    assertThat(second.errors).extracting(AlpacaStreamException::code).containsExactly(406, 406);
    assertThat(first.closed).isNotDone();
  }

  @Test
  void aMalformedFrameIsReportedWithItsRawText() throws Exception {
    sim = Sim.start(store, 0);
    Recorder r = new Recorder();
    client(r, Subscriptions.of(Channel.TRADES, List.of("AAPL"))).connect().get(10, TimeUnit.SECONDS);
    sim.faults.malformed(1);
    sim.tape.start();
    StreamMessage.Malformed bad = r.next(StreamMessage.Malformed.class, 1).get(0);
    assertThat(bad.reason()).startsWith("frame is not JSON");
    assertThat(bad.raw()).startsWith("[{\"T\":\"t\"");
    // the stream goes on: the other trades arrive
    assertThat(r.next(StreamMessage.TradeMessage.class, 3)).hasSize(3);
  }
}
