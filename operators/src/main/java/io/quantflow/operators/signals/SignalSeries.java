package io.quantflow.operators.signals;

import io.quantflow.domain.Checks;
import io.quantflow.domain.Direction;
import io.quantflow.domain.FeatureSchema;
import io.quantflow.domain.Signal;
import io.quantflow.domain.WideBlock;
import io.quantflow.operators.util.Rows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The signals of one symbol: evaluates the {@link AgreementRule} on each aligned row and emits a {@link Signal}
 * when the direction changes (the first non-FLAT direction included). Plain Java over a {@link State} POJO kept in
 * Flink keyed state.
 *
 * <p>With a revision horizon (STREAMING mode) the series keeps the rows of the last {@code horizon} and the signals
 * it emitted among them. A revised row recomputes the direction sequence from that row on; each signal that changed
 * is emitted again with the next revision, a new one with revision 0, and one that no longer fires is retracted. The
 * latest versions are what a BATCH job over the final data emits.
 */
public final class SignalSeries {
  private final SignalConfig config;
  private final FeatureSchema schema;
  private final long horizonMicros;
  private transient AgreementRule rule;

  /** The per-symbol state: a Flink POJO. */
  public static final class State {
    /** Direction after the latest row, as {@link Direction#ordinal()}. */
    public int direction = Direction.FLAT.ordinal();
    /** Kept rows: base bar starts. */
    public long[] start = new long[0];
    /** Kept rows: wide values, row-major. */
    public double[] values = new double[0];
    /** Kept rows: direction before the row (ordinal). */
    public int[] before = new int[0];
    /** Kept rows in use. */
    public int n;
    /** Emitted signals still revisable, by time. */
    public long[] signalTime = new long[0];
    /** Their latest version. */
    public Signal[] signals = new Signal[0];
    /** Emitted signals in use. */
    public int signalCount;

    /** For Flink's POJO serializer. */
    public State() {}
  }

  /**
   * A series applying {@code config} to wide rows of {@code schema}.
   *
   * @param horizonMicros how long rows stay revisable (0: no revisions, BATCH mode)
   */
  public SignalSeries(SignalConfig config, FeatureSchema schema, long horizonMicros) {
    this.config = Checks.notNull(config, "config");
    this.schema = Checks.notNull(schema, "schema");
    Checks.isTrue(horizonMicros >= 0, "Argument 'horizonMicros' must not be negative but was %d", horizonMicros);
    this.horizonMicros = horizonMicros;
    this.rule = new AgreementRule(config, schema);
  }

  private AgreementRule rule() {
    if (rule == null) {
      rule = new AgreementRule(config, schema);
    }
    return rule;
  }

  /** What one block produced: signals to emit, and the starts of rows refused (older than the horizon). */
  public record Output(List<Signal> signals, long[] refused) {}

  /** Evaluates the rows of {@code in}. */
  public Output onBlock(State s, WideBlock in) {
    List<Signal> out = new ArrayList<>();
    long[] refused = new long[0];
    int w = in.width();
    boolean keep = horizonMicros > 0;
    for (int i = 0; i < in.size(); i++) {
      long start = in.startMicros()[i];
      boolean revision = in.revision()[i] > 0 || in.retracted()[i] || s.n > 0 && start <= s.start[s.n - 1];
      if (revision) {
        if (!keep || !revise(s, in, i, out)) {
          refused = Arrays.copyOf(refused, refused.length + 1);
          refused[refused.length - 1] = start;
        }
        continue;
      }
      Direction previous = Direction.values()[s.direction];
      Direction d = rule().direction(in.values(), i * w);
      if (keep) {
        int n = s.n;
        s.start = Arrays.copyOf(s.start, Math.max(n + 1, s.start.length == n ? n * 2 + 1 : s.start.length));
        s.values = Rows.ensure(s.values, n + 1, w);
        s.before = Rows.ensure(s.before, n + 1);
        s.start[n] = start;
        System.arraycopy(in.values(), i * w, s.values, n * w, w);
        s.before[n] = previous.ordinal();
        s.n++;
      }
      if (d != previous) {
        Signal sig = rule().evaluate(in.symbol(), in.availableAtMicros(i), in.values(), i * w);
        out.add(sig);
        if (keep) {
          remember(s, sig);
        }
      }
      s.direction = d.ordinal();
    }
    if (keep) {
      prune(s);
    }
    return new Output(out, refused);
  }

  private boolean revise(State s, WideBlock in, int i, List<Signal> out) {
    long start = in.startMicros()[i];
    int w = in.width();
    if (s.n == 0 || start < s.start[0]) {
      return false;
    }
    int at = Arrays.binarySearch(s.start, 0, s.n, start);
    int from;
    if (at >= 0) {
      from = at;
      if (in.retracted()[i]) {
        int dirBefore = s.before[at];
        removeRow(s, at, w);
        if (at < s.n) {
          s.before[at] = dirBefore;
        } else {
          s.direction = dirBefore;
        }
      } else {
        System.arraycopy(in.values(), i * w, s.values, at * w, w);
      }
    } else if (!in.retracted()[i]) {
      int ins = -at - 1;
      int n = s.n;
      s.start = Arrays.copyOf(s.start, n + 1);
      System.arraycopy(s.start, ins, s.start, ins + 1, n - ins);
      s.start[ins] = start;
      s.values = Rows.ensure(s.values, n + 1, w);
      Rows.insertRow(s.values, n, w, ins);
      System.arraycopy(in.values(), i * w, s.values, ins * w, w);
      s.before = Rows.ensure(s.before, n + 1);
      Rows.insertRow(s.before, n, ins);
      s.before[ins] = ins < n ? s.before[ins + 1] : s.direction;
      s.n++;
      from = ins;
    } else {
      return true;
    }
    // recompute the direction sequence from the revised row and diff the signals it implies
    long fromTime = from < s.n ? s.start[from] + in.timeframe().durationMicros() : Long.MAX_VALUE;
    Direction dir = from < s.n ? Direction.values()[s.before[from]] : Direction.values()[s.direction];
    List<Signal> fresh = new ArrayList<>();
    for (int r = from; r < s.n; r++) {
      s.before[r] = dir.ordinal();
      Direction d = rule().direction(s.values, r * w);
      if (d != dir) {
        fresh.add(rule().evaluate(in.symbol(), s.start[r] + in.timeframe().durationMicros(), s.values, r * w));
      }
      dir = d;
    }
    s.direction = dir.ordinal();
    if (at >= 0 && in.retracted()[i]) {
      fromTime = Math.min(fromTime, start + in.timeframe().durationMicros());
    }
    int fi = 0;
    for (int k = 0; k < s.signalCount; k++) {
      if (s.signalTime[k] < fromTime) {
        continue;
      }
      Signal old = s.signals[k];
      while (fi < fresh.size() && fresh.get(fi).timestampMicros() < old.timestampMicros()) {
        out.add(fresh.get(fi));
        fi++;
      }
      if (fi < fresh.size() && fresh.get(fi).timestampMicros() == old.timestampMicros()) {
        Signal now = fresh.get(fi++);
        if (!now.withRevision(old.revision(), false).sameContent(old)) {
          out.add(now.withRevision(old.revision() + 1, false));
        }
      } else if (!old.retracted()) {
        out.add(old.withRevision(old.revision() + 1, true));
      }
    }
    while (fi < fresh.size()) {
      out.add(fresh.get(fi++));
    }
    for (Signal sig : out) {
      remember(s, sig);
    }
    return true;
  }

  private static void remember(State s, Signal sig) {
    int at = Arrays.binarySearch(s.signalTime, 0, s.signalCount, sig.timestampMicros());
    if (at >= 0) {
      if (s.signals[at].retracted() && !sig.retracted() && sig.revision() <= s.signals[at].revision()) {
        sig = sig.withRevision(s.signals[at].revision() + 1, false);
      }
      s.signals[at] = sig;
      return;
    }
    int ins = -at - 1;
    int n = s.signalCount;
    s.signalTime = Arrays.copyOf(s.signalTime, n + 1);
    s.signals = Arrays.copyOf(s.signals, n + 1);
    System.arraycopy(s.signalTime, ins, s.signalTime, ins + 1, n - ins);
    System.arraycopy(s.signals, ins, s.signals, ins + 1, n - ins);
    s.signalTime[ins] = sig.timestampMicros();
    s.signals[ins] = sig;
    s.signalCount++;
  }

  private static void removeRow(State s, int at, int w) {
    int n = s.n;
    System.arraycopy(s.start, at + 1, s.start, at, n - at - 1);
    Rows.removeRows(s.values, n, w, at, 1);
    Rows.removeRows(s.before, n, at, 1);
    s.n--;
  }

  private void prune(State s) {
    if (s.n == 0) {
      return;
    }
    long cutoff = s.start[s.n - 1] - horizonMicros;
    int drop = 0;
    while (drop < s.n - 1 && s.start[drop] < cutoff) {
      drop++;
    }
    if (drop > 0) {
      int w = schema.size();
      int n = s.n;
      System.arraycopy(s.start, drop, s.start, 0, n - drop);
      Rows.removeRows(s.values, n, w, 0, drop);
      Rows.removeRows(s.before, n, 0, drop);
      s.n -= drop;
    }
    int keepFrom = 0;
    while (keepFrom < s.signalCount && s.signalTime[keepFrom] < cutoff) {
      keepFrom++;
    }
    if (keepFrom > 0) {
      int n = s.signalCount;
      System.arraycopy(s.signalTime, keepFrom, s.signalTime, 0, n - keepFrom);
      System.arraycopy(s.signals, keepFrom, s.signals, 0, n - keepFrom);
      s.signalCount -= keepFrom;
    }
  }
}
