package io.quantflow.jobs.cli;

import io.quantflow.connectors.csv.CsvBarImporter;
import io.quantflow.connectors.csv.CsvImportReport;
import io.quantflow.connectors.csv.ImportOptions;
import io.quantflow.connectors.store.BarStore;
import io.quantflow.domain.Timeframe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code quant import}: a group of importers, one per input format. */
@Command(name = "import", mixinStandardHelpOptions = true, subcommands = {ImportCommand.Csv.class,
    ImportCommand.Ticks.class, ImportCommand.Daily.class},
    description = "Imports bars or ticks into a Parquet store (layout in docs/data-format.md).")
final class ImportCommand implements Runnable {
  @Override
  public void run() {
    throw new UserError("Name a format: quant import csv --data FILE.csv --output DIR, quant import ticks --data "
        + "FILE.csv[.gz] --output DIR, or quant import daily --data SYMBOL.csv.gz --output DIR (see --help of "
        + "each)");
  }

  /** {@code quant import csv}. */
  @Command(name = "csv", mixinStandardHelpOptions = true,
      description = {"Imports CSV bars into a store.",
          "Header: symbol,timestamp,open,high,low,close,volume[,trade_count,vwap] (any order); timestamps are "
              + "ISO-8601 with an offset (2019-02-11T14:30:00Z) or epoch seconds/millis/micros/nanos; a bar is "
              + "labelled by the start of its interval.",
          "Bad rows are reported with file and line and nothing is written, unless --skip-bad-rows is given: then "
              + "the good rows are written and the bad ones go to <output>/rejects/import-rejects.csv."})
  static final class Csv implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "FILE", required = true, arity = "1..*",
        description = "CSV file(s) to import.")
    List<Path> files;

    @Mixin Options.Output output;

    @Option(names = "--timeframe", paramLabel = "TF",
        description = "Timeframe of the bars (1s, 15s, 1m, 5m, 15m, 1h, 1d). Default: inferred from the spacing "
            + "of the timestamps.")
    String timeframe;

    @Option(names = "--skip-bad-rows",
        description = "Write the good rows and a rejects file instead of refusing the input.")
    boolean skipBadRows;

    @Override
    public Integer call() throws Exception {
      long start = System.nanoTime();
      Path out = output.output != null ? output.output.toAbsolutePath().normalize() : QuantHome.newRunDir("import");
      if (Files.exists(out) && !Files.isDirectory(out)) {
        throw new UserError("--output " + out + " is a file; pass a folder (it is created if missing)");
      }
      Timeframe tf = timeframe == null ? null : Timeframe.parse(timeframe);
      CsvImportReport r = CsvBarImporter.importInto(files, BarStore.at(out),
          new ImportOptions(tf, skipBadRows, System.err::println));
      r.notes().forEach(n -> System.err.println("note: " + n));
      System.out.printf(Locale.ROOT, "Imported %,d rows: %,d %s bars of %d symbols into %,d files in %s (%.1f s)%n",
          r.rowsRead(), r.barsWritten(), r.timeframe().label(), r.symbols().size(), r.filesWritten(), out,
          (System.nanoTime() - start) / 1e9);
      if (r.rejectsFile() != null) {
        System.out.printf(Locale.ROOT, "Skipped %,d bad rows; reasons in %s%n", r.problems().size(),
            r.rejectsFile());
      }
      return 0;
    }
  }

  /** {@code quant import ticks}. */
  @Command(name = "ticks", mixinStandardHelpOptions = true,
      description = {"Imports trade and quote ticks from CSV (plain or .gz) into a store's trades/ and quotes/.",
          "Headers: symbol,timestamp,price,size[,exchange,trade_id,conditions] (trades) or symbol,timestamp,"
              + "bid_price,bid_size,ask_price,ask_size[,bid_exchange,ask_exchange] (quotes); or the AlgoSeek/Lean "
              + "layout ts_utc,ts_et,price,size,exchange,... with the symbol as the file name's prefix.",
          "One-sided quote rows (bid or ask) are joined into two-sided quotes. Vendor-flagged suspicious prints are left out "
              + "and listed. A malformed row refuses the import unless --skip-bad-rows.",
          "Build bars from the ticks with: quant features --input ticks --data DIR"})
  static final class Ticks implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "FILE", required = true, arity = "1..*",
        description = "Tick CSV file(s) to import.")
    List<Path> files;

    @Mixin Options.Output output;

    @Option(names = "--symbol", paramLabel = "SYMBOL",
        description = "Symbol of files without a symbol column. Default: the file name's prefix before '_'.")
    String symbol;

    @Option(names = "--skip-bad-rows", description = "Import the good rows even if some are malformed.")
    boolean skipBadRows;

    @Override
    public Integer call() throws Exception {
      long start = System.nanoTime();
      Path out = output.output != null ? output.output.toAbsolutePath().normalize() : QuantHome.newRunDir("import");
      if (Files.exists(out) && !Files.isDirectory(out)) {
        throw new UserError("--output " + out + " is a file; pass a folder (it is created if missing)");
      }
      for (Path f : files) {
        if (!Files.isRegularFile(f)) {
          throw new UserError("--data " + f + " is not a file; pass tick CSV files");
        }
      }
      io.quantflow.connectors.csv.TickCsvImporter.Report r = io.quantflow.connectors.csv.TickCsvImporter.importInto(
          files, io.quantflow.connectors.store.TickStore.at(out), symbol, skipBadRows, System.err::println);
      r.notes().forEach(n -> System.err.println("note: " + n));
      if (!r.problems().isEmpty()) {
        Path rejects = out.resolve("rejects").resolve("ticks-rejects.txt");
        Files.createDirectories(rejects.getParent());
        Files.write(rejects, r.problems());
        System.out.printf(Locale.ROOT, "Left out %,d rows (suspicious or malformed); reasons in %s%n",
            r.problems().size(), rejects);
      }
      System.out.printf(Locale.ROOT, "Imported %,d trades and %,d quotes of %s into %,d files in %s (%.1f s)%n",
          r.trades(), r.quotes(), r.symbols(), r.files(), out, (System.nanoTime() - start) / 1e9);
      return 0;
    }
  }

  /** {@code quant import daily}. */
  @Command(name = "daily", mixinStandardHelpOptions = true,
      description = {"Imports AlphaVantage daily-adjusted CSV files (plain or .gz) into raw 1d bars and a "
          + "corporate-actions table (<output>/corporate-actions/actions.parquet).",
          "Header: timestamp,open,high,low,close,adjusted_close,volume,dividend_amount,split_coefficient; one file "
              + "per symbol, named SYMBOL.csv.gz unless --symbol. Bars are raw (not adjusted), labelled by midnight "
              + "UTC of the trading date; every non-zero dividend and every split coefficient other than 1 becomes "
              + "an action.",
          "Bad rows and files that are not such a CSV (e.g. an API error payload) are reported with file and line "
              + "and nothing is written, unless --skip-bad-rows: then the good rows are written and the problems "
              + "go to <output>/rejects/daily-rejects.csv."})
  static final class Daily implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "FILE", required = true, arity = "1..*",
        description = "Daily CSV file(s) to import, one per symbol.")
    List<Path> files;

    @Mixin Options.Output output;

    @Option(names = "--symbol", paramLabel = "SYMBOL",
        description = "Symbol of the file(s). Default: each file's name without .csv.gz (BF.B.csv.gz: BF.B).")
    String symbol;

    @Option(names = "--skip-bad-rows",
        description = "Write the good rows and a rejects file instead of refusing the input.")
    boolean skipBadRows;

    @Override
    public Integer call() throws Exception {
      long start = System.nanoTime();
      Path out = output.output != null ? output.output.toAbsolutePath().normalize() : QuantHome.newRunDir("import");
      if (Files.exists(out) && !Files.isDirectory(out)) {
        throw new UserError("--output " + out + " is a file; pass a folder (it is created if missing)");
      }
      io.quantflow.connectors.csv.DailyCsvImporter.Report r = io.quantflow.connectors.csv.DailyCsvImporter
          .importInto(files, BarStore.at(out), symbol, skipBadRows, System.err::println);
      r.notes().forEach(n -> System.err.println("note: " + n));
      System.out.printf(Locale.ROOT, "Imported into %s: %s (%.1f s)%n", out, r.summary(),
          (System.nanoTime() - start) / 1e9);
      return 0;
    }
  }
}
