package io.recpipe.encoder.queue;

import io.recpipe.common.files.PartialFiles;
import io.recpipe.common.session.SessionId;
import io.recpipe.converter.Sidecar;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output directory. A converter writes a partial file named by {@link PartialFiles} ({@code
 * .<id>.mp4.<instance>.<random>.part}, hidden, never ending in {@code .mp4}); once complete it is
 * flushed to disk and renamed atomically to {@code <id>.mp4}, so a reader never sees a partial MP4
 * under the final name. Its sidecars ({@code <id>.vtt}, {@code <id>.jpg}), written as partial files
 * of the same MP4 name, are published the same way before it: whoever sees {@code <id>.mp4} finds
 * them complete.
 */
public class Mp4Output {

  private static final Logger log = LoggerFactory.getLogger(Mp4Output.class);

  private final Path dir;
  private final String instance;

  /**
   * @param instance this replica's stable name, which tags its partial files
   */
  public Mp4Output(Path dir, String instance) {
    this.dir = dir;
    this.instance = instance;
  }

  public Path dir() {
    return dir;
  }

  public Path finalFile(SessionId id) {
    return dir.resolve(finalName(id));
  }

  /** A fresh partial file for the session's MP4, tagged with this instance. */
  public Path tempFile(SessionId id) {
    return PartialFiles.newPartial(dir, finalName(id), instance);
  }

  /** A sidecar's final file: {@code <id>.vtt}, {@code <id>.jpg}. */
  public Path sidecarFile(SessionId id, Sidecar.Kind kind) {
    return dir.resolve(Sidecar.finalName(finalName(id), kind));
  }

  /** Flushes {@code temp} to disk, renames it to {@code <id>.mp4} and flushes the directory. */
  public Path publish(Path temp, SessionId id) throws IOException {
    return publish(temp, id, List.of());
  }

  /**
   * Publishes each sidecar (flushed, renamed to its final name), flushes the directory, then
   * publishes the MP4 as {@link #publish(Path, SessionId)} does: the sidecars are in place, on
   * disk, before {@code <id>.mp4} appears. When this fails, the sidecars it published are removed
   * again.
   *
   * @param sidecars partial files beside {@code temp}, as the converter made them
   */
  public Path publish(Path temp, SessionId id, List<Sidecar> sidecars) throws IOException {
    List<Path> published = new ArrayList<>();
    try {
      for (Sidecar sidecar : sidecars) {
        published.add(moveIntoPlace(sidecar.file(), sidecarFile(id, sidecar.kind())));
      }
      if (!sidecars.isEmpty()) {
        syncDirectory();
      }
      Path target = moveIntoPlace(temp, finalFile(id));
      syncDirectory();
      return target;
    } catch (IOException e) {
      for (Path file : published) {
        Files.deleteIfExists(file);
      }
      throw e;
    }
  }

  private static Path moveIntoPlace(Path temp, Path target) throws IOException {
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  private void syncDirectory() {
    try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
      directory.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      log.debug("Directory sync not supported here. dir: {}", dir);
    }
  }

  /**
   * Removes the partial output of a session (files and work directories), whichever instance wrote
   * it; returns how many.
   */
  public int removePartial(SessionId id) throws IOException {
    return PartialFiles.removeFor(dir, finalName(id));
  }

  /**
   * Removes every partial file and work directory this instance left (a killed JVM's); returns how
   * many. Run at start-up, after the orphaned converters that may still write them are killed.
   */
  public int removeOwnPartials() throws IOException {
    int removed = PartialFiles.removeOwnedBy(dir, instance);
    if (removed > 0) {
      log.info("Partial output left by this instance removed. dir: {}, removed: {}", dir, removed);
    }
    return removed;
  }

  private static String finalName(SessionId id) {
    return id.value() + ".mp4";
  }
}
