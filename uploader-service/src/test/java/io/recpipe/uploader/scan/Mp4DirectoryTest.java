package io.recpipe.uploader.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.common.session.SessionId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4DirectoryTest {

  static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  @TempDir Path dir;

  @Test
  void listsSafeFinishedMp4sAndLeavesEverythingElseAlone() throws Exception {
    old("3f2a9b1c-0000-4000-8000-000000000001.mp4");
    old("session_2.mp4");
    old("session_3.mp4.tmp123");
    old("session 4.mp4");
    old("..evil.mp4");
    old("$(rm -rf x).mp4");
    old("notes.txt");

    var listing = new Mp4Directory(dir, Duration.ofMinutes(1)).list(NOW);

    assertThat(listing.finished())
        .containsExactlyInAnyOrder(
            SessionId.of("3f2a9b1c-0000-4000-8000-000000000001"), SessionId.of("session_2"));
    assertThat(listing.unsafe()).isEqualTo(3);
    assertThat(Files.exists(dir.resolve("session 4.mp4"))).isTrue();
  }

  @Test
  void aFileStillBeingWrittenWaitsUntilItsSizeHoldsBetweenTwoLooks() throws Exception {
    Path mp4 = dir.resolve("growing.mp4");
    Files.write(mp4, new byte[100]);
    Files.setLastModifiedTime(mp4, FileTime.from(NOW));
    var directory = new Mp4Directory(dir, Duration.ofMinutes(1));

    assertThat(directory.list(NOW).finished()).as("new, first look").isEmpty();
    Files.write(mp4, new byte[200]);
    Files.setLastModifiedTime(mp4, FileTime.from(NOW.plusSeconds(5)));
    assertThat(directory.list(NOW.plusSeconds(10)).finished()).as("it grew").isEmpty();
    assertThat(directory.list(NOW.plusSeconds(20)).finished())
        .as("same size as the last look")
        .containsExactly(SessionId.of("growing"));
  }

  private void old(String name) throws Exception {
    Path file = Files.write(dir.resolve(name), new byte[10]);
    Files.setLastModifiedTime(file, FileTime.from(NOW.minus(Duration.ofHours(1))));
  }
}
