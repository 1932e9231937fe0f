package io.recpipe.common.files;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls back when a file whose name matches appears in a directory (created, or renamed in), so a
 * scan can run at once instead of at its next interval. A hint only: where the file system sends no
 * events (some network file systems), the interval still finds every file.
 */
public final class DirectoryWatch implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DirectoryWatch.class);

  private final WatchService service;
  private final Thread thread;

  private DirectoryWatch(WatchService service, Thread thread) {
    this.service = service;
    this.thread = thread;
  }

  /**
   * Starts watching {@code dir} on a daemon thread; empty (with a log line) when it cannot.
   *
   * @param onArrival called on the watch thread for each matching name; must not block
   */
  public static java.util.Optional<DirectoryWatch> start(
      Path dir, Predicate<String> names, Runnable onArrival, String threadName) {
    WatchService service;
    try {
      service = dir.getFileSystem().newWatchService();
      dir.register(
          service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
    } catch (IOException | UnsupportedOperationException e) {
      log.info("Directory not watched; its scans keep their interval. dir: {}, reason: {}", dir, e);
      return java.util.Optional.empty();
    }
    Thread thread = new Thread(() -> loop(service, names, onArrival), threadName);
    thread.setDaemon(true);
    thread.start();
    return java.util.Optional.of(new DirectoryWatch(service, thread));
  }

  private static void loop(WatchService service, Predicate<String> names, Runnable onArrival) {
    try {
      while (true) {
        WatchKey key = service.take();
        boolean matched = false;
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.context() instanceof Path name && names.test(name.toString())) {
            matched = true;
          } else if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
            matched = true;
          }
        }
        if (matched) {
          onArrival.run();
        }
        if (!key.reset()) {
          log.info("Watched directory is gone; its scans keep their interval.");
          return;
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed
    }
  }

  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException e) {
      log.debug("Closing a directory watch failed", e);
    }
    thread.interrupt();
  }
}
