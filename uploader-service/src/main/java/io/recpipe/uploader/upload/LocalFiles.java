package io.recpipe.uploader.upload;

import io.recpipe.common.session.SessionId;
import io.recpipe.uploader.scan.InputChangedException;
import io.recpipe.uploader.scan.InputChangedException.Reason;
import io.recpipe.uploader.scan.Mp4Directory;
import io.recpipe.uploader.scan.Mp4File;
import io.recpipe.uploader.store.ContentType;
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
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encoder's MP4s ({@code <recordings-dir>/<sessionId>.mp4}) and their sidecars ({@code
 * <sessionId>.vtt}, {@code .jpg}): checked and read for an upload without following links, and what
 * becomes of them once the MP4 is stored and EmpowerID has "Uploaded": deleted, kept, or moved to
 * the done directory, together.
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

  /** A session's sidecar of {@code type} (a safe id, so never outside the directory). */
  public Path sidecar(SessionId sessionId, ContentType type) {
    return inputs.dir().resolve(sessionId.value() + "." + type.extension());
  }

  /**
   * The sidecars beside a session's MP4 now, looked at without following links. One that is not a
   * regular file (a link, a directory) is left alone and WARNed about; none is an empty list.
   *
   * @throws UncheckedIOException when one cannot be looked at
   */
  public List<Sidecar> sidecars(SessionId sessionId) {
    List<Sidecar> found = new ArrayList<>();
    for (ContentType type : Sidecar.TYPES) {
      try {
        found.add(new Sidecar(type, Mp4File.look(sessionId, sidecar(sessionId, type))));
      } catch (InputChangedException e) {
        if (e.reason() == Reason.NOT_REGULAR) {
          log.warn(
              "Sidecar left alone: not a regular file, never followed or read. {}", e.detail());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot look at the sidecars of " + sessionId, e);
      }
    }
    return found;
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

  /**
   * Deletes, keeps or moves an uploaded MP4 and the sidecars beside it (they were stored before the
   * MP4), sidecars first: a crash in between leaves the MP4, and the repeated call handles the
   * rest. Nothing is touched when the MP4 is not a regular file there (a stray sidecar is not
   * ours). A failure is logged and the file stays.
   */
  public void handleUploaded(SessionId sessionId) {
    Path mp4 = mp4(sessionId);
    // Only a regular file was uploaded: a link or anything else of that name is not ours to touch.
    if (!Files.isRegularFile(mp4, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    for (ContentType type : Sidecar.TYPES) {
      Path sidecar = sidecar(sessionId, type);
      if (Files.isRegularFile(sidecar, LinkOption.NOFOLLOW_LINKS) && !handle(sessionId, sidecar)) {
        return;
      }
    }
    handle(sessionId, mp4);
  }

  /** Whether the file was handled as {@link #afterUpload} says. */
  private boolean handle(SessionId sessionId, Path file) {
    try {
      switch (afterUpload) {
        case KEEP -> {}
        case DELETE -> {
          Files.delete(file);
          log.info("Local file removed after upload. session: {}, file: {}", sessionId, name(file));
        }
        case MOVE -> {
          Files.createDirectories(doneDir);
          Files.move(
              file, doneDir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
          log.info(
              "Local file moved after upload. session: {}, file: {}, to: {}",
              sessionId,
              name(file),
              doneDir);
        }
      }
      return true;
    } catch (IOException e) {
      log.warn(
          "Uploaded file not handled; it stays. session: {}, file: {}, action: {}",
          sessionId,
          name(file),
          afterUpload,
          e);
      return false;
    }
  }

  private static String name(Path file) {
    return file.getFileName().toString();
  }
}
