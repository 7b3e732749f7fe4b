package io.quantflow.jobs.live;

import io.quantflow.jobs.config.LiveSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Flink settings of the streaming jobs ({@code quant live}, {@code quant bridge}): STREAMING mode,
 * checkpoints every {@code live.checkpoints.interval} into {@code live.checkpoints.directory}, retained when the job
 * is cancelled, and recovery from the newest retained checkpoint of that directory (or a given savepoint).
 */
public final class LiveRunner {
  private LiveRunner() {}

  /** The Flink configuration of a streaming job with {@code checkpoints}, restoring from {@code restoreFrom}. */
  public static Configuration configuration(LiveSettings.Checkpoints checkpoints, Optional<Path> restoreFrom) {
    Configuration flink = new Configuration();
    flink.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
    // the live bar watermarks catch up after a quiet period; check for it often
    flink.set(org.apache.flink.configuration.PipelineOptions.AUTO_WATERMARK_INTERVAL, Duration.ofMillis(50));
    flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpoints.interval());
    flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, directory(checkpoints).toUri().toString());
    flink.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    restoreFrom.ifPresent(p -> flink.set(StateRecoveryOptions.SAVEPOINT_PATH, p.toUri().toString()));
    return flink;
  }

  /** An environment (the embedded MiniCluster unless submitted to a cluster) with {@link #configuration}. */
  public static StreamExecutionEnvironment environment(LiveSettings.Checkpoints checkpoints,
      Optional<Path> restoreFrom, int parallelism) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        configuration(checkpoints, restoreFrom));
    env.setParallelism(parallelism);
    return env;
  }

  /** The checkpoint directory as an absolute path. */
  public static Path directory(LiveSettings.Checkpoints checkpoints) {
    String d = checkpoints.directory();
    return (d.startsWith("file:") ? Path.of(java.net.URI.create(d)) : Path.of(d)).toAbsolutePath().normalize();
  }

  /**
   * The newest complete checkpoint under {@code dir} ({@code <job id>/chk-<n>/_metadata}), if any: what a restarted
   * live job resumes from.
   */
  public static Optional<Path> latestCheckpoint(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.find(dir, 3, (p, a) -> p.getFileName().toString().equals("_metadata")
        && p.getParent().getFileName().toString().startsWith("chk-"))) {
      return s.max(Comparator.comparingLong(LiveRunner::modified)).map(Path::getParent);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list checkpoints in " + dir, e);
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return Long.MIN_VALUE;
    }
  }
}
