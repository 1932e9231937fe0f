package io.recpipe.uploader.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.recpipe.common.session.SessionId;
import io.recpipe.uploader.scan.InputChangedException;
import io.recpipe.uploader.scan.InputChangedException.Reason;
import io.recpipe.uploader.scan.Mp4Directory;
import io.recpipe.uploader.scan.Mp4File;
import io.recpipe.uploader.store.Digests;
import io.recpipe.uploader.store.Metadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real files in a real directory: what an upload reads is the file the scan listed, or nothing. */
class LocalFilesTest {

  static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  static final SessionId SESSION = SessionId.of("session-1");

  @TempDir Path dir;
  @TempDir Path outside;
  private Mp4Directory listing;
  private LocalFiles files;
  private Path mp4;

  @BeforeEach
  void listAFinishedMp4() throws Exception {
    mp4 = written(dir.resolve("session-1.mp4"), "the listed recording");
    listing = new Mp4Directory(dir, Duration.ofMinutes(1));
    files = new LocalFiles(listing, AfterUpload.DELETE, dir.resolve("done"));
    assertThat(listing.list(NOW).finished()).containsExactly(SESSION);
  }

  @Test
  void theDigestIsOfTheListedFile() throws Exception {
    Mp4File file = files.check(SESSION);
    Metadata metadata = files.metadataOf(file);

    assertThat(metadata).isEqualTo(Digests.metadataOf(SESSION, mp4));
    assertThat(file.modified()).isEqualTo(NOW.minus(Duration.ofHours(1)));
  }

  @Test
  void aLinkPutInPlaceOfTheListedFileIsNeverRead() throws Exception {
    Path secret = written(outside.resolve("secret.mp4"), "not for the store");
    Files.delete(mp4);
    Files.createSymbolicLink(mp4, secret);

    assertRefused(() -> files.check(SESSION), Reason.NOT_REGULAR);
  }

  @Test
  void aLinkPutInPlaceAfterTheCheckIsNotReadEither() throws Exception {
    Mp4File checked = files.check(SESSION);
    Path secret = written(outside.resolve("secret.mp4"), "not for the store");
    Path link = Files.createSymbolicLink(dir.resolve("link"), secret);
    Files.move(link, mp4, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

    assertRefused(() -> files.metadataOf(checked), Reason.NOT_REGULAR);
  }

  @Test
  void aFileRenamedOverTheListedOneIsRefused() throws Exception {
    Path other = written(dir.resolve("other.bin"), "the listed recording");
    Files.move(other, mp4, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

    assertRefused(() -> files.check(SESSION), Reason.REPLACED);
  }

  @Test
  void aFileRenamedOverItBetweenTheCheckAndTheReadIsRefused() throws Exception {
    Mp4File checked = files.check(SESSION);
    Path other = written(dir.resolve("other.bin"), "the listed recording");
    Files.move(other, mp4, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

    assertRefused(() -> files.metadataOf(checked), Reason.REPLACED);
  }

  @Test
  void aFileWrittenToSinceTheListingIsRefused() throws Exception {
    Files.writeString(mp4, " and more", StandardOpenOption.APPEND);

    assertRefused(() -> files.check(SESSION), Reason.MODIFIED);
  }

  @Test
  void aFifoInPlaceOfTheListedFileIsNeverOpened() throws Exception {
    Files.delete(mp4);
    Process mkfifo = new ProcessBuilder("mkfifo", mp4.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).isZero();

    // Opening a FIFO blocks until a writer comes: the guard fails the test instead of hanging.
    assertRefused(
        () -> assertTimeoutPreemptively(Duration.ofSeconds(30), () -> files.check(SESSION)),
        Reason.NOT_REGULAR);
  }

  @Test
  void aRemovedFileIsMissing() throws Exception {
    Files.delete(mp4);

    assertRefused(() -> files.check(SESSION), Reason.MISSING);
  }

  @Test
  void aFileNoListingSawYetIsTakenAsItIsIfItIsARegularFile() throws Exception {
    var afterRestart =
        new LocalFiles(new Mp4Directory(dir, Duration.ofMinutes(1)), AfterUpload.KEEP, dir);

    assertThat(afterRestart.metadataOf(afterRestart.check(SESSION)))
        .isEqualTo(Digests.metadataOf(SESSION, mp4));
  }

  @Test
  void afterTheUploadALinkOfThatNameIsLeftAlone() throws Exception {
    Path elsewhere = written(outside.resolve("elsewhere.mp4"), "someone else's");
    Files.delete(mp4);
    Files.createSymbolicLink(mp4, elsewhere);

    files.handleUploaded(SESSION);

    assertThat(mp4).isSymbolicLink();
    assertThat(elsewhere).hasContent("someone else's");
  }

  private static void assertRefused(ThrowingCallable call, Reason reason) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            InputChangedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.sessionId()).isEqualTo(SESSION);
            });
  }

  private static Path written(Path path, String content) throws Exception {
    Files.writeString(path, content);
    Files.setLastModifiedTime(path, FileTime.from(NOW.minus(Duration.ofHours(1))));
    return path;
  }
}
