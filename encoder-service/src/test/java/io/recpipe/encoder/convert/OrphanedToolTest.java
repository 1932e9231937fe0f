package io.recpipe.encoder.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.common.process.ChildProcesses;
import io.recpipe.converter.ToolProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A JVM that started a tool through {@link ToolProcess} is killed with {@code kill -9}: the tool
 * lives on, carrying the JVM's instance tag, and {@link ChildProcesses#killOrphans} ends it.
 */
class OrphanedToolTest {

  private Process parentJvm;
  private long toolPid = -1;

  @AfterEach
  void cleanUp() {
    if (parentJvm != null) {
      parentJvm.destroyForcibly();
    }
    ProcessHandle.of(toolPid).ifPresent(ProcessHandle::destroyForcibly);
  }

  @Test
  void aToolLeftByAKilledJvmIsFoundByItsTagAndKilled() throws Exception {
    String instance = "encoder-" + UUID.randomUUID();
    parentJvm =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                ToolStarter.class.getName(),
                instance)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    var out =
        new BufferedReader(
            new InputStreamReader(parentJvm.getInputStream(), StandardCharsets.UTF_8));
    toolPid = Long.parseLong(out.readLine().strip());

    parentJvm.destroyForcibly(); // SIGKILL: the JVM cannot end its children
    assertThat(parentJvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(alive(toolPid)).as("the tool outlives the killed JVM").isTrue();

    assertThat(ChildProcesses.killOrphans(instance)).isEqualTo(1);

    assertThat(alive(toolPid)).isFalse();
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** The killed JVM: tags its children, starts {@code sleep 300} as a tool, prints its pid. */
  public static final class ToolStarter {
    public static void main(String[] args) throws Exception {
      // As the encoder does: the instance's tag goes to every child in FfmpegTools' variables.
      ChildProcesses.tagWith(args[0]);
      ToolProcess tool =
          ToolProcess.start(List.of("sleep", "300"), Map.of(ChildProcesses.TAG, args[0]));
      System.out.println(tool.pid());
      System.out.flush();
      Thread.sleep(TimeUnit.MINUTES.toMillis(5));
    }
  }
}
