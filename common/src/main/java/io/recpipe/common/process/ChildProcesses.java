package io.recpipe.common.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Child processes (ffmpeg, guacenc, ffprobe) start with a minimal environment ({@link #builder})
 * and carry the name of the instance that started them in the variable {@value #TAG}, so that a
 * restarted instance finds and ends the ones its killed JVM left behind: {@code kill -9} ends the
 * JVM but not its children, which would otherwise go on writing partial files and using the CPU of
 * the replica that replaced it.
 *
 * <p>The name is set once per JVM by {@link #tagWith} and read when each child starts. A JVM-wide
 * value rather than a constructor argument because it is a property of the process, like its pid:
 * one replica is one JVM, and children are started deep inside static helpers (tool runs, probes)
 * of both converters, which would otherwise all need it passed down. Two services started in one
 * test JVM share the last value set, which is harmless: {@link #killOrphans} never touches a
 * descendant of the running JVM.
 */
public final class ChildProcesses {

  /** The environment variable naming the instance that started a child process. */
  public static final String TAG = "RECPIPE_PARENT_INSTANCE";

  private static final Logger log = LoggerFactory.getLogger(ChildProcesses.class);
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final byte[] TAG_PREFIX = (TAG + "=").getBytes(StandardCharsets.UTF_8);
  private static final long EXIT_WAIT_MILLIS = 5_000;

  private static volatile String instance;

  private ChildProcesses() {}

  /** Sets the name every child started from now on carries; called once at start-up. */
  public static void tagWith(String instanceName) {
    if (instanceName == null || !SAFE.matcher(instanceName).matches()) {
      throw new IllegalArgumentException("Unsafe instance name for a tag: " + instanceName);
    }
    instance = instanceName;
  }

  /** The name children are tagged with, when {@link #tagWith} was called. */
  public static Optional<String> tag() {
    return Optional.ofNullable(instance);
  }

  /**
   * The only variables a child takes from this JVM's environment. Everything else stays in the JVM:
   * secrets given as environment variables (EmpowerID's client secret, store keys) must not reach
   * ffmpeg or guacenc, whose environment any process of the same user can read.
   */
  public static final Set<String> INHERITED = Set.of("PATH", "HOME", "LANG");

  /**
   * A builder for a child process: the environment cut down to {@link #INHERITED} (those this JVM
   * has), plus the tag. A caller adds what its tool needs on top (e.g. {@code LD_LIBRARY_PATH}).
   */
  public static ProcessBuilder builder(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().retainAll(INHERITED);
    return tag(builder);
  }

  /** Adds the tag to {@code builder}'s environment (nothing when no name was set). */
  public static ProcessBuilder tag(ProcessBuilder builder) {
    String name = instance;
    if (name != null) {
      builder.environment().put(TAG, name);
    }
    return builder;
  }

  /**
   * Kills every live process tagged with {@code instanceName} that is not a descendant of this JVM
   * (so its starter is gone) nor one of its ancestors, with all its descendants, and waits briefly
   * for each to exit. Processes whose environment cannot be read (another user's) are skipped.
   *
   * @return how many processes were killed
   */
  public static int killOrphans(String instanceName) {
    ProcessHandle self = ProcessHandle.current();
    Map<Long, ProcessHandle> doomed = new LinkedHashMap<>();
    ProcessHandle.allProcesses()
        .filter(p -> p.pid() != self.pid())
        .filter(p -> instanceName.equals(tagOf(p.pid()).orElse(null)))
        .filter(p -> !descendsFrom(p, self) && !descendsFrom(self, p))
        .forEach(
            orphan -> {
              doomed.putIfAbsent(orphan.pid(), orphan);
              orphan.descendants().forEach(d -> doomed.putIfAbsent(d.pid(), d));
            });
    List<ProcessHandle> killed = new ArrayList<>();
    for (ProcessHandle p : doomed.values()) {
      String command = commandOf(p);
      if (p.destroyForcibly()) {
        killed.add(p);
        log.warn(
            "Orphan child process killed. instance: {}, pid: {}, command: {}",
            instanceName,
            p.pid(),
            command);
      }
    }
    awaitExit(killed);
    return killed.size();
  }

  /** The tag in a process's environment, if it has one and it can be read. */
  static Optional<String> tagOf(long pid) {
    byte[] environ;
    try {
      environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
    int start = 0;
    for (int i = 0; i <= environ.length; i++) {
      if (i == environ.length || environ[i] == 0) {
        if (startsWithTag(environ, start, i)) {
          int from = start + TAG_PREFIX.length;
          return Optional.of(new String(environ, from, i - from, StandardCharsets.UTF_8));
        }
        start = i + 1;
      }
    }
    return Optional.empty();
  }

  private static boolean startsWithTag(byte[] environ, int start, int end) {
    if (end - start < TAG_PREFIX.length) {
      return false;
    }
    for (int k = 0; k < TAG_PREFIX.length; k++) {
      if (environ[start + k] != TAG_PREFIX[k]) {
        return false;
      }
    }
    return true;
  }

  private static boolean descendsFrom(ProcessHandle process, ProcessHandle ancestor) {
    Optional<ProcessHandle> parent = process.parent();
    for (int depth = 0; parent.isPresent() && depth < 1000; depth++) {
      if (parent.get().pid() == ancestor.pid()) {
        return true;
      }
      parent = parent.get().parent();
    }
    return false;
  }

  private static String commandOf(ProcessHandle p) {
    ProcessHandle.Info info = p.info();
    return info.commandLine().or(info::command).orElse("?");
  }

  private static void awaitExit(List<ProcessHandle> killed) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EXIT_WAIT_MILLIS);
    for (ProcessHandle p : killed) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        p.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        log.warn("Killed orphan process has not exited yet. pid: {}", p.pid());
      }
    }
  }
}
