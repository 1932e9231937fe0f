package io.recpipe.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.recpipe.common.files.PartialFiles;
import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.Job;
import io.recpipe.common.job.JobState;
import io.recpipe.common.session.SessionId;
import io.recpipe.converter.testing.Ffprobe;
import io.recpipe.converter.testing.TestRecordings;
import io.recpipe.encoder.support.EmpowerIdStub;
import io.recpipe.encoder.support.StandInGuacenc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The encoder as a separate JVM, killed ({@code kill -9}) in the middle of a conversion and started
 * again with the same settings: it is the same replica (its name kept in its data directory), ends
 * the guacenc its dead life left running, takes its job back at once (the lease is far longer than
 * the test's wait), removes the partial output and converts the recording exactly once more (one
 * MP4, attempts 2).
 */
class EncoderCrashTest {

  static final String ID = "crash-session";

  @TempDir Path root;
  private final EmpowerIdStub empowerId = new EmpowerIdStub();
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stop() throws IOException {
    started.forEach(EncoderCrashTest::killTree);
    empowerId.close();
    for (String name : List.of("first.log", "second.log")) {
      Path log = root.resolve(name);
      if (Files.exists(log)) {
        // Kept in the test's output file (target/surefire-reports) for when this test fails.
        System.out.println("---- " + name + "\n" + Files.readString(log));
      }
    }
  }

  @Test
  void aJobWhoseEncoderDiedIsCompletedExactlyOnceByTheNextOne() throws Exception {
    Path recordings = Files.createDirectories(root.resolve("recordings"));
    Path output = Files.createDirectories(root.resolve("output"));
    Path source = TestRecordings.copy("ssh-1-1024x768", recordings.resolve(ID + ".guac"));
    empowerId.sessions(Map.of(ID, "Recorded"));
    Path hangBin = root.resolve("bin-hang");
    Path hanging = StandInGuacenc.install(StandInGuacenc.HANG, hangBin);
    Path working = StandInGuacenc.install(StandInGuacenc.WORKING, root.resolve("bin"));

    Process first = start("first", hanging);
    await("guacenc started by the first encoder")
        .atMost(Duration.ofSeconds(180))
        .until(() -> Files.exists(StandInGuacenc.hangPidFile(hangBin)));
    long guacencPid = Long.parseLong(Files.readString(StandInGuacenc.hangPidFile(hangBin)).trim());
    assertThat(partialOutput(output)).as("the conversion is under way").isNotEmpty();
    String instance = Files.readString(root.resolve("data/instance-id")).trim();
    first.destroyForcibly(); // kill -9 of the JVM alone: its guacenc lives on, orphaned
    first.waitFor();
    assertThat(ProcessHandle.of(guacencPid).map(ProcessHandle::isAlive))
        .as("the killed JVM's guacenc outlives it")
        .contains(true);
    assertThat(partialOutput(output)).as("the crash left partial output").isNotEmpty();

    // The lease is 10 minutes: only taking back its own work at start-up finishes this in time.
    Process second = start("second", working);
    await("the MP4 published and Processed sent by the restarted encoder")
        .atMost(Duration.ofSeconds(180))
        .until(() -> empowerId.statusesSent(ID).contains("Processed") && Files.notExists(source));
    second.destroy();
    second.waitFor();

    assertThat(Files.readString(root.resolve("data/instance-id")).trim())
        .as("the same replica after the restart")
        .isEqualTo(instance);
    await("the orphaned guacenc ended at start-up")
        .atMost(Duration.ofSeconds(30))
        .until(() -> gone(guacencPid));
    assertThat(empowerId.statusesSent(ID)).containsExactly("Processing", "Processing", "Processed");
    try (var files = Files.list(output)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(ID + ".mp4");
    }
    assertThat(Ffprobe.probe(output.resolve(ID + ".mp4")).codec()).isEqualTo("h264");
    Job job = jobStore().find(SessionId.of(ID)).orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.DONE);
    assertThat(job.owner()).as("claimed under its stable name both times").isEqualTo(instance);
    assertThat(job.attempts()).as("the killed attempt counts").isEqualTo(2);
    String secondLog = Files.readString(root.resolve("second.log"));
    assertThat(secondLog)
        .contains("Own jobs taken back at start-up. table: encoder_job, owner: " + instance)
        .contains("Orphan child process killed. instance: " + instance)
        .contains("Job reclaimed after its owner stopped; partial output removed. session: " + ID);
  }

  @Test
  void sigtermStopsTheConversionAndPutsTheJobBackWithoutUsingAnAttempt() throws Exception {
    Path recordings = Files.createDirectories(root.resolve("recordings"));
    Path output = Files.createDirectories(root.resolve("output"));
    TestRecordings.copy("ssh-1-1024x768", recordings.resolve(ID + ".guac"));
    empowerId.sessions(Map.of(ID, "Recorded"));
    Path hangBin = root.resolve("bin-hang");
    Path hanging = StandInGuacenc.install(StandInGuacenc.HANG, hangBin);

    Process encoder = start("first", hanging, Map.of("encoder.shutdown-grace", "2s"));
    await("guacenc started")
        .atMost(Duration.ofSeconds(180))
        .until(() -> Files.exists(StandInGuacenc.hangPidFile(hangBin)));
    long guacencPid = Long.parseLong(Files.readString(StandInGuacenc.hangPidFile(hangBin)).trim());
    encoder.destroy(); // SIGTERM, as docker stop and Kubernetes send it
    assertThat(encoder.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    Job job = jobStore().find(SessionId.of(ID)).orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.WAITING);
    assertThat(job.waitReason()).isEqualTo(io.recpipe.common.job.WaitReason.SHUTDOWN);
    assertThat(job.attempts()).as("a shutdown is not the recording's failure").isZero();
    await("guacenc's children stopped with the service")
        .atMost(Duration.ofSeconds(30))
        .until(() -> gone(guacencPid));
    assertThat(partialOutput(output)).as("no partial output left").isEmpty();
    assertThat(Files.readString(root.resolve("first.log")))
        .contains("Stopping: work still running after the grace period");
  }

  /**
   * Whether a process has ended: gone, or a zombie its new parent has not reaped yet (a killed
   * orphan is re-parented, and in a container the reaper may be slow).
   */
  private static boolean gone(long pid) {
    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
      } catch (IOException e) {
        return true;
      }
    }
    return true;
  }

  private Process start(String name, Path guacenc) throws IOException {
    return start(name, guacenc, Map.of());
  }

  private Process start(String name, Path guacenc, Map<String, String> extra) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(EncoderApplication.class.getName());
    var all = new java.util.LinkedHashMap<>(settings(guacenc));
    all.putAll(extra);
    for (var setting : all.entrySet()) {
      command.add("--" + setting.getKey() + "=" + setting.getValue());
    }
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(root.resolve(name + ".log").toFile())
            .start();
    started.add(process);
    return process;
  }

  private Map<String, String> settings(Path guacenc) {
    return Map.ofEntries(
        Map.entry("spring.main.web-application-type", "none"),
        Map.entry("spring.main.keep-alive", "true"),
        Map.entry("encoder.recordings-dir", root.resolve("recordings").toString()),
        Map.entry("encoder.output-dir", root.resolve("output").toString()),
        Map.entry("encoder.data-dir", root.resolve("data").toString()),
        Map.entry("encoder.converter", "guacenc"),
        Map.entry("encoder.guacenc.path", guacenc.toString()),
        Map.entry("encoder.guacenc.preset", "ultrafast"),
        Map.entry("encoder.lease", "10m"),
        Map.entry("encoder.scan.initial-delay", "0s"),
        Map.entry("encoder.scan.interval", "300ms"),
        Map.entry("encoder.scan.stable-check", "0s"),
        Map.entry("encoder.process.initial-delay", "0s"),
        Map.entry("encoder.process.interval", "300ms"),
        Map.entry("empowerid.base-url", empowerId.baseUrl()),
        Map.entry("empowerid.api-key", "test-api-key"),
        Map.entry("empowerid.client-id", "encoder-test"),
        Map.entry("empowerid.client-secret", "test-secret"));
  }

  private JdbcJobStore jobStore() {
    var dataSource =
        new SimpleDriverDataSource(
            new org.h2.Driver(), "jdbc:h2:file:" + root.resolve("data/encoder"), "sa", "");
    return new JdbcJobStore(dataSource, "encoder_job");
  }

  private static List<Path> partialOutput(Path output) throws IOException {
    try (var files = Files.list(output)) {
      return files
          .filter(p -> PartialFiles.isPartialOf(p.getFileName().toString(), ID + ".mp4"))
          .toList();
    }
  }

  private static void killTree(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
