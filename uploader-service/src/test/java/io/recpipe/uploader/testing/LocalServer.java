package io.recpipe.uploader.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server the tests start as a child process bound to 127.0.0.1 (S3Mock, Azurite), that a test can
 * kill and start again on the same port and data directory.
 */
public final class LocalServer implements AutoCloseable {

  private final String name;
  private final List<String> command;
  private final Path logFile;
  private final BooleanSupplier ready;
  private Process process;

  public LocalServer(String name, List<String> command, Path logFile, BooleanSupplier ready) {
    this.name = name;
    this.command = command;
    this.logFile = logFile;
    this.ready = ready;
  }

  public synchronized void start() {
    try {
      Files.createDirectories(logFile.getParent());
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name + ": " + command, e);
    }
    Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
    while (!ready.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited early; see " + logFile);
      }
      if (Instant.now().isAfter(deadline)) {
        kill(); // nobody else holds this process: do not leave it running
        throw new IllegalStateException(name + " not ready in time; see " + logFile);
      }
      pause(200);
    }
  }

  /** Kills the process at once, as a crash would. */
  public synchronized void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    kill();
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Total bytes of the files under a directory (a server's data growing shows an upload). */
  public static long bytesUnder(Path dir) {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(LocalServer::sizeOrZero).sum();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  /** Deletes a directory and everything under it; what cannot be deleted is left. */
  public static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(LocalServer::deleteQuietly);
    } catch (IOException | UncheckedIOException e) {
      // best effort: a leftover temp directory is not worth failing a test for
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // left behind; see deleteTree
    }
  }

  private static long sizeOrZero(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
