package io.recpipe.encoder.recording;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Run as its own process: takes a write lock on a file (as guacd does while a session is live),
 * says {@code locked}, and holds it until its stdin closes.
 */
public final class LockHolder {

  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    try (var channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE);
        var lock = channel.lock()) {
      System.out.println("locked");
      System.out.flush();
      while (System.in.read() >= 0) {
        // hold the lock until the parent closes our stdin
      }
    }
  }
}
