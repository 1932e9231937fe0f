package io.recpipe.converter;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A child process (guacenc, ffmpeg, ffprobe) started from an argument array (never a shell), whose
 * diagnostic output is drained on its own thread into a bounded tail kept for error messages, and
 * which is killed with its whole process tree on time-out or when the waiting thread is
 * interrupted. Every child starts with a minimal environment (PATH, HOME, LANG: no secret of this
 * JVM), plus the variables the caller passes: the encoder tags every child with its instance name
 * there ({@link FfmpegTools#environment()}), so that a restarted instance can kill the ones a
 * killed JVM left running.
 */
public final class ToolProcess implements AutoCloseable {

  private static final int TAIL_CHARS = 8000;
  private static final long EXIT_WAIT_MILLIS = 5_000;

  /** What a finished {@link #run} left: the exit code and the last part of stdout and stderr. */
  public record Result(int exitCode, String output) {}

  private final Process process;
  private final StringBuilder tail = new StringBuilder();
  private final Thread drainer;

  private ToolProcess(Process process, InputStream drained) {
    this.process = process;
    this.drainer = new Thread(() -> drain(drained), "tool-output-" + process.pid());
    drainer.setDaemon(true);
    drainer.start();
  }

  /**
   * Starts a process whose stdin and stdout the caller uses; stderr is drained into the tail.
   *
   * @param environment variables added to the minimal environment (PATH, HOME, LANG)
   */
  public static ToolProcess start(List<String> command, Map<String, String> environment)
      throws IOException {
    ProcessBuilder builder = minimal(command);
    builder.environment().putAll(environment);
    Process process = builder.start();
    return new ToolProcess(process, process.getErrorStream());
  }

  /**
   * Runs a process to its end in {@code workDir}, stdin empty, stdout and stderr merged into the
   * tail.
   *
   * @throws ConversionException (transient) when it cannot start, times out or is interrupted; it
   *     is then killed with its children
   */
  public static Result run(List<String> command, Path workDir, Duration timeout) {
    return run(command, Map.of(), workDir, timeout);
  }

  /** As {@link #run(List, Path, Duration)}, with variables added to the minimal environment. */
  public static Result run(
      List<String> command, Map<String, String> environment, Path workDir, Duration timeout) {
    if (Thread.currentThread().isInterrupted()) {
      throw new ConversionException(command.get(0) + " not started: interrupted", false);
    }
    Process process;
    try {
      ProcessBuilder builder =
          minimal(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().putAll(environment);
      process = builder.start();
    } catch (IOException e) {
      throw new ConversionException(
          "Could not start " + command.get(0) + ": " + e.getMessage(), false, e);
    }
    try (ToolProcess tool = new ToolProcess(process, process.getInputStream())) {
      OptionalInt code;
      try {
        code = tool.await(timeout.toMillis());
      } catch (InterruptedException e) {
        tool.kill();
        Thread.currentThread().interrupt();
        throw new ConversionException(command.get(0) + " was interrupted and killed", false, e);
      }
      if (code.isEmpty()) {
        throw new ConversionException(
            "%s timed out after %s and was killed".formatted(command.get(0), timeout), false);
      }
      synchronized (tool.tail) {
        return new Result(code.getAsInt(), tool.tail.toString());
      }
    }
  }

  /** The last 500 characters of a tool's output, for error messages. */
  public static String last(String output) {
    String trimmed = output.strip();
    return trimmed.length() <= 500 ? trimmed : "…" + trimmed.substring(trimmed.length() - 500);
  }

  public OutputStream stdin() {
    return process.getOutputStream();
  }

  public InputStream stdout() {
    return process.getInputStream();
  }

  public long pid() {
    return process.pid();
  }

  /**
   * Waits for the process to exit.
   *
   * @return the exit code, or empty when it did not exit in time (it is then killed)
   */
  public OptionalInt await(long timeoutMillis) throws InterruptedException {
    if (!process.waitFor(Math.max(1, timeoutMillis), TimeUnit.MILLISECONDS)) {
      kill();
      return OptionalInt.empty();
    }
    drainer.join(5_000);
    return OptionalInt.of(process.exitValue());
  }

  /** The last part of what the process wrote to stderr. */
  public String stderrTail() {
    synchronized (tail) {
      return tail.toString().strip();
    }
  }

  /**
   * Kills the process and all its descendants, and waits a little for the process to exit, so that
   * it no longer writes when its output is removed. Keeps the caller's interrupt flag.
   */
  public void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    boolean interrupted = Thread.interrupted();
    try {
      process.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      interrupted = true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  private void drain(InputStream drained) {
    byte[] buf = new byte[8192];
    try (InputStream in = drained) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        synchronized (tail) {
          tail.append(new String(buf, 0, n, StandardCharsets.UTF_8));
          if (tail.length() > 2 * TAIL_CHARS) {
            tail.delete(0, tail.length() - TAIL_CHARS);
          }
        }
      }
    } catch (IOException e) {
      // the process went away; what was read is kept
    }
  }

  /**
   * The variables a child inherits from this JVM; everything else (secrets included) stays here.
   */
  static final Set<String> INHERITED = Set.of("PATH", "HOME", "LANG");

  private static ProcessBuilder minimal(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().retainAll(INHERITED);
    return builder;
  }
}
