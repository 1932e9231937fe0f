package io.recpipe.uploader.scan;

import io.recpipe.common.session.SessionId;
import io.recpipe.uploader.scan.InputChangedException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Objects;

/**
 * One MP4 as a look at the directory saw it, without following links: a regular file, its file key
 * (device and inode on Unix; {@code null} where the file system has none), size and modification
 * time. The same four values later mean the same file, unchanged.
 */
public record Mp4File(SessionId sessionId, Path path, Object fileKey, long size, Instant modified) {

  /**
   * What {@code path} holds now, looked at without following a link.
   *
   * @throws InputChangedException when it is gone or not a regular file
   * @throws IOException when it cannot be looked at
   */
  public static Mp4File look(SessionId sessionId, Path path)
      throws InputChangedException, IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      throw new InputChangedException(sessionId, Reason.MISSING, "file: " + path.getFileName());
    }
    if (!attributes.isRegularFile()) {
      throw new InputChangedException(
          sessionId,
          Reason.NOT_REGULAR,
          "file: " + path.getFileName() + ", type: " + kind(attributes));
    }
    return new Mp4File(
        sessionId,
        path,
        attributes.fileKey(),
        attributes.size(),
        attributes.lastModifiedTime().toInstant());
  }

  /**
   * Checks that {@code path} still holds this very file, unchanged.
   *
   * @throws InputChangedException when it is gone, another file, or changed
   * @throws IOException when it cannot be looked at
   */
  public void requireUnchanged() throws InputChangedException, IOException {
    requireSame(look(sessionId, path));
  }

  /** Checks that {@code now} is this very file, unchanged. */
  void requireSame(Mp4File now) throws InputChangedException {
    if (!Objects.equals(fileKey, now.fileKey)) {
      throw new InputChangedException(
          sessionId,
          Reason.REPLACED,
          "file: " + path.getFileName() + ", listed: " + fileKey + ", now: " + now.fileKey);
    }
    if (size != now.size || !modified.equals(now.modified)) {
      throw new InputChangedException(
          sessionId,
          Reason.MODIFIED,
          "file: "
              + path.getFileName()
              + ", listed bytes: "
              + size
              + ", now: "
              + now.size
              + ", listed modified: "
              + modified
              + ", now: "
              + now.modified);
    }
  }

  /** A word for what a non-regular entry is, for logs. */
  static String kind(BasicFileAttributes attributes) {
    if (attributes.isSymbolicLink()) {
      return "symbolic link";
    }
    if (attributes.isDirectory()) {
      return "directory";
    }
    return attributes.isOther() ? "FIFO, socket or device" : "regular file";
  }
}
