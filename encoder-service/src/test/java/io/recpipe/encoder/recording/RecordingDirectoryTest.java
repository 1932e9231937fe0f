package io.recpipe.encoder.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.common.files.RememberedNames;
import io.recpipe.common.session.SessionId;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

class RecordingDirectoryTest {

  @TempDir Path dir;

  @Test
  void listsSafeRegularFilesOnlyAndSkipsDirectoriesAndLinks() throws Exception {
    Files.writeString(dir.resolve("abc.guac"), "x");
    Files.writeString(dir.resolve("3f2a9c1e-0b7d-4e55-9a01-5c7e2d1f0a11"), "xy");
    Files.writeString(dir.resolve("{3f2a9c1e-0b7d-4e55-9a01-5c7e2d1f0a12}.guac"), "x");
    Files.writeString(dir.resolve("a b.guac"), "x");
    Files.writeString(dir.resolve("x;rm.guac"), "x");
    Files.createDirectory(dir.resolve("folder.guac"));
    Files.createSymbolicLink(dir.resolve("link.guac"), dir.resolve("abc.guac"));

    var listing = new RecordingDirectory(dir).list();

    assertThat(listing.recordings())
        .extracting(r -> r.sessionId().value())
        .containsExactlyInAnyOrder("abc", "3f2a9c1e-0b7d-4e55-9a01-5c7e2d1f0a11");
    assertThat(listing.unsafeNames()).as("braces, space, semicolon").isEqualTo(3);
    assertThat(listing.skipped()).as("directory and symbolic link").isEqualTo(2);
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void aBadNameIsWarnedAboutOnceADay(CapturedOutput output) throws Exception {
    var nanos = new AtomicLong();
    var recordings =
        new RecordingDirectory(dir, new RememberedNames(10, Duration.ofDays(1), nanos::get));
    Files.writeString(dir.resolve("a b.guac"), "x");

    recordings.list();
    recordings.list();
    assertThat(warnings(output)).as("once").isEqualTo(1);
    nanos.addAndGet(Duration.ofHours(25).toNanos());
    recordings.list();
    assertThat(warnings(output)).as("again the next day").isEqualTo(2);
  }

  private static long warnings(CapturedOutput output) {
    return output.getOut().lines().filter(l -> l.contains("not a safe session id")).count();
  }

  @Test
  void findsTheGuacFileFirstThenTheBareName() throws Exception {
    var recordings = new RecordingDirectory(dir);
    Files.writeString(dir.resolve("bare"), "x");
    Files.writeString(dir.resolve("both"), "x");
    Files.writeString(dir.resolve("both.guac"), "x");

    assertThat(recordings.find(SessionId.of("bare"))).contains(dir.resolve("bare"));
    assertThat(recordings.find(SessionId.of("both"))).contains(dir.resolve("both.guac"));
    assertThat(recordings.find(SessionId.of("none"))).isEmpty();
  }

  @Test
  void aLockedFileIsSeenAsStillBeingWritten() throws Exception {
    Path file = Files.writeString(dir.resolve("live.guac"), "4.sync,1.1,1.0;");
    assertThat(RecordingDirectory.isLocked(file)).isFalse();

    try (var channel = FileChannel.open(file, StandardOpenOption.WRITE);
        var lock = channel.lock()) {
      assertThat(RecordingDirectory.isLocked(file)).isTrue();
    }
    assertThat(RecordingDirectory.isLocked(file)).isFalse();
  }

  @Test
  void aLockHeldByAnotherProcessIsSeen() throws Exception {
    Path file = Files.writeString(dir.resolve("live.guac"), "4.sync,1.1,1.0;");
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LockHolder.class.getName(),
                file.toString())
            .redirectErrorStream(true)
            .start();
    try {
      var out = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream()));
      assertThat(out.readLine()).isEqualTo("locked");

      assertThat(RecordingDirectory.isLocked(file)).isTrue();
    } finally {
      holder.getOutputStream().close();
      holder.waitFor();
    }
    assertThat(RecordingDirectory.isLocked(file)).isFalse();
  }
}
