package io.recpipe.encoder.recording;

import io.recpipe.common.files.RememberedNames;
import io.recpipe.common.session.SessionId;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recordings directory guacd writes into. A recording is a regular file named {@code
 * <sessionId>.guac} or a bare {@code <sessionId>}; any other name is never used to build a path (it
 * is logged at WARN once a day and left alone), and directories and symbolic links are skipped.
 */
public class RecordingDirectory {

  private static final Logger log = LoggerFactory.getLogger(RecordingDirectory.class);
  private static final String SUFFIX = ".guac";
  private static final long MAX_REMEMBERED_NAMES = 10_000;
  private static final Duration WARN_AGAIN_AFTER = Duration.ofDays(1);

  private final Path dir;
  private final RememberedNames warnedNames;

  public RecordingDirectory(Path dir) {
    this(dir, new RememberedNames(MAX_REMEMBERED_NAMES, WARN_AGAIN_AFTER));
  }

  /** With the memory of names already warned about (bounded; a name is warned about daily). */
  RecordingDirectory(Path dir, RememberedNames warnedNames) {
    this.dir = dir;
    this.warnedNames = warnedNames;
  }

  public Path dir() {
    return dir;
  }

  /** What one listing found. */
  public record Listing(List<Recording> recordings, int unsafeNames, int skipped) {}

  /** Lists the recordings (regular files with safe names) and their sizes. */
  public Listing list() throws IOException {
    var recordings = new ArrayList<Recording>();
    int unsafe = 0;
    int skipped = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        var attributes =
            Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
          skipped++;
          continue;
        }
        Optional<SessionId> id = sessionIdOf(name);
        if (id.isEmpty()) {
          unsafe++;
          warnOnce(name);
          continue;
        }
        recordings.add(new Recording(id.get(), entry, attributes.size()));
      }
    }
    return new Listing(recordings, unsafe, skipped);
  }

  /** The recording of a session, if its file is there. */
  public Optional<Path> find(SessionId sessionId) {
    for (Path candidate :
        List.of(dir.resolve(sessionId.value() + SUFFIX), dir.resolve(sessionId.value()))) {
      if (Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether another process holds a lock on the file, as guacd does (an fcntl write lock) while the
   * session runs: a shared {@code tryLock} probe fails then.
   */
  public static boolean isLocked(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      log.debug("Lock probe failed. file: {}", file.getFileName(), e);
      return true;
    }
  }

  static Optional<SessionId> sessionIdOf(String fileName) {
    String base =
        fileName.endsWith(SUFFIX)
            ? fileName.substring(0, fileName.length() - SUFFIX.length())
            : fileName;
    // parse() also accepts a braced GUID; a file name must be the id itself.
    return SessionId.parse(base).filter(id -> id.value().equals(base));
  }

  private void warnOnce(String name) {
    if (warnedNames.firstSight(name)) {
      log.warn(
          "Recording name is not a safe session id; file left alone. name: {}, dir: {}",
          SessionId.describe(name),
          dir);
    }
  }
}
