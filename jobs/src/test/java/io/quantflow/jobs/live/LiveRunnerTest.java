package io.quantflow.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.jobs.config.ConfigLoader;
import io.quantflow.jobs.config.JobConfig;
import io.quantflow.jobs.config.LiveSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveRunnerTest {
  @TempDir Path dir;

  private Path checkpoint(String job, int n, long modifiedMillis) throws Exception {
    Path chk = Files.createDirectories(dir.resolve(job).resolve("chk-" + n));
    Path meta = Files.writeString(chk.resolve("_metadata"), "x");
    Files.setLastModifiedTime(meta, FileTime.fromMillis(modifiedMillis));
    return chk;
  }

  @Test
  void theNewestCompleteCheckpointOfAnyRunIsTheOneToResumeFrom() throws Exception {
    assertThat(LiveRunner.latestCheckpoint(dir)).isEmpty();
    checkpoint("job-a", 7, 1_000);
    Path newest = checkpoint("job-b", 2, 5_000); // a later run: fewer checkpoints, but newer
    checkpoint("job-b", 1, 4_000);
    Files.createDirectories(dir.resolve("job-b").resolve("chk-3")); // in progress: no _metadata yet
    assertThat(LiveRunner.latestCheckpoint(dir)).contains(newest);
    assertThat(LiveRunner.latestCheckpoint(dir.resolve("missing"))).isEmpty();
  }

  @Test
  void theStreamingSettingsCheckpointRetainAndRestore() {
    var k = new LiveSettings.Checkpoints(dir.toString(), Duration.ofSeconds(7));
    Configuration c = LiveRunner.configuration(k, Optional.of(dir.resolve("chk-3")));
    assertThat(c.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isEqualTo(Duration.ofSeconds(7));
    assertThat(c.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo(dir.toUri().toString());
    assertThat(c.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
        .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    assertThat(c.get(StateRecoveryOptions.SAVEPOINT_PATH)).isEqualTo(dir.resolve("chk-3").toUri().toString());
  }

  @Test
  void liveTradingNeedsTheConfirmationAndKafkaOffNeedsTheAlpacaSource() {
    assertThatThrownBy(() -> new LiveSettings.Trading(true, true, null, null))
        .hasMessageContaining("'live.trading.confirmLive: I understand this trades real money'");
    assertThat(new LiveSettings.Trading(true, true, LiveSettings.Trading.CONFIRMATION, "s1").live()).isTrue();
    assertThatThrownBy(() -> new LiveSettings(null, null, null, new LiveSettings.Kafka(false, null, null, null),
        null, null, null, null, null)).hasMessageContaining("needs 'live.source: alpaca'");
    JobConfig demo = ConfigLoader.load(io.quantflow.domain.testing.SampleBars.repoRoot()
        .resolve("config/live-demo.yaml"), JobConfig.class);
    assertThat(demo.live().source()).isEqualTo("alpaca");
    assertThat(demo.live().symbols()).hasSize(8);
    assertThat(demo.live().trading().strategyId()).isEqualTo("demo");
    JobConfig live = ConfigLoader.load(io.quantflow.domain.testing.SampleBars.repoRoot()
        .resolve("config/live.yaml"), JobConfig.class);
    assertThat(live.live().risk().toLimits().maxOrderNotional()).isEqualTo(25_000);
    assertThat(live.live().trading().live()).isFalse();
  }
}
