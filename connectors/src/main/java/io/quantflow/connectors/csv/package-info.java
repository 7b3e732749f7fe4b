/**
 * CSV import: a dependency-free CSV bar reader that validates every row and reports bad ones with file and line,
 * and importers that write the good bars into the Parquet store (generic bars, ticks, and AlphaVantage daily files
 * with their splits and dividends).
 */
package io.quantflow.connectors.csv;
