package io.recpipe.uploader.scan;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.recpipe.common.files.RememberedNames;
import io.recpipe.common.session.SessionId;
import io.recpipe.uploader.scan.InputChangedException.Reason;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the finished MP4s of the input directory: regular files named {@code <sessionId>.mp4} with
 * a safe id. Nothing is followed or opened: a symbolic link, directory, FIFO or device of that name
 * and any unsafe name are left alone and WARNed about once a day; partial files ({@code
 * .<name>.<instance>.<random>.part}) do not end in {@code .mp4}. A file counts as finished when it
 * has not changed for the quiet period, or when its size is the same as at the previous look.
 *
 * <p>The last look at each file is remembered (bounded, forgotten an hour after the file was last
 * seen), and {@link #current} holds an upload to it: the file read must be the one listed.
 */
public class Mp4Directory {

  static final long MAX_REMEMBERED = 10_000;
  static final Duration REPORT_AGAIN_AFTER = Duration.ofDays(1);
  static final Duration FORGET_LOOK_AFTER = Duration.ofHours(1);
  private static final Logger log = LoggerFactory.getLogger(Mp4Directory.class);

  private final Path dir;
  private final Duration quietPeriod;
  private final RememberedNames reported;
  private final Cache<SessionId, Look> looks;

  /** One look at a session's MP4, and whether it was finished then. */
  private record Look(Mp4File file, boolean finished) {}

  public Mp4Directory(Path dir, Duration quietPeriod) {
    this(dir, quietPeriod, Ticker.systemTicker(), MAX_REMEMBERED);
  }

  Mp4Directory(Path dir, Duration quietPeriod, Ticker ticker, long maxRemembered) {
    this.dir = dir;
    this.quietPeriod = quietPeriod;
    this.reported = new RememberedNames(maxRemembered, REPORT_AGAIN_AFTER, ticker);
    this.looks =
        Caffeine.newBuilder()
            .maximumSize(maxRemembered)
            .expireAfterWrite(FORGET_LOOK_AFTER)
            .ticker(ticker)
            .executor(Runnable::run)
            .build();
  }

  /**
   * The listing's finished MP4s and counts: regular MP4s with a safe name ({@code files}, of which
   * {@code busy} not finished), unsafe names, and entries that are not regular files ({@code
   * skipped}).
   */
  public record Listing(List<SessionId> finished, int files, int unsafe, int busy, int skipped) {}

  public synchronized Listing list(Instant now) throws IOException {
    List<SessionId> finished = new ArrayList<>();
    int files = 0;
    int unsafe = 0;
    int skipped = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.mp4")) {
      for (Path entry : entries) {
        Optional<SessionId> id = sessionOf(entry);
        if (id.isEmpty()) {
          unsafe++;
          continue;
        }
        Optional<Mp4File> file = look(id.get(), entry);
        if (file.isEmpty()) {
          skipped++;
          continue;
        }
        files++;
        if (isFinished(file.get(), now)) {
          finished.add(id.get());
        } else {
          log.debug(
              "MP4 may still be written. session: {}, bytes: {}", id.get(), file.get().size());
        }
      }
    }
    return new Listing(finished, files, unsafe, files - finished.size(), skipped);
  }

  /**
   * The MP4 of a session as it is now, checked before anything reads it: a regular file (no link
   * followed) and, when a listing saw it, the very file the last listing saw finished (same file
   * key, size and modification time). A file no listing remembers (after a restart) is taken as it
   * is now.
   *
   * @throws InputChangedException when it is gone, not a regular file, or not the listed file
   * @throws IOException when it cannot be looked at
   */
  public Mp4File current(SessionId sessionId) throws InputChangedException, IOException {
    Mp4File now = Mp4File.look(sessionId, dir.resolve(sessionId.value() + ".mp4"));
    Look listed = looks.getIfPresent(sessionId);
    if (listed != null) {
      listed.file().requireSame(now);
      if (!listed.finished()) {
        throw new InputChangedException(
            sessionId, Reason.MODIFIED, "the last listing saw it still being written");
      }
    }
    return now;
  }

  public Path dir() {
    return dir;
  }

  /** How many names and looks are remembered now (both bounded). */
  long remembered() {
    looks.cleanUp();
    return reported.size() + looks.estimatedSize();
  }

  private boolean isFinished(Mp4File file, Instant now) {
    Look before = looks.getIfPresent(file.sessionId());
    boolean quiet = file.modified().plus(quietPeriod).isBefore(now);
    boolean finished = quiet || (before != null && before.file().size() == file.size());
    looks.put(file.sessionId(), new Look(file, finished));
    return finished;
  }

  /** The entry as a regular file, or empty (not one, gone, or unreadable), without following. */
  private Optional<Mp4File> look(SessionId id, Path entry) {
    try {
      return Optional.of(Mp4File.look(id, entry));
    } catch (InputChangedException e) {
      looks.invalidate(id);
      if (e.reason() == Reason.NOT_REGULAR && reported.firstSight(entry.getFileName().toString())) {
        log.warn("File left alone: not a regular file, never followed or read. {}", e.detail());
      }
      return Optional.empty();
    } catch (IOException e) {
      log.debug("MP4 cannot be looked at; skipped. session: {}", id, e);
      return Optional.empty();
    }
  }

  private Optional<SessionId> sessionOf(Path entry) {
    String name = entry.getFileName().toString();
    String stem = name.substring(0, name.length() - ".mp4".length());
    Optional<SessionId> id = SessionId.parse(stem);
    if (id.isEmpty() || !id.get().value().equals(stem)) {
      if (reported.firstSight(name)) {
        log.warn(
            "File left alone: its name is not a safe session id. name: {}",
            SessionId.describe(name));
      }
      return Optional.empty();
    }
    return id;
  }
}
