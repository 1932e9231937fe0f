package io.recpipe.common.admin;

import io.recpipe.common.session.SessionId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where a service finds a session's MP4 on its local disk, for the console's player. */
@FunctionalInterface
public interface LocalVideos {

  /** The session's MP4 when it is on this service's disk. */
  Optional<Path> find(SessionId id);

  /** {@code <id>.mp4} in the first of {@code dirs} that has it as a regular file. */
  static LocalVideos in(List<Path> dirs) {
    return id ->
        dirs.stream()
            .map(dir -> dir.resolve(id.value() + ".mp4"))
            .filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
            .findFirst();
  }
}
