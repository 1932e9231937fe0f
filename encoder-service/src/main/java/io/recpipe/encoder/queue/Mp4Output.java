package io.recpipe.encoder.queue;

import io.recpipe.common.session.SessionId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output directory. A converter writes {@code <id>.mp4.tmp-<random>.mp4}; once complete it is
 * flushed to disk and renamed atomically to {@code <id>.mp4}, so a reader never sees a partial MP4
 * under the final name. Anything named {@code <id>.mp4.tmp*} is left-over partial output.
 */
public class Mp4Output {

  private static final Logger log = LoggerFactory.getLogger(Mp4Output.class);

  private final Path dir;

  public Mp4Output(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public Path finalFile(SessionId id) {
    return dir.resolve(id.value() + ".mp4");
  }

  public Path tempFile(SessionId id) {
    return dir.resolve(id.value() + ".mp4.tmp-" + UUID.randomUUID() + ".mp4");
  }

  /** Flushes {@code temp} to disk, renames it to {@code <id>.mp4} and flushes the directory. */
  public Path publish(Path temp, SessionId id) throws IOException {
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Path target = finalFile(id);
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
      directory.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      log.debug("Directory sync not supported here. dir: {}", dir);
    }
    return target;
  }

  /** Removes partial output of a session (files and work directories); returns how many. */
  public int removePartial(SessionId id) throws IOException {
    String prefix = id.value() + ".mp4.tmp";
    int removed = 0;
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(dir, e -> e.getFileName().toString().startsWith(prefix))) {
      for (Path entry : entries) {
        deleteTree(entry);
        removed++;
      }
    }
    return removed;
  }

  static void deleteTree(Path path) throws IOException {
    try (Stream<Path> paths = Files.walk(path)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
