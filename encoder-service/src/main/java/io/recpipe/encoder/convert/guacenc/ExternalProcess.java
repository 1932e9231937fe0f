package io.recpipe.encoder.convert.guacenc;

import io.recpipe.encoder.convert.ConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a tool from an argument array (never a shell), with its output drained on its own thread
 * (stdout and stderr merged, the last part kept) and its whole process tree killed when it takes
 * longer than allowed.
 */
final class ExternalProcess {

  private static final int TAIL_CHARS = 8000;

  /** What a finished run left. */
  record Result(int exitCode, String output) {}

  private ExternalProcess() {}

  static Result run(List<String> command, Path workDir, Duration timeout) {
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new ConversionException(
          "Could not start " + command.get(0) + ": " + e.getMessage(), false, e);
    }
    var tail = new StringBuilder();
    Thread drainer =
        new Thread(() -> drain(process.getInputStream(), tail), "drain-" + process.pid());
    drainer.setDaemon(true);
    drainer.start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        killTree(process);
        throw new ConversionException(
            "%s timed out after %s and was killed".formatted(command.get(0), timeout), false);
      }
      drainer.join(5_000);
    } catch (InterruptedException e) {
      killTree(process);
      Thread.currentThread().interrupt();
      throw new ConversionException(command.get(0) + " was interrupted and killed", false, e);
    }
    synchronized (tail) {
      return new Result(process.exitValue(), tail.toString());
    }
  }

  static void killTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static void drain(InputStream in, StringBuilder tail) {
    var buffer = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        synchronized (tail) {
          tail.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
          if (tail.length() > 2 * TAIL_CHARS) {
            tail.delete(0, tail.length() - TAIL_CHARS);
          }
        }
      }
    } catch (IOException ignored) {
      // The process was killed; what was read is kept.
    }
  }
}
