package io.quantflow.jobs.risk;

import io.quantflow.jobs.cli.UserError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Reads the bundled real daily crisis sample ({@code data/sample/daily/<SYMBOL>.csv.gz}, see its {@code SOURCE.md}):
 * the {@code adjusted_close} (split- and dividend-adjusted, as of 2021-04-21) of each symbol by New York trading
 * date. Stateless and thread-safe.
 */
public final class BundledDaily {
  /** The sample's folder under the QuantFlow home. */
  public static final String FOLDER = "data/sample/daily";

  private BundledDaily() {}

  /**
   * The adjusted closes of every {@code *.csv.gz} in {@code dir}: date to symbol to close.
   *
   * @throws UserError when the folder or its files are missing or a row cannot be read, saying how to fix it
   */
  public static NavigableMap<LocalDate, Map<String, Double>> adjustedCloses(Path dir) {
    String fix = ": run quant from the QuantFlow folder (the repository root, which holds " + FOLDER + "), set "
        + "QUANT_HOME to it, or give the prices inline as \"historical\": {\"prices\": {\"2020-03-13\": {\"AAPL\": "
        + "69.5, ...}, ...}}";
    if (!Files.isDirectory(dir)) {
      throw new UserError("The bundled daily sample " + dir + " does not exist" + fix);
    }
    TreeMap<LocalDate, Map<String, Double>> byDate = new TreeMap<>();
    int files = 0;
    try (DirectoryStream<Path> list = Files.newDirectoryStream(dir, "*.csv.gz")) {
      for (Path file : list) {
        String symbol = file.getFileName().toString().replace(".csv.gz", "");
        read(file, symbol, byDate);
        files++;
      }
    } catch (IOException e) {
      throw new UserError("Could not read the bundled daily sample " + dir + ": " + e.getMessage());
    }
    if (files == 0) {
      throw new UserError("The bundled daily sample " + dir + " has no <SYMBOL>.csv.gz files" + fix);
    }
    byDate.replaceAll((d, row) -> Collections.unmodifiableMap(row));
    return Collections.unmodifiableNavigableMap(byDate);
  }

  /** {@code timestamp,open,high,low,close,adjusted_close,...}: the date and the sixth column. */
  private static void read(Path file, String symbol, Map<LocalDate, Map<String, Double>> byDate) throws IOException {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
        Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      String header = in.readLine();
      String[] h = header == null ? new String[0] : header.split(",");
      if (h.length < 6 || !h[0].equals("timestamp") || !h[5].equals("adjusted_close")) {
        throw new UserError(file + " does not start with the header timestamp,open,high,low,close,adjusted_close,...;"
            + " restore it from the repository (see " + FOLDER + "/SOURCE.md)");
      }
      int line = 1;
      for (String row = in.readLine(); row != null; row = in.readLine()) {
        line++;
        String[] f = row.split(",");
        try {
          byDate.computeIfAbsent(LocalDate.parse(f[0]), x -> new TreeMap<>()).put(symbol, Double.parseDouble(f[5]));
        } catch (DateTimeParseException | ArrayIndexOutOfBoundsException | NumberFormatException e) {
          throw new UserError(file + " line " + line + " is not a valid row (" + e.getMessage() + "); restore the "
              + "file from the repository (see " + FOLDER + "/SOURCE.md)");
        }
      }
    }
  }
}
