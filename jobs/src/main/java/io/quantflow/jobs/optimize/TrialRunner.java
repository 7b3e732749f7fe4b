package io.quantflow.jobs.optimize;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantflow.jobs.backtest.Progress;
import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.operators.pipeline.QuantPipeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple5;
import org.apache.flink.api.java.tuple.Tuple6;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.NettyShuffleEnvironmentOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Evaluates a batch of trials as one Flink BATCH job: the trials are a bounded source, {@code rebalance()} deals
 * them round-robin to the subtasks of a map that calls the {@link TrialEvaluator}, and the results are collected
 * to the client. Each subtask holds its own deserialised copy of the evaluator, so an evaluator that loads its
 * input on first use loads it once per slot. Configs travel as YAML text and results as arrays in Flink tuples:
 * no Kryo, no POJO rules. The environment follows {@code PipelineRunner}: the embedded MiniCluster with one slot
 * per parallel task unless the job is submitted to a cluster.
 */
final class TrialRunner {
  /** Trial id, config YAML, warm-up start, start, end (UTC epoch micros). */
  private static final TypeInformation<Tuple5<Integer, String, Long, Long, Long>> TASK =
      Types.TUPLE(Types.INT, Types.STRING, Types.LONG, Types.LONG, Types.LONG);
  /** Trial id, times (micros), equity (USD), metric names, metric values, periods per year. */
  private static final TypeInformation<Tuple6<Integer, long[], double[], String[], double[], Double>> RESULT =
      Types.TUPLE(Types.INT, Types.PRIMITIVE_ARRAY(Types.LONG), Types.PRIMITIVE_ARRAY(Types.DOUBLE),
          Types.OBJECT_ARRAY(Types.STRING), Types.PRIMITIVE_ARRAY(Types.DOUBLE), Types.DOUBLE);

  private TrialRunner() {}

  /**
   * One trial to evaluate.
   *
   * @param trial id, unique within a call
   * @param config the rendered config
   * @param window what to backtest over
   */
  record Task(int trial, JobConfig config, TrialEvaluator.Window window) {}

  /**
   * Evaluates {@code tasks} as one Flink job and returns their results in the order of {@code tasks}.
   *
   * @param jobName Flink job name and progress prefix
   * @param doneBefore trials of the same search finished before this job, for the progress count
   * @param total trials of the whole search, for the progress count
   * @throws Exception when the job fails (an evaluator failure names its trial)
   */
  static List<TrialEvaluator.TrialResult> run(List<Task> tasks, TrialEvaluator evaluator, int parallelism,
      String jobName, Progress progress, int doneBefore, int total) throws Exception {
    List<Tuple5<Integer, String, Long, Long, Long>> input = new ArrayList<>(tasks.size());
    for (Task t : tasks) {
      input.add(Tuple5.of(t.trial(), ConfigLoader.toYaml(t.config()), t.window().warmupStartMicros(),
          t.window().startMicros(), t.window().endMicros()));
    }
    StreamExecutionEnvironment env = environment(Math.max(1, Math.min(parallelism, tasks.size())));
    Map<Integer, TrialEvaluator.TrialResult> byTrial = new HashMap<>();
    int every = Math.max(1, total / 20);
    try (CloseableIterator<Tuple6<Integer, long[], double[], String[], double[], Double>> results =
        env.fromData(input, TASK).name("trials")
            .rebalance()
            .map(new Evaluate(evaluator), RESULT).name("evaluate-trials")
            .executeAndCollect(jobName)) {
      while (results.hasNext()) {
        Tuple6<Integer, long[], double[], String[], double[], Double> r = results.next();
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int i = 0; i < r.f3.length; i++) {
          metrics.put(r.f3[i], r.f4[i]);
        }
        byTrial.put(r.f0, new TrialEvaluator.TrialResult(r.f1, r.f2, metrics, r.f5));
        int done = doneBefore + byTrial.size();
        if (done % every == 0 || byTrial.size() == tasks.size()) {
          progress.report(String.format(Locale.ROOT, "[%s] %d/%d trials done", jobName, done, total));
        }
      }
    }
    List<TrialEvaluator.TrialResult> out = new ArrayList<>(tasks.size());
    for (Task t : tasks) {
      TrialEvaluator.TrialResult r = byTrial.get(t.trial());
      if (r == null) {
        throw new IllegalStateException("Job " + jobName + " returned no result for trial " + t.trial());
      }
      out.add(r);
    }
    return out;
  }

  /** The BATCH environment of a trial job, with {@code PipelineRunner}'s settings. */
  private static StreamExecutionEnvironment environment(int parallelism) {
    Configuration flink = new Configuration();
    QuantPipeline.batchSettings(flink);
    flink.set(PipelineOptions.GENERIC_TYPES, false); // fail loudly instead of falling back to Kryo
    flink.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
    flink.set(NettyShuffleEnvironmentOptions.SHUFFLE_COMPRESSION_CODEC,
        NettyShuffleEnvironmentOptions.CompressionCodec.NONE);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
    env.setParallelism(parallelism);
    return env;
  }

  /** Evaluates one trial per record with this subtask's copy of the evaluator. */
  static final class Evaluate extends RichMapFunction<Tuple5<Integer, String, Long, Long, Long>,
      Tuple6<Integer, long[], double[], String[], double[], Double>> {
    private static final long serialVersionUID = 1L;
    private final TrialEvaluator evaluator;
    private transient ObjectMapper yaml;

    Evaluate(TrialEvaluator evaluator) {
      this.evaluator = evaluator;
    }

    @Override
    public void open(OpenContext context) {
      yaml = ConfigLoader.yaml();
    }

    @Override
    public Tuple6<Integer, long[], double[], String[], double[], Double> map(
        Tuple5<Integer, String, Long, Long, Long> task) throws Exception {
      JobConfig config = yaml.readValue(task.f1, JobConfig.class);
      TrialEvaluator.Window window = new TrialEvaluator.Window(task.f2, task.f3, task.f4);
      TrialEvaluator.TrialResult r;
      try {
        r = evaluator.evaluate(config, window);
      } catch (Exception e) {
        throw new RuntimeException("Trial " + task.f0 + " failed: " + e.getMessage(), e);
      }
      check(task.f0, r);
      String[] names = r.metrics().keySet().stream().sorted().toArray(String[]::new);
      double[] values = new double[names.length];
      for (int i = 0; i < names.length; i++) {
        Double v = r.metrics().get(names[i]);
        values[i] = v == null ? Double.NaN : v;
      }
      return Tuple6.of(task.f0, r.timesMicros(), r.equity(), names, values, r.periodsPerYear());
    }

    private static void check(int trial, TrialEvaluator.TrialResult r) {
      if (r == null || r.timesMicros() == null || r.equity() == null || r.metrics() == null) {
        throw new IllegalStateException("The evaluator returned an incomplete result for trial " + trial + ": " + r);
      }
      if (r.timesMicros().length != r.equity().length || r.equity().length == 0) {
        throw new IllegalStateException(String.format("The evaluator returned %d times and %d equity values for "
            + "trial %d; they must be equal and at least 1", r.timesMicros().length, r.equity().length, trial));
      }
      for (int i = 1; i < r.timesMicros().length; i++) {
        if (r.timesMicros()[i] <= r.timesMicros()[i - 1]) {
          throw new IllegalStateException("The evaluator returned non-increasing times for trial " + trial + ": "
              + Arrays.toString(Arrays.copyOfRange(r.timesMicros(), i - 1, i + 1)));
        }
      }
    }
  }
}
