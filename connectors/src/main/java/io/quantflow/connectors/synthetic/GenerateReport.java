package io.quantflow.connectors.synthetic;

import io.quantflow.domain.Checks;
import io.quantflow.domain.Timeframe;
import java.time.LocalDate;
import java.util.List;

/**
 * What {@link SyntheticMarket#generate} wrote. Identical for the same configuration whatever the number of threads.
 *
 * @param symbols the generated symbols, in order
 * @param timeframe the timeframe of the bars
 * @param days number of trading days
 * @param firstSession the first trading date
 * @param lastSession the last trading date
 * @param barsWritten bars written, over all symbols
 * @param filesWritten store files written
 * @param halts symbol-days with a trading halt (a window of missing bars)
 */
public record GenerateReport(
    List<String> symbols,
    Timeframe timeframe,
    int days,
    LocalDate firstSession,
    LocalDate lastSession,
    long barsWritten,
    int filesWritten,
    int halts) {

  /** Copies the symbol list and checks the fields. */
  public GenerateReport {
    symbols = List.copyOf(Checks.notNull(symbols, "symbols"));
    Checks.notNull(timeframe, "timeframe");
    Checks.positive(days, "days");
    Checks.notNull(firstSession, "firstSession");
    Checks.notNull(lastSession, "lastSession");
    Checks.isTrue(!lastSession.isBefore(firstSession), "Argument 'lastSession' (%s) is before 'firstSession' (%s)",
        lastSession, firstSession);
  }
}
