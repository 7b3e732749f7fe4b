/** Parquet tables: typed column definitions, writers (plain Java and Flink {@code FileSink}) and bar readers. */
package io.quantflow.connectors.parquet;
