package io.quantflow.jobs.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.connectors.csv.TickCsvImporter;
import io.quantflow.connectors.store.BarStore;
import io.quantflow.connectors.store.TickStore;
import io.quantflow.domain.FeatureRow;
import io.quantflow.domain.MarketEvent;
import io.quantflow.domain.Quote;
import io.quantflow.domain.RejectedEvent;
import io.quantflow.domain.Signal;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.Trade;
import io.quantflow.domain.WideRow;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.jobs.config.JobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bars from real ticks (IBM, 2013-10-11, {@code data/sample/ticks}) with a recorded feed's troubles injected, run
 * through the whole feature pipeline in BATCH mode and as a STREAMING replay in arrival order: the STREAMING run
 * emits first versions, then revisions as late trades, cancels and corrections arrive, and its latest revisions
 * equal the BATCH run's rows exactly; both reject the same events with the same reasons.
 */
class TickPipelineITCase {
  private static final long SEC = 1_000_000L;
  private static final long FROM = micros("2013-10-11T13:30:00Z");
  private static final long TO = micros("2013-10-11T16:00:00Z");
  /** 11:00 New York: on a boundary of every timeframe. */
  private static final long T = micros("2013-10-11T15:00:00Z");

  @TempDir static Path dir;
  static BarStore store;
  static BarStore perturbed;
  static JobConfig config;
  static int lateTrades;

  private static long micros(String iso) {
    Instant i = Instant.parse(iso);
    return i.getEpochSecond() * SEC + i.getNano() / 1000;
  }

  @BeforeAll
  static void recordAFeed() throws Exception {
    Path repo = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(repo.resolve("data/sample/ticks"))) {
      repo = repo.getParent();
    }
    Path imported = dir.resolve("imported");
    TickCsvImporter.importInto(List.of(repo.resolve("data/sample/ticks/IBM_20131011_trades.csv.gz"),
        repo.resolve("data/sample/ticks/IBM_20131011_quotes.csv.gz")), TickStore.at(imported), null, false, s -> { });
    List<Trade> trades = TickStore.at(imported).readTrades().stream()
        .filter(t -> t.timestampMicros() >= FROM && t.timestampMicros() < TO).toList();
    List<Quote> quotes = TickStore.at(imported).readQuotes().stream()
        .filter(q -> q.timestampMicros() >= FROM && q.timestampMicros() < TO).toList();

    // the feed as received: most ticks on time, some trades late, some cancelled or corrected afterwards
    Random random = new Random(42);
    List<MarketEvent> feed = new ArrayList<>();
    for (Trade t : trades) {
      long delay = random.nextInt(100) < 4 ? (1 + random.nextInt(45)) * SEC : 0; // up to 45 s late
      if (delay > 0) {
        lateTrades++;
      }
      feed.add(MarketEvent.trade(t, t.timestampMicros() + delay));
      int roll = random.nextInt(1000);
      long at = t.timestampMicros() + (2 + random.nextInt(20)) * SEC;
      if (roll < 5) {
        feed.add(MarketEvent.cancel("IBM", at, at, t.tradeId()));
      } else if (roll < 10) {
        feed.add(MarketEvent.correction("IBM", at, at, t.tradeId(), 1_000_000 + t.tradeId(),
            Math.round(t.price() * 100 + 3) / 100.0, t.size() * 2));
      }
    }
    quotes.forEach(q -> feed.add(MarketEvent.quote(q)));
    feed.add(MarketEvent.cancel("IBM", FROM + 600 * SEC, FROM + 600 * SEC, 987_654_321)); // never seen
    feed.sort(Comparator.comparingLong(MarketEvent::receivedAtMicros)); // stable: ties keep their order
    store = BarStore.at(dir.resolve("feed"));
    TickStore.at(store.root()).writeEvents(feed);
    // the same feed with every tick from T on at other prices: the past must not notice
    List<MarketEvent> changed = new ArrayList<>();
    for (MarketEvent e : feed) {
      if (e.timestampMicros() < T || e.kind() == MarketEvent.Kind.CANCEL) {
        changed.add(e);
      } else {
        double k = 1.0 + 0.01 * ((e.timestampMicros() / SEC) % 7 - 3);
        changed.add(new MarketEvent(e.kind(), e.symbol(), e.timestampMicros(), e.receivedAtMicros(), e.tradeId(),
            e.price() * k, e.size(), e.correctedTradeId(), e.exchange(), e.conditions(), e.bidPrice() * k,
            e.bidSize(), e.askPrice() * k, e.askSize()));
      }
    }
    perturbed = BarStore.at(dir.resolve("perturbed"));
    TickStore.at(perturbed.root()).writeEvents(changed);

    Files.writeString(dir.resolve("ticks.yaml"), """
        timeframe: 1s
        input: ticks
        timing: {outOfOrderness: 2s, allowedLateness: 30s, latenessByTimeframe: {1s: 10s}}
        features:
          timeframes: [1s, 15s, 1m, 5m]
          indicators:
            - {indicator: ret}
            - {indicator: ema, params: {period: 20}}
            - {indicator: rsi, params: {period: 14}, methods: [wilder]}
            - {indicator: rvol, params: {period: 20}, methods: [cc, parkinson]}
            - {indicator: spread}
            - {indicator: imbalance}
        """);
    config = ConfigLoader.load(dir.resolve("ticks.yaml"), JobConfig.class);
  }

  private static FeaturesJob.Result run(String mode, int parallelism) throws Exception {
    return FeaturesJob.run(config.withMode(mode).withParallelism(parallelism), store,
        dir.resolve(mode + "-" + parallelism), Progress.NONE);
  }

  private static List<String> rejections(List<RejectedEvent> rejected) {
    return rejected.stream().map(r -> r.stage() + " " + r.timestampMicros() + " " + r.reason()).sorted().toList();
  }

  @Test
  void streamingRevisionsEndWhereBatchStartsAndBothRejectTheSameEvents() throws Exception {
    FeaturesJob.Result batch = run("batch", 2);
    FeaturesJob.Result stream = run("streaming", 2);

    // BATCH sees every accepted tick before it emits a bar: no revisions
    assertThat(batch.features()).allMatch(r -> r.revision() == 0 && !r.retracted());
    assertThat(batch.wide()).allMatch(r -> r.revision() == 0);
    assertThat(batch.signals()).allMatch(s -> s.revision() == 0);
    // STREAMING emitted first versions, then revised them as late ticks, cancels and corrections arrived
    assertThat(lateTrades).isGreaterThan(50);
    assertThat(stream.features().stream().filter(r -> r.revision() > 0).count()).isGreaterThan(20);
    assertThat(stream.wide().stream().filter(r -> r.revision() > 0).count()).isGreaterThan(20);

    List<FeatureRow> latestFeatures = RunOutputs.latest(stream.features(),
        r -> r.timeframe() + " " + r.timestampMicros(), FeatureRow::retracted);
    assertSameRows(latestFeatures.stream().map(TickPipelineITCase::withoutRevision).toList(), batch.features());
    List<WideRow> latestWide = RunOutputs.latest(stream.wide(), WideRow::timestampMicros, WideRow::retracted);
    assertSameRows(latestWide.stream().map(w -> new WideRow(w.symbol(), w.timeframe(), w.timestampMicros(),
        w.values())).toList(), batch.wide());
    List<Signal> latestSignals = RunOutputs.latest(stream.signals(), Signal::timestampMicros, Signal::retracted);
    assertSameRows(latestSignals.stream().map(s -> s.withRevision(0, false)).toList(), batch.signals());
    assertThat(batch.signals()).isNotEmpty();

    // the same events are refused, for the same reasons: too late for a timeframe, outside the session, unknown ids
    List<String> inStream = new ArrayList<>(rejections(stream.rejected()));
    List<String> inBatch = new ArrayList<>(rejections(batch.rejected()));
    List<String> onlyStream = new ArrayList<>(inStream);
    onlyStream.removeAll(inBatch);
    List<String> onlyBatch = new ArrayList<>(inBatch);
    onlyBatch.removeAll(inStream);
    assertThat(onlyStream).as("rejected only in STREAMING").isEmpty();
    assertThat(onlyBatch).as("rejected only in BATCH").isEmpty();
    assertThat(inStream).isEqualTo(inBatch);
    assertThat(batch.rejected().stream().map(r -> r.reason().substring(0, r.reason().indexOf(':')))
        .collect(Collectors.toSet())).contains("too_late (1s)", "unknown_trade");
  }

  @Test
  void everyTimeframeHoldsTheSameVolumeAsTheTicksItAccepted() throws Exception {
    FeaturesJob.Result batch = run("batch", 1);
    // ret_1 is NaN on each timeframe's first bar only, and the 5m bars cover the hour: 12 bars
    assertThat(batch.features().stream().filter(r -> r.timeframe() == Timeframe.M5).count()).isEqualTo(30);
    assertThat(batch.features().stream().filter(r -> r.timeframe() == Timeframe.M1).count()).isEqualTo(150);
    assertThat(batch.wide()).hasSize((int) batch.features().stream().filter(r -> r.timeframe() == Timeframe.S1)
        .count());
  }

  /** Equal lists, or a failure that shows the first row that differs (the lists are long). */
  static <T> void assertSameRows(List<T> actual, List<T> expected) {
    for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
      assertThat(actual.get(i)).as("row %d of %d (expected %d rows)", i, actual.size(), expected.size())
          .isEqualTo(expected.get(i));
    }
    assertThat(actual).hasSameSizeAs(expected);
  }

  @Test
  void ticksAfterTChangeNothingKnownByT() throws Exception {
    FeaturesJob.Result a = run("batch", 2);
    FeaturesJob.Result b = FeaturesJob.run(config.withMode("batch").withParallelism(2), perturbed,
        dir.resolve("perturbed-out"), Progress.NONE);
    List<FeatureRow> fa = a.features().stream().filter(r -> r.availableAtMicros() <= T).toList();
    assertThat(b.features().stream().filter(r -> r.availableAtMicros() <= T).toList()).isEqualTo(fa);
    assertThat(fa.stream().map(FeatureRow::timeframe).distinct()).hasSize(4);
    assertThat(b.wide().stream().filter(r -> r.availableAtMicros() <= T).toList())
        .isEqualTo(a.wide().stream().filter(r -> r.availableAtMicros() <= T).toList()).isNotEmpty();
    assertThat(b.signals().stream().filter(x -> x.timestampMicros() <= T).toList())
        .isEqualTo(a.signals().stream().filter(x -> x.timestampMicros() <= T).toList());
    assertThat(b.features()).isNotEqualTo(a.features()); // the change did reach the rows after T
  }

  private static FeatureRow withoutRevision(FeatureRow r) {
    return new FeatureRow(r.symbol(), r.timeframe(), r.timestampMicros(), r.close(), r.values());
  }
}
