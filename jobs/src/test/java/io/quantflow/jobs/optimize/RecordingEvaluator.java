package io.quantflow.jobs.optimize;

import io.quantflow.jobs.config.JobConfig;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A {@link SyntheticEvaluator} that records every call under a tag. Flink serialises the evaluator into each
 * subtask, so the record lives in a static map: the MiniCluster runs in the test's JVM.
 */
final class RecordingEvaluator implements TrialEvaluator {
  private static final long serialVersionUID = 1L;
  private static final Map<String, Queue<Call>> CALLS = new ConcurrentHashMap<>();

  /** One evaluation: what was asked and what it returned. */
  record Call(JobConfig config, Window window, TrialResult result) {}

  private final String tag;
  private final SyntheticEvaluator delegate = new SyntheticEvaluator();

  /** A recorder whose calls are kept under {@code tag}, cleared now. */
  RecordingEvaluator(String tag) {
    this.tag = tag;
    CALLS.put(tag, new ConcurrentLinkedQueue<>());
  }

  @Override
  public TrialResult evaluate(JobConfig config, Window window) {
    TrialResult r = delegate.evaluate(config, window);
    CALLS.get(tag).add(new Call(config, window, r));
    return r;
  }

  /** The calls so far, in no particular order. */
  List<Call> calls() {
    return List.copyOf(CALLS.get(tag));
  }
}
