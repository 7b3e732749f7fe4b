package io.quantflow.connectors.store;

import io.quantflow.connectors.parquet.ParquetFiles;
import io.quantflow.connectors.parquet.ParquetTable;
import io.quantflow.connectors.parquet.RowReader;
import io.quantflow.domain.Checks;
import io.quantflow.domain.CorporateAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * The splits and dividends of a store, next to its bars: one Parquet file {@value #FILE} under the store root,
 * written by {@code quant import daily}. Usage:
 *
 * <pre>{@code
 * List<CorporateAction> actions = CorporateActionStore.at(Path.of("store")).read();
 * }</pre>
 *
 * <p>Columns ({@code docs/data-format.md}): {@code symbol} STRING, {@code ex_date} STRING ({@code YYYY-MM-DD}, New
 * York trading date), {@code timestamp} TIMESTAMP(MICROS, UTC) (midnight UTC of the ex-date: the label of that
 * session's 1d bar, for joins with the bars), {@code kind} STRING ({@code SPLIT} or {@code DIVIDEND}),
 * {@code split_ratio} DOUBLE (new shares per old share; 1 for a dividend) and {@code cash_per_share} DOUBLE (USD; 0
 * for a split). Rows are sorted by symbol, ex-date and kind; the key (symbol, ex-date, kind) is unique.
 *
 * <p>Writes merge into the file (an action replaces a stored one with the same key) and replace it atomically.
 * Stateless and thread-safe, but two writes into one store must not run at the same time.
 */
public final class CorporateActionStore {
  /** The file, relative to the store root. */
  public static final String FILE = "corporate-actions/actions.parquet";

  /** The Parquet table of the file. */
  public static final ParquetTable<CorporateAction> TABLE = ParquetTable.<CorporateAction>builder("corporate_action")
      .string("symbol", CorporateAction::symbol)
      .string("ex_date", a -> a.exDate().toString())
      .timestampMicros("timestamp", CorporateAction::exDateMicros)
      .string("kind", a -> a.kind().name())
      .float64("split_ratio", CorporateAction::splitRatio)
      .float64("cash_per_share", CorporateAction::cashPerShare)
      .build();

  private static final Comparator<CorporateAction> ORDER = Comparator.comparing(CorporateAction::symbol)
      .thenComparing(CorporateAction::exDate).thenComparing(CorporateAction::kind);

  private static final RowReader<CorporateAction> READER = RowReader.of(g -> new CorporateAction(
      g.getString("symbol", 0), LocalDate.parse(g.getString("ex_date", 0)),
      CorporateAction.Kind.valueOf(g.getString("kind", 0)), g.getDouble("split_ratio", 0),
      g.getDouble("cash_per_share", 0)));

  private final Path root;

  private CorporateActionStore(Path root) {
    this.root = root;
  }

  /** The corporate actions of the store rooted at {@code root}; the folder need not exist yet. */
  public static CorporateActionStore at(Path root) {
    return new CorporateActionStore(Checks.notNull(root, "root").toAbsolutePath().normalize());
  }

  /** The Parquet file. */
  public Path file() {
    return root.resolve(FILE);
  }

  /** Every stored action, sorted by symbol, ex-date and kind; empty when the store has none. */
  public List<CorporateAction> read() {
    Path f = file();
    if (!Files.isRegularFile(f)) {
      return List.of();
    }
    List<CorporateAction> out = new ArrayList<>(READER.read(f));
    out.sort(ORDER);
    return List.copyOf(out);
  }

  /**
   * Merges {@code actions} into the file; an action replaces a stored one of the same symbol, ex-date and kind.
   * Writing no actions leaves the store as it is.
   *
   * @return the number of actions in the file afterwards
   */
  public int write(Collection<CorporateAction> actions) {
    Checks.notNull(actions, "actions");
    if (actions.isEmpty()) {
      return read().size();
    }
    TreeMap<String, CorporateAction> merged = new TreeMap<>();
    for (CorporateAction a : read()) {
      merged.put(key(a), a);
    }
    for (CorporateAction a : actions) {
      merged.put(key(a), Checks.notNull(a, "actions[]"));
    }
    List<CorporateAction> rows = new ArrayList<>(merged.values());
    rows.sort(ORDER);
    ParquetFiles.write(TABLE, file(), rows);
    return rows.size();
  }

  private static String key(CorporateAction a) {
    return a.symbol() + '\u0000' + a.exDate() + '\u0000' + a.kind();
  }

  @Override
  public String toString() {
    return "CorporateActionStore[" + file() + "]";
  }
}
