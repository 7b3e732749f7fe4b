/**
 * CSV import: a dependency-free CSV bar reader that validates every row and reports bad ones with file and line,
 * and an importer that writes the good bars into the Parquet store.
 */
package io.quantflow.connectors.csv;
