package io.recpipe.encoder.convert.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child process (ffmpeg, ffprobe) whose stderr is drained on its own thread into a bounded tail
 * kept for error messages, and which is killed with its whole process tree on time-out.
 */
final class ToolProcess implements AutoCloseable {

  private static final int TAIL_CHARS = 4000;

  private final Process process;
  private final StringBuilder stderr = new StringBuilder();
  private final Thread drainer;

  private ToolProcess(Process process) {
    this.process = process;
    this.drainer = new Thread(this::drain, "ffmpeg-stderr-" + process.pid());
    drainer.setDaemon(true);
    drainer.start();
  }

  static ToolProcess start(List<String> command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    FfmpegLocator.libraryPathFor(command.get(0))
        .ifPresent(dir -> builder.environment().put("LD_LIBRARY_PATH", dir));
    return new ToolProcess(builder.start());
  }

  OutputStream stdin() {
    return process.getOutputStream();
  }

  InputStream stdout() {
    return process.getInputStream();
  }

  long pid() {
    return process.pid();
  }

  /**
   * Waits for the process to exit.
   *
   * @return the exit code, or empty when it did not exit in time (it is then killed)
   */
  java.util.OptionalInt await(long timeoutMillis) throws InterruptedException {
    if (!process.waitFor(Math.max(1, timeoutMillis), TimeUnit.MILLISECONDS)) {
      kill();
      return java.util.OptionalInt.empty();
    }
    drainer.join(2000);
    return java.util.OptionalInt.of(process.exitValue());
  }

  /** The last part of what the process wrote to stderr. */
  String stderrTail() {
    synchronized (stderr) {
      return stderr.toString().strip();
    }
  }

  void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  private void drain() {
    byte[] buf = new byte[4096];
    try (InputStream in = process.getErrorStream()) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        synchronized (stderr) {
          stderr.append(new String(buf, 0, n, StandardCharsets.UTF_8));
          if (stderr.length() > 2 * TAIL_CHARS) {
            stderr.delete(0, stderr.length() - TAIL_CHARS);
          }
        }
      }
    } catch (IOException e) {
      // the process went away; what was read is kept
    }
  }
}
