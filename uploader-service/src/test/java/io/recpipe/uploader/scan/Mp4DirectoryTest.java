package io.recpipe.uploader.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.recpipe.common.files.PartialFiles;
import io.recpipe.common.session.SessionId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

class Mp4DirectoryTest {

  static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  @TempDir Path dir;
  @TempDir Path outside;

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

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void aLinkToARealMp4ElsewhereIsNeitherListedNorFollowed(CapturedOutput output) throws Exception {
    Path elsewhere = Files.createDirectories(outside.resolve("secret"));
    Path target = old(elsewhere.resolve("real.mp4"));
    Files.createSymbolicLink(dir.resolve("linked.mp4"), target);
    var directory = new Mp4Directory(dir, Duration.ofMinutes(1));

    var listing = directory.list(NOW);
    directory.list(NOW);

    assertThat(listing.finished()).isEmpty();
    assertThat(listing.files()).isZero();
    assertThat(listing.skipped()).isEqualTo(1);
    assertThat(output.getOut()).containsOnlyOnce("not a regular file").contains("symbolic link");
    assertThatThrownBy(() -> directory.current(SessionId.of("linked")))
        .isInstanceOfSatisfying(
            InputChangedException.class,
            e -> assertThat(e.reason()).isEqualTo(InputChangedException.Reason.NOT_REGULAR));
  }

  @Test
  void aDirectoryNamedLikeAnMp4IsSkipped() throws Exception {
    Files.createDirectory(dir.resolve("x.mp4"));
    old("y.mp4");

    var listing = new Mp4Directory(dir, Duration.ofMinutes(1)).list(NOW);

    assertThat(listing.finished()).containsExactly(SessionId.of("y"));
    assertThat(listing.skipped()).isEqualTo(1);
  }

  @Test
  void aFifoNamedLikeAnMp4DoesNotHangTheScanAndIsNeverOpened() throws Exception {
    mkfifo(dir.resolve("pipe.mp4"));
    old("y.mp4");
    var directory = new Mp4Directory(dir, Duration.ofMinutes(1));

    // A read of a FIFO blocks until a writer comes: the guard fails the test instead of hanging.
    var listing = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> directory.list(NOW));

    assertThat(listing.finished()).containsExactly(SessionId.of("y"));
    assertThat(listing.skipped()).isEqualTo(1);
    assertThatThrownBy(
            () ->
                assertTimeoutPreemptively(
                    Duration.ofSeconds(30), () -> directory.current(SessionId.of("pipe"))))
        .isInstanceOfSatisfying(
            InputChangedException.class,
            e -> assertThat(e.reason()).isEqualTo(InputChangedException.Reason.NOT_REGULAR));
  }

  @Test
  void partialFilesAreNeverListed() throws Exception {
    old(PartialFiles.newPartial(dir, "x.mp4", "encoder-a").getFileName().toString());
    old(PartialFiles.newPartial(dir, "y.mp4", "uploader-a").getFileName().toString());

    var listing = new Mp4Directory(dir, Duration.ofMinutes(1)).list(NOW);

    assertThat(listing.finished()).isEmpty();
    assertThat(listing.files() + listing.unsafe() + listing.skipped()).as("not even seen").isZero();
  }

  @Test
  void theListedFileIsTheOneAnUploadMayRead() throws Exception {
    Path mp4 = old("session-1.mp4");
    var directory = new Mp4Directory(dir, Duration.ofMinutes(1));
    directory.list(NOW);

    Mp4File current = directory.current(SessionId.of("session-1"));

    assertThat(current.path()).isEqualTo(mp4);
    assertThat(current.size()).isEqualTo(10);
    assertThat(current.fileKey())
        .isNotNull()
        .isEqualTo(Files.readAttributes(mp4, BasicFileAttributes.class).fileKey());
  }

  @Test
  void aFileRenamedOverTheListedOneIsRefused() throws Exception {
    Path mp4 = old("session-1.mp4");
    var directory = new Mp4Directory(dir, Duration.ofMinutes(1));
    directory.list(NOW);
    Path other = old("other-file.bin");
    Files.move(other, mp4, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

    assertThatThrownBy(() -> directory.current(SessionId.of("session-1")))
        .isInstanceOfSatisfying(
            InputChangedException.class,
            e -> assertThat(e.reason()).isEqualTo(InputChangedException.Reason.REPLACED));
  }

  @Test
  void theRememberedNamesAndLooksStayBounded() throws Exception {
    var nanos = new AtomicLong();
    var directory = new Mp4Directory(dir, Duration.ofMinutes(1), nanos::get, 20);
    for (int i = 0; i < 60; i++) {
      old("session-" + i + ".mp4");
      old("bad name " + i + ".mp4");
      Files.createDirectory(dir.resolve("dir-" + i + ".mp4"));
    }

    var listing = directory.list(NOW);

    assertThat(listing.finished()).hasSize(60);
    assertThat(directory.remembered())
        .as("names and looks, 20 each at most")
        .isLessThanOrEqualTo(40);
    nanos.addAndGet(Duration.ofDays(2).toNanos());
    assertThat(directory.remembered()).as("all forgotten two days later").isZero();
  }

  private static void mkfifo(Path path) throws Exception {
    Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).isZero();
  }

  private Path old(String name) throws Exception {
    return old(dir.resolve(name));
  }

  private static Path old(Path path) throws Exception {
    Path file = Files.write(path, new byte[10]);
    Files.setLastModifiedTime(file, FileTime.from(NOW.minus(Duration.ofHours(1))));
    return file;
  }
}
