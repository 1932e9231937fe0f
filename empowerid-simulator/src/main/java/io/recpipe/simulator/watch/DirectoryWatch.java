package io.recpipe.simulator.watch;

import io.recpipe.simulator.SimulatorProperties;
import io.recpipe.simulator.sessions.SafeIds;
import io.recpipe.simulator.sessions.SessionRegistry;
import io.recpipe.simulator.sessions.SessionStatus;
import io.recpipe.simulator.sessions.StorageMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns recordings that appear in the watched folder into closed, recorded sessions, as the gateway
 * would report them once a session ends. A file {@code <id>.guac} or a bare {@code <id>} (how guacd
 * names recordings) counts; unsafe names and other files are ignored, and nothing is ever removed.
 */
@Component
public class DirectoryWatch {

  private static final Logger log = LoggerFactory.getLogger(DirectoryWatch.class);
  private static final String GUAC = ".guac";

  private final SessionRegistry registry;
  private final Path folder;
  private final StorageMode storageMode;
  private boolean warnedMissing;

  DirectoryWatch(SessionRegistry registry, SimulatorProperties properties) {
    this.registry = registry;
    this.folder = properties.watchDir();
    this.storageMode = properties.defaultStorageMode();
  }

  /**
   * Looks at the folder once.
   *
   * @return how many new sessions were added
   */
  public synchronized int runOnce() {
    if (folder == null) {
      return 0;
    }
    if (!Files.isDirectory(folder)) {
      if (!warnedMissing) {
        log.warn("Watched folder missing, nothing to watch. folder: {}", folder);
        warnedMissing = true;
      }
      return 0;
    }
    warnedMissing = false;
    int added = 0;
    for (String id : sessionIds()) {
      if (!registry.contains(id)
          && registry.put(id, SessionStatus.CLOSED, null, storageMode, "watch-dir")) {
        added++;
      }
    }
    if (added > 0) {
      log.info("Recordings found in watched folder. folder: {}, new sessions: {}", folder, added);
    }
    return added;
  }

  private List<String> sessionIds() {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> idOf(file.getFileName().toString()))
          .flatMap(Optional::stream)
          .toList();
    } catch (IOException e) {
      log.warn("Watched folder unreadable. folder: {}", folder, e);
      return List.of();
    }
  }

  static Optional<String> idOf(String fileName) {
    String id =
        fileName.endsWith(GUAC)
            ? fileName.substring(0, fileName.length() - GUAC.length())
            : fileName;
    return SafeIds.isSafe(id) ? Optional.of(id) : Optional.empty();
  }
}
