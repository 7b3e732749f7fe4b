package io.quantflow.jobs.cli;

import io.quantflow.connectors.alpaca.AlpacaConfig;
import io.quantflow.connectors.alpaca.data.AlpacaDataException;
import io.quantflow.connectors.alpaca.data.AlpacaHistoricalClient;
import io.quantflow.connectors.alpaca.data.AlpacaIngest;
import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Timeframe;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code quant ingest}: downloads market data from a provider into a Parquet store. */
@Command(name = "ingest", mixinStandardHelpOptions = true, subcommands = {IngestCommand.Alpaca.class},
    description = "Downloads bars from a market-data provider into a Parquet store (layout in docs/data-format.md).")
final class IngestCommand implements Runnable {
  /** New York: a plain date means a US trading day, extended hours included. */
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Override
  public void run() {
    throw new UserError("Name a provider: quant ingest alpaca --symbols AAPL,MSFT --start 2024-01-02 --end "
        + "2024-01-31 --output DIR (see quant ingest alpaca --help)");
  }

  /** {@code quant ingest alpaca}. */
  @Command(name = "alpaca", mixinStandardHelpOptions = true,
      description = {"Downloads Alpaca bars (GET /v2/stocks/bars) into a store, incrementally: each symbol resumes "
          + "after its last stored bar, so a re-run after an interruption continues without duplicate rows.",
          "Keys and endpoints come from APCA_API_KEY_ID, APCA_API_SECRET_KEY and APCA_API_DATA_URL (default "
              + "https://data.alpaca.markets; point it at quant alpaca-sim for the simulator).",
          "Dates are New York trading days (extended hours included); full RFC-3339 times are accepted too."})
  static final class Alpaca implements Callable<Integer> {
    @Option(names = "--symbols", paramLabel = "A,B", required = true, split = ",",
        description = "Symbols to download, comma-separated.")
    List<String> symbols;

    @Option(names = "--start", paramLabel = "DATE", required = true,
        description = "First day (YYYY-MM-DD, New York) or time (RFC-3339), inclusive.")
    String start;

    @Option(names = "--end", paramLabel = "DATE", required = true,
        description = "Last day (YYYY-MM-DD, New York) or time (RFC-3339), inclusive.")
    String end;

    @Option(names = "--timeframe", paramLabel = "TF", defaultValue = "1m",
        description = "Bar interval: 1m, 5m, 15m, 1h or 1d. Default: ${DEFAULT-VALUE}.")
    String timeframe;

    @Option(names = "--feed", paramLabel = "FEED", defaultValue = "iex",
        description = "iex (free plan) or sip. Default: ${DEFAULT-VALUE}.")
    String feed;

    @Option(names = "--adjustment", paramLabel = "ADJ", defaultValue = "raw",
        description = "raw, split, dividend, spin-off or all. Default: ${DEFAULT-VALUE}.")
    String adjustment;

    @Option(names = "--page-limit", paramLabel = "N", defaultValue = "10000",
        description = "Rows per request page, 1-10000. Default: ${DEFAULT-VALUE}.")
    int pageLimit;

    @Mixin Options.Output output;

    /** The environment; tests replace it. */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() {
      long t0 = System.nanoTime();
      Path out = output.output != null ? output.output.toAbsolutePath().normalize() : QuantHome.newRunDir("ingest");
      if (Files.exists(out) && !Files.isDirectory(out)) {
        throw new UserError("--output " + out + " is a file; pass a folder (it is created if missing)");
      }
      if (!adjustment.matches("(raw|split|dividend|spin-off|all)(,(raw|split|dividend|spin-off|all))*")) {
        throw new UserError("--adjustment " + adjustment + " is not one of raw, split, dividend, spin-off, all");
      }
      if (pageLimit < 1 || pageLimit > 10_000) {
        throw new UserError("--page-limit " + pageLimit + " must be between 1 and 10000");
      }
      Timeframe tf = Timeframe.parse(timeframe);
      AlpacaHistoricalClient.timeframeParam(tf); // refuses 1s/15s with a clear message
      Instant from = parse(start, "--start", false);
      Instant to = parse(end, "--end", true);
      if (to.isBefore(from)) {
        throw new UserError("--end " + end + " is before --start " + start);
      }
      List<String> syms = symbols.stream().map(String::trim).filter(s -> !s.isEmpty())
          .map(s -> s.toUpperCase(Locale.ROOT)).distinct().toList();
      AlpacaConfig config = AlpacaConfig.fromEnvironment(env);
      AlpacaIngest ingest = new AlpacaIngest(AlpacaHistoricalClient.builder(config).pageLimit(pageLimit).build(),
          BarStore.at(out));
      PrintStream err = System.err;
      AlpacaIngest.Report r;
      try {
        r = ingest.run(new AlpacaIngest.Request(syms, tf, from, to, adjustment, feed),
            p -> err.print("\r" + p.line() + "   "));
      } catch (AlpacaDataException e) {
        err.println();
        throw new UserError(e.getMessage() + " (what was downloaded is kept; re-run to resume)");
      }
      err.println();
      r.resumedFrom().forEach((s, micros) -> {
        if (micros > io.quantflow.connectors.alpaca.data.AlpacaTime.toMicros(from)) {
          err.println("note: " + s + " resumed after its stored bars, from "
              + io.quantflow.connectors.alpaca.data.AlpacaTime.format(micros));
        }
      });
      if (!r.upToDate().isEmpty()) {
        err.println("note: already complete in the store: " + String.join(", ", r.upToDate()));
      }
      System.out.printf(Locale.ROOT, "Ingested %,d %s bars of %d symbols (%,d pages) into %s (%.1f s)%n", r.rows(),
          tf.label(), syms.size(), r.pages(), out, (System.nanoTime() - t0) / 1e9);
      return 0;
    }

    private static Instant parse(String text, String flag, boolean endOfDay) {
      try {
        if (text.length() == 10) {
          LocalDate d = LocalDate.parse(text);
          return endOfDay ? d.plusDays(1).atStartOfDay(NEW_YORK).toInstant().minusNanos(1000)
              : d.atStartOfDay(NEW_YORK).toInstant();
        }
        return java.time.OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        throw new UserError(flag + " " + text + " is neither a date (YYYY-MM-DD) nor an RFC-3339 time "
            + "(2024-01-02T14:30:00Z)");
      }
    }
  }
}
