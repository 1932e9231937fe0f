package io.recpipe.converter.render;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enlarges the pipe to a child's stdin, and opens it as a channel (Linux only). Frames are 1.2 MB;
 * through the default 64 KB pipe each one takes about twenty wake-ups of each side, and on
 * vnc-2-long that cost about a tenth of the conversion's wall time. Java gives no handle on the
 * pipe, so it is found through {@code /proc}: the child's fd 0 names the pipe, and our one end of
 * it is the fd that names the same pipe. Anything unexpected leaves the pipe as it is: the size is
 * an optimisation, not a need.
 */
final class PipeBuffer {

  private static final Logger log = LoggerFactory.getLogger(PipeBuffer.class);

  /** As much as an unprivileged process may ask for by default ({@code fs.pipe-max-size}). */
  static final int WANTED_BYTES = 1 << 20;

  private static final int F_SETPIPE_SZ = 1031;
  private static final int F_GETPIPE_SZ = 1032;

  private PipeBuffer() {}

  private interface LibC extends Library {
    int fcntl(int fd, int cmd, int arg);
  }

  private static final class Holder {
    static final LibC LIBC = load();

    private static LibC load() {
      try {
        return Native.load("c", LibC.class);
      } catch (UnsatisfiedLinkError | RuntimeException e) {
        return null;
      }
    }
  }

  /** Asks for a {@value #WANTED_BYTES}-byte pipe to {@code pid}'s stdin; the size it now has. */
  static OptionalInt enlarge(long pid) {
    return enlarge(pid, ourEndOfStdin(pid));
  }

  private static OptionalInt enlarge(long pid, OptionalInt fd) {
    if (fd.isEmpty() || Holder.LIBC == null) {
      return OptionalInt.empty();
    }
    int size = Holder.LIBC.fcntl(fd.getAsInt(), F_SETPIPE_SZ, WANTED_BYTES);
    if (size < 0) {
      log.debug("Could not enlarge the pipe to process {}", pid);
      return size(pid);
    }
    return OptionalInt.of(size);
  }

  /** The size of the pipe to {@code pid}'s stdin, when it can be found. */
  static OptionalInt size(long pid) {
    OptionalInt fd = ourEndOfStdin(pid);
    if (fd.isEmpty() || Holder.LIBC == null) {
      return OptionalInt.empty();
    }
    int size = Holder.LIBC.fcntl(fd.getAsInt(), F_GETPIPE_SZ, 0);
    return size < 0 ? OptionalInt.empty() : OptionalInt.of(size);
  }

  /**
   * Enlarges the pipe to {@code pid}'s stdin ({@link #enlarge}) and opens our end of it again, as a
   * channel: a direct buffer is then written to the pipe as it is, where an {@code OutputStream}
   * first copies every write into a buffer of its own. {@code /proc} is searched once for both.
   * Empty when the pipe cannot be found or opened (then use the stream, enlarged if it could be).
   */
  static Optional<FileChannel> enlargeAndOpen(long pid) {
    OptionalInt fd = ourEndOfStdin(pid);
    enlarge(pid, fd);
    if (fd.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          FileChannel.open(
              Path.of("/proc/self/fd", Integer.toString(fd.getAsInt())), StandardOpenOption.WRITE));
    } catch (IOException | RuntimeException e) {
      log.debug("Could not open the pipe to process {}: {}", pid, e.toString());
      return Optional.empty();
    }
  }

  private static OptionalInt ourEndOfStdin(long pid) {
    try {
      Path childStdin = Path.of("/proc", Long.toString(pid), "fd", "0");
      if (!Files.isSymbolicLink(childStdin)) {
        return OptionalInt.empty();
      }
      String pipe = Files.readSymbolicLink(childStdin).toString();
      if (!pipe.startsWith("pipe:")) {
        return OptionalInt.empty();
      }
      try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
        for (Path fd : fds) {
          try {
            if (Files.readSymbolicLink(fd).toString().equals(pipe)) {
              return OptionalInt.of(Integer.parseInt(fd.getFileName().toString()));
            }
          } catch (IOException | NumberFormatException e) {
            // closed meanwhile (e.g. the directory stream's own fd): not ours
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      log.debug("Could not find the pipe to process {}: {}", pid, e.toString());
    }
    return OptionalInt.empty();
  }
}
