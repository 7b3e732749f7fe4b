package io.quantflow.connectors.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.domain.Fill;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrowFilesTest {
  record Row(String name, long ts, double x, double maybe, long count, boolean flag) {}

  static final ParquetTable<Row> TABLE = ParquetTable.<Row>builder("row")
      .string("name", Row::name)
      .timestampMicros("timestamp", Row::ts)
      .float64("x", Row::x)
      .optionalFloat64("maybe", Row::maybe)
      .optionalInt64("count", Row::count, -1)
      .bool("flag", Row::flag)
      .build();

  @Test
  void writesEveryColumnWithItsTypeAndNullsAcrossBatches(@TempDir Path dir) throws Exception {
    List<Row> rows = new ArrayList<>();
    int n = ArrowFiles.BATCH_ROWS + 10; // two record batches
    for (int i = 0; i < n; i++) {
      rows.add(new Row("r" + i, 1_700_000_000_000_000L + i, i * 0.5, i % 3 == 0 ? Double.NaN : i, i % 4 == 0 ? -1 : i,
          i % 2 == 0));
    }
    Path file = dir.resolve("rows.arrow");
    ArrowFiles.write(TABLE, file, rows);

    int seen = 0;
    int batches = 0;
    try (RootAllocator alloc = new RootAllocator();
        ArrowFileReader reader = new ArrowFileReader(FileChannel.open(file), alloc)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      assertThat(root.getSchema().getFields()).extracting(f -> f.getName())
          .containsExactly("name", "timestamp", "x", "maybe", "count", "flag");
      ArrowType.Timestamp tsType = (ArrowType.Timestamp) root.getSchema().findField("timestamp").getType();
      assertThat(tsType.getTimezone()).isEqualTo("UTC");
      assertThat(root.getSchema().findField("x").isNullable()).isFalse();
      assertThat(root.getSchema().findField("maybe").isNullable()).isTrue();
      while (reader.loadNextBatch()) {
        batches++;
        for (int r = 0; r < root.getRowCount(); r++) {
          int i = seen + r;
          assertThat(new String(((VarCharVector) root.getVector("name")).get(r))).isEqualTo("r" + i);
          assertThat(((TimeStampMicroTZVector) root.getVector("timestamp")).get(r)).isEqualTo(1_700_000_000_000_000L + i);
          assertThat(((Float8Vector) root.getVector("x")).get(r)).isEqualTo(i * 0.5);
          Float8Vector maybe = (Float8Vector) root.getVector("maybe");
          assertThat(maybe.isNull(r)).isEqualTo(i % 3 == 0);
          if (i % 3 != 0) {
            assertThat(maybe.get(r)).isEqualTo((double) i);
          }
          BigIntVector count = (BigIntVector) root.getVector("count");
          assertThat(count.isNull(r)).isEqualTo(i % 4 == 0);
          assertThat(((BitVector) root.getVector("flag")).get(r)).isEqualTo(i % 2 == 0 ? 1 : 0);
        }
        seen += root.getRowCount();
      }
    }
    assertThat(seen).isEqualTo(n);
    assertThat(batches).isEqualTo(2);
  }

  @Test
  void theSameRowsGiveTheSameBytesAndAnEmptyTableStillHasItsSchema(@TempDir Path dir) throws Exception {
    List<Fill> fills = List.of(new Fill("AAPL-1", "AAPL", 2_000, 1_000, 10, 170.5, 0.17),
        new Fill("MSFT-1", "MSFT", 3_000, 1_000, -5, 410.25, 0.2));
    ArrowFiles.write(Tables.FILLS, dir.resolve("a.arrow"), fills);
    ArrowFiles.write(Tables.FILLS, dir.resolve("b.arrow"), fills);
    assertThat(Files.readAllBytes(dir.resolve("a.arrow"))).isEqualTo(Files.readAllBytes(dir.resolve("b.arrow")));

    ArrowFiles.write(Tables.FILLS, dir.resolve("empty.arrow"), List.of());
    try (RootAllocator alloc = new RootAllocator();
        ArrowFileReader reader = new ArrowFileReader(FileChannel.open(dir.resolve("empty.arrow")), alloc)) {
      assertThat(reader.getVectorSchemaRoot().getSchema().getFields()).hasSize(Tables.FILLS.columnNames().size());
      long rows = 0;
      while (reader.loadNextBatch()) {
        rows += reader.getVectorSchemaRoot().getRowCount();
      }
      assertThat(rows).isZero();
    }
  }
}
