package io.recpipe.encoder.recording;

import io.recpipe.common.session.SessionId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where recordings the encoder gave up on are kept, each with {@code <id>.reason.txt} saying why:
 * nothing is deleted. To try one again, an operator deletes its {@code FAILED} row from {@code
 * encoder_job} and moves the file back into the recordings directory.
 */
public class Quarantine {

  private static final Logger log = LoggerFactory.getLogger(Quarantine.class);

  private final Path dir;

  public Quarantine(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /**
   * Writes the reason, then moves the recording in (keeping its name). Safe to repeat: a recording
   * already moved is not looked for again.
   *
   * @return where the recording is now, or empty when there was no recording to move
   */
  public java.util.Optional<Path> put(
      SessionId sessionId, Path recording, String reason, int attempts, Instant now)
      throws IOException {
    Files.createDirectories(dir);
    String text =
        "session: %s%ntime: %s%nattempts: %d%nreason: %s%n"
            .formatted(sessionId, now, attempts, reason);
    Files.writeString(
        dir.resolve(sessionId.value() + ".reason.txt"),
        text,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING);
    if (recording == null || !Files.exists(recording)) {
      return java.util.Optional.empty();
    }
    Path target = dir.resolve(recording.getFileName().toString());
    if (Files.exists(target)) {
      target = dir.resolve(recording.getFileName() + "." + now.toEpochMilli());
    }
    Files.move(recording, target);
    log.info("Recording quarantined. session: {}, file: {}", sessionId, target);
    return java.util.Optional.of(target);
  }

  /**
   * Moves a quarantined recording ({@code <id>.guac} or a bare {@code <id>}) back into {@code
   * recordingsDir} and removes its reason file, for a requeue; nothing when it is not here.
   *
   * @return where the recording is now, or empty when none was quarantined
   */
  public java.util.Optional<Path> restore(SessionId sessionId, Path recordingsDir)
      throws IOException {
    for (String name : java.util.List.of(sessionId.value() + ".guac", sessionId.value())) {
      Path quarantined = dir.resolve(name);
      if (Files.isRegularFile(quarantined, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Path target = recordingsDir.resolve(name);
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          throw new IOException("A recording of that name is already in " + recordingsDir);
        }
        Files.move(quarantined, target);
        Files.deleteIfExists(dir.resolve(sessionId.value() + ".reason.txt"));
        log.info(
            "Recording brought back from quarantine. session: {}, file: {}", sessionId, target);
        return java.util.Optional.of(target);
      }
    }
    return java.util.Optional.empty();
  }
}
