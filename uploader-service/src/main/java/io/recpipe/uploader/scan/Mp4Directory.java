package io.recpipe.uploader.scan;

import io.recpipe.common.session.SessionId;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the finished MP4s of the recordings directory: {@code <sessionId>.mp4} with a safe id.
 * Other names are logged once and left alone; the encoder's partial files ({@code .mp4.tmp*}) do
 * not end in {@code .mp4}. A file counts as finished when it has not changed for the quiet period,
 * or when its size is the same as at the previous look.
 */
public class Mp4Directory {

  private static final Logger log = LoggerFactory.getLogger(Mp4Directory.class);

  private final Path dir;
  private final Duration quietPeriod;
  private final Set<String> reportedUnsafe = ConcurrentHashMap.newKeySet();
  private Map<SessionId, Long> previousSizes = new HashMap<>();

  public Mp4Directory(Path dir, Duration quietPeriod) {
    this.dir = dir;
    this.quietPeriod = quietPeriod;
  }

  /** A finished MP4, and the listing's counts. */
  public record Listing(List<SessionId> finished, int files, int unsafe, int busy) {}

  public synchronized Listing list(Instant now) throws IOException {
    List<SessionId> finished = new ArrayList<>();
    Map<SessionId, Long> sizes = new HashMap<>();
    int files = 0;
    int unsafe = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.mp4")) {
      for (Path entry : entries) {
        Optional<SessionId> id = sessionOf(entry);
        if (id.isEmpty()) {
          unsafe++;
          continue;
        }
        BasicFileAttributes attributes = attributes(entry);
        if (attributes == null || !attributes.isRegularFile()) {
          continue;
        }
        files++;
        long size = attributes.size();
        sizes.put(id.get(), size);
        boolean quiet = attributes.lastModifiedTime().toInstant().plus(quietPeriod).isBefore(now);
        Long before = previousSizes.get(id.get());
        if (quiet || (before != null && before == size)) {
          finished.add(id.get());
        } else {
          log.debug("MP4 may still be written. session: {}, bytes: {}", id.get(), size);
        }
      }
    }
    previousSizes = sizes;
    return new Listing(finished, files, unsafe, files - finished.size());
  }

  public Path dir() {
    return dir;
  }

  private Optional<SessionId> sessionOf(Path entry) {
    String name = entry.getFileName().toString();
    String stem = name.substring(0, name.length() - ".mp4".length());
    Optional<SessionId> id = SessionId.parse(stem);
    if (id.isEmpty() || !id.get().value().equals(stem)) {
      if (reportedUnsafe.add(name)) {
        log.warn(
            "File left alone: its name is not a safe session id. name: {}",
            SessionId.describe(name));
      }
      return Optional.empty();
    }
    return id;
  }

  private static BasicFileAttributes attributes(Path entry) {
    try {
      return Files.readAttributes(entry, BasicFileAttributes.class);
    } catch (IOException e) {
      return null;
    }
  }
}
