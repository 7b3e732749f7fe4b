package io.quantflow.connectors.parquet;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;

/** Writes rows of a {@link ParquetTable}. */
final class TableWriteSupport<T> extends WriteSupport<T> {
  private final ParquetTable<T> table;
  private final Map<String, String> metadata;
  private RecordConsumer consumer;

  TableWriteSupport(ParquetTable<T> table, Map<String, String> metadata) {
    this.table = table;
    this.metadata = metadata;
  }

  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(table.schema(), metadata);
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(T record) {
    table.write(consumer, record);
  }
}
