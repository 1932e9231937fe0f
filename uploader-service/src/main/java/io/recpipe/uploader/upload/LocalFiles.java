package io.recpipe.uploader.upload;

import io.recpipe.common.session.SessionId;
import io.recpipe.uploader.scan.InputChangedException;
import io.recpipe.uploader.scan.InputChangedException.Reason;
import io.recpipe.uploader.scan.Mp4Directory;
import io.recpipe.uploader.scan.Mp4File;
import io.recpipe.uploader.store.Digests;
import io.recpipe.uploader.store.Metadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encoder's MP4s ({@code <recordings-dir>/<sessionId>.mp4}): checked and read for an upload
 * without following links, and what becomes of one once it is stored and EmpowerID has "Uploaded":
 * deleted, kept, or moved to the done directory.
 */
public class LocalFiles {

  private static final Logger log = LoggerFactory.getLogger(LocalFiles.class);

  private final Mp4Directory inputs;
  private final AfterUpload afterUpload;
  private final Path doneDir;

  /**
   * @param inputs the scan's listing of the directory, so that an upload reads the listed file
   */
  public LocalFiles(Mp4Directory inputs, AfterUpload afterUpload, Path doneDir) {
    this.inputs = inputs;
    this.afterUpload = afterUpload;
    this.doneDir = doneDir;
  }

  /** The MP4 of a session (a safe id, so never outside the directory). */
  public Path mp4(SessionId sessionId) {
    return inputs.dir().resolve(sessionId.value() + ".mp4");
  }

  public Path recordingsDir() {
    return inputs.dir();
  }

  /**
   * The MP4 of a session, checked before an upload: a regular file, no link followed, and the file
   * the scan listed as finished (see {@link Mp4Directory#current}).
   *
   * @throws InputChangedException when it is gone, not a regular file, or not the listed file
   * @throws UncheckedIOException when it cannot be looked at
   */
  public Mp4File check(SessionId sessionId) throws InputChangedException {
    try {
      return inputs.current(sessionId);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot look at the MP4 of " + sessionId, e);
    }
  }

  /**
   * Reads {@code file} once through a channel opened without following links, and returns the
   * SHA-256 and size of what was read. The name must hold the very same file (file key, size,
   * modification time) right after the open and after the last byte, so the digest is that of the
   * checked file; the stores then verify what they keep against it.
   *
   * @throws InputChangedException when the file was replaced, changed or removed meanwhile
   * @throws UncheckedIOException when it cannot be read
   */
  public Metadata metadataOf(Mp4File file) throws InputChangedException {
    Metadata metadata;
    try (FileChannel in =
        FileChannel.open(file.path(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      file.requireUnchanged();
      metadata = Digests.metadataOf(file.sessionId(), in);
      file.requireUnchanged();
    } catch (IOException e) {
      // A link put in its place makes the open fail (ELOOP): say what is there now.
      requireUnchangedAfter(file, e);
      throw new UncheckedIOException("Cannot read " + file.path(), e);
    }
    if (metadata.size() != file.size()) {
      throw new InputChangedException(
          file.sessionId(),
          Reason.MODIFIED,
          "listed bytes: " + file.size() + ", read: " + metadata.size());
    }
    return metadata;
  }

  private static void requireUnchangedAfter(Mp4File file, IOException failure)
      throws InputChangedException {
    try {
      file.requireUnchanged();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  /** Deletes, keeps or moves an uploaded MP4; a failure is logged and the file stays. */
  public void handleUploaded(SessionId sessionId) {
    Path mp4 = mp4(sessionId);
    // Only a regular file was uploaded: a link or anything else of that name is not ours to touch.
    if (!Files.isRegularFile(mp4, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      switch (afterUpload) {
        case KEEP -> {}
        case DELETE -> {
          Files.delete(mp4);
          log.info("Local MP4 removed after upload. session: {}", sessionId);
        }
        case MOVE -> {
          Files.createDirectories(doneDir);
          Files.move(mp4, doneDir.resolve(mp4.getFileName()), StandardCopyOption.REPLACE_EXISTING);
          log.info("Local MP4 moved after upload. session: {}, to: {}", sessionId, doneDir);
        }
      }
    } catch (IOException e) {
      log.warn(
          "Uploaded MP4 not handled; it stays. session: {}, action: {}", sessionId, afterUpload, e);
    }
  }
}
