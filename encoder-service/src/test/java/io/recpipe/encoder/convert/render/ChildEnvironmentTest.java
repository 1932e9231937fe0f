package io.recpipe.encoder.convert.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.recpipe.common.files.PartialFiles;
import io.recpipe.common.process.ChildProcesses;
import io.recpipe.converter.FfmpegTools;
import io.recpipe.converter.ToolProcess;
import io.recpipe.converter.testing.TestRecordings;
import io.recpipe.encoder.convert.guacenc.GuacencConverter;
import io.recpipe.encoder.convert.guacenc.GuacencSettings;
import io.recpipe.encoder.support.StandInGuacenc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tools a conversion starts see none of the service's environment but PATH, HOME and LANG (and
 * the instance tag): read from {@code /proc/<pid>/environ} of the live ffmpeg of the native
 * converter and of a running guacenc. The build puts {@code RECPIPE_TEST_SECRET} into the test
 * JVM's environment, as a secret given to the service would be.
 */
class ChildEnvironmentTest {

  private static final String SECRET = "RECPIPE_TEST_SECRET";
  private static final Set<String> ALLOWED =
      Set.of("PATH", "HOME", "LANG", ChildProcesses.TAG, "LD_LIBRARY_PATH");

  @TempDir Path tmp;

  @BeforeEach
  void theTestJvmHoldsTheSecret() {
    assertThat(System.getenv()).as("set by the build (surefire)").containsKey(SECRET);
  }

  @Test
  void theConvertersFfmpegSeesNoSecret() throws Exception {
    String ffmpeg = FfmpegTools.onPath().ffmpegExecutable();
    // The launcher the native converter starts ffmpeg with; ffmpeg waits for frames on its stdin.
    try (ToolProcess process =
        ToolProcess.start(
            List.of(
                ffmpeg,
                "-f",
                "rawvideo",
                "-pix_fmt",
                "rgb24",
                "-s",
                "64x48",
                "-i",
                "-",
                "-y",
                tmp.resolve("out.mp4").toString()),
            Map.of(ChildProcesses.TAG, "enc-env"))) {
      assertThat(ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive)).contains(true);
      Map<String, String> environment = environmentOf(process.pid());

      assertThat(environment.keySet()).isSubsetOf(ALLOWED).doesNotContain(SECRET);
      assertThat(environment).containsEntry(ChildProcesses.TAG, "enc-env");
      assertThat(environment.get("PATH")).isEqualTo(System.getenv("PATH"));
      assertThat(String.join("\n", environment.values())).doesNotContain(System.getenv(SECRET));
    }
  }

  @Test
  void guacencSeesNoSecret() throws Exception {
    Path guacenc = StandInGuacenc.install(StandInGuacenc.HANG, tmp.resolve("bin"));
    var converter =
        new GuacencConverter(
            new GuacencSettings(guacenc.toString(), 2_000_000, Duration.ofMinutes(10), "ultrafast"),
            new FfmpegTools(
                FfmpegTools.onPath().ffmpeg(),
                FfmpegTools.onPath().ffprobe(),
                Map.of(ChildProcesses.TAG, "enc-env")));
    Path guac = TestRecordings.copy("ssh-1-1024x768", tmp.resolve("in/a.guac"));
    Path mp4 =
        PartialFiles.newPartial(Files.createDirectories(tmp.resolve("out")), "a.mp4", "enc-env");
    Thread worker =
        new Thread(
            () -> {
              try {
                converter.convert(guac, mp4);
              } catch (RuntimeException expected) {
                // interrupted below
              }
            });
    worker.start();
    try {
      Path pidFile = StandInGuacenc.hangPidFile(tmp.resolve("bin"));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> Files.exists(pidFile) && Files.size(pidFile) > 0);
      long sleepPid = Long.parseLong(Files.readString(pidFile).strip());
      // The stand-in's own process (bash), as the converter started it.
      long guacencPid = ProcessHandle.of(sleepPid).orElseThrow().parent().orElseThrow().pid();
      Map<String, String> environment = environmentOf(guacencPid);

      assertThat(environment.keySet()).isSubsetOf(ALLOWED).doesNotContain(SECRET);
      assertThat(environment).containsEntry(ChildProcesses.TAG, "enc-env");
    } finally {
      worker.interrupt();
      worker.join(60_000);
    }
  }

  /** A live process's environment as it was started. */
  private static Map<String, String> environmentOf(long pid) throws IOException {
    String raw =
        Files.readString(Path.of("/proc", Long.toString(pid), "environ"), StandardCharsets.UTF_8);
    Map<String, String> variables = new LinkedHashMap<>();
    for (String entry : raw.split("\0")) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        variables.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    return variables;
  }
}
