package io.recpipe.uploader.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.uploader.store.file.FileSystemVideoStore;
import io.recpipe.uploader.upload.StoreStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;

/** A store's live access check is made once per interval; health calls in between reuse it. */
class StoreHealthIndicatorTest {

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @TempDir Path dir;

  @Test
  void aStoreThatWentAwayShowsDownOnlyAtTheNextLiveCheck() throws Exception {
    Path root = Files.createDirectories(dir.resolve("videos"));
    var clock = new TestClock();
    var health =
        new StoreHealthIndicator(
            new FileSystemVideoStore(root, "test"),
            new StoreStatus(),
            Duration.ofSeconds(30),
            clock);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);

    Files.delete(root);
    clock.now = clock.now.plusSeconds(29);
    assertThat(health.health().getStatus()).as("the cached check").isEqualTo(Status.UP);

    clock.now = clock.now.plusSeconds(1);
    assertThat(health.health().getStatus()).as("a live check again").isEqualTo(Status.DOWN);
    assertThat(health.health().getDetails()).containsEntry("kind", "permanent");

    Files.createDirectories(root);
    assertThat(health.health().getStatus())
        .as("cached until the interval passes")
        .isEqualTo(Status.DOWN);
    clock.now = clock.now.plusSeconds(30);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
  }
}
