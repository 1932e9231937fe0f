package io.recpipe.common.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real processes: shells whose {@code sleep} children are orphaned by {@code kill -9}. */
class ChildProcessesTest {

  private final List<Long> sleepers = new ArrayList<>();
  private final List<Process> parents = new ArrayList<>();

  @AfterEach
  void killWhatIsLeft() {
    sleepers.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    parents.forEach(Process::destroyForcibly);
  }

  @Test
  void killsTheTaggedChildrenOfAKilledParentAndLeavesAnotherInstancesAlone() throws Exception {
    String mine = "encoder-" + UUID.randomUUID();
    String other = "encoder-" + UUID.randomUUID();
    ChildProcesses.tagWith(mine);
    long orphan = sleepUnder(ChildProcesses.tag(shell()));
    ProcessBuilder foreignParent = shell();
    foreignParent.environment().put(ChildProcesses.TAG, other);
    long foreign = sleepUnder(foreignParent);
    killParents();
    assertThat(alive(orphan)).as("kill -9 of its parent leaves the child running").isTrue();

    int killed = ChildProcesses.killOrphans(mine);

    assertThat(killed).isEqualTo(1);
    assertThat(alive(orphan)).isFalse();
    assertThat(alive(foreign)).as("another instance's child").isTrue();
    assertThat(ChildProcesses.killOrphans(mine)).isZero();
  }

  @Test
  void leavesTheChildrenOfThisJvmAlone() throws Exception {
    String mine = "encoder-" + UUID.randomUUID();
    ChildProcesses.tagWith(mine);
    long grandchild = sleepUnder(ChildProcesses.tag(shell()));

    assertThat(ChildProcesses.killOrphans(mine)).isZero();

    assertThat(alive(grandchild)).isTrue();
    assertThat(parents.get(0).isAlive()).isTrue();
  }

  @Test
  void aTaggedChildCarriesTheNameInItsEnvironment() throws Exception {
    String mine = "encoder-" + UUID.randomUUID();
    ChildProcesses.tagWith(mine);
    long child = sleepUnder(ChildProcesses.tag(shell()));

    assertThat(ChildProcesses.tagOf(child)).contains(mine);
    assertThat(ChildProcesses.tagOf(ProcessHandle.current().pid())).isNotEqualTo(Optional.of(mine));
  }

  @Test
  void aChildGetsPathHomeLangAndTheTagAndNothingElseOfThisJvm() throws Exception {
    // The build sets RECPIPE_TEST_SECRET for the tests (surefire environmentVariables).
    assertThat(System.getenv()).containsKeys("RECPIPE_TEST_SECRET", "PATH");
    String mine = "encoder-" + UUID.randomUUID();
    ChildProcesses.tagWith(mine);

    ProcessBuilder builder =
        ChildProcesses.builder(List.of("sh", "-c", "sleep 300 & echo $!; wait"));
    assertThat(builder.environment().keySet())
        .contains("PATH")
        .isSubsetOf("PATH", "HOME", "LANG", ChildProcesses.TAG);
    long child = sleepUnder(builder);

    var environ = environmentOf(ProcessHandle.of(child).orElseThrow().parent().orElseThrow().pid());
    assertThat(environ.keySet()).isSubsetOf("PATH", "HOME", "LANG", ChildProcesses.TAG);
    assertThat(environ).containsEntry(ChildProcesses.TAG, mine);
    assertThat(environ.get("PATH")).isEqualTo(System.getenv("PATH"));
    assertThat(environ).doesNotContainKeys("RECPIPE_TEST_SECRET", "JAVA_HOME");
  }

  /** A live process's environment as it was started, from {@code /proc/<pid>/environ}. */
  static java.util.Map<String, String> environmentOf(long pid) throws java.io.IOException {
    String raw =
        java.nio.file.Files.readString(
            java.nio.file.Path.of("/proc", Long.toString(pid), "environ"), StandardCharsets.UTF_8);
    var variables = new java.util.LinkedHashMap<String, String>();
    for (String entry : raw.split("\0")) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        variables.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    return variables;
  }

  @Test
  void refusesAnUnsafeName() {
    assertThatThrownBy(() -> ChildProcesses.tagWith("a b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChildProcesses.tagWith(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ProcessBuilder shell() {
    return new ProcessBuilder("sh", "-c", "sleep 300 & echo $!; wait")
        .redirectError(ProcessBuilder.Redirect.DISCARD);
  }

  /** Starts the shell, which starts {@code sleep 300}; returns the sleep's pid. */
  private long sleepUnder(ProcessBuilder shell) throws Exception {
    Process parent = shell.start();
    parents.add(parent);
    var out =
        new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
    long pid = Long.parseLong(out.readLine().strip());
    sleepers.add(pid);
    // Until the fork has become sleep: mid-exec, /proc/<pid>/environ reads empty.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid + "", "comm"))
            .strip()
            .equals("sleep")
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return pid;
  }

  private void killParents() throws Exception {
    for (Process parent : parents) {
      parent.destroyForcibly(); // SIGKILL: the shell cannot pass it on to its child
      assertThat(parent.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
