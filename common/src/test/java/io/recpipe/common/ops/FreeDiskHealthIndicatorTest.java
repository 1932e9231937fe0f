package io.recpipe.common.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.unit.DataSize;

class FreeDiskHealthIndicatorTest {

  @TempDir Path dir;

  @Test
  void upWhileTheFreeSpaceReachesTheThreshold() {
    var health = new FreeDiskHealthIndicator(dir, DataSize.ofBytes(1)).health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsEntry("path", dir.toString());
    assertThat((Long) health.getDetails().get("free")).isPositive();
  }

  @Test
  void downBelowTheThreshold() {
    var health = new FreeDiskHealthIndicator(dir, DataSize.ofTerabytes(1_000_000)).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails())
        .containsEntry("threshold", DataSize.ofTerabytes(1_000_000).toBytes());
  }

  @Test
  void downWhenTheDirectoryIsMissing() {
    Path missing = dir.resolve("missing");

    var health = new FreeDiskHealthIndicator(missing, DataSize.ofBytes(1)).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails()).containsEntry("path", missing.toString());
  }
}
