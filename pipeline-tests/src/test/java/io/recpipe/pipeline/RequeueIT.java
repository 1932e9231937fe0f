package io.recpipe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.uploader.testing.LocalServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An operator's repair, end to end: the encoder's ffmpeg fails for one session (a wrapper script
 * that exits 1 while a flag file names the session) until it ends {@code ProcessingFailed} after
 * its attempts; the operator removes the cause and requeues the job through the admin API with the
 * token; the session ends {@code Uploaded} and its video is in the store. The admin summary and the
 * job's timeline are checked before and after, and the consoles of both services are photographed
 * with the failure on them (target/console/, and {@code -Dscreenshot.dir=DIR}).
 */
class RequeueIT {

  private static final Duration START_LIMIT = Duration.ofMinutes(3);
  private static final Duration PIPELINE_LIMIT = Duration.ofMinutes(6);
  private static final String BROKEN = "ssh-1-requeued";
  private static final String BROKEN_MESSAGE = "ffmpeg: codec library missing (flag file)";

  private final List<JavaService> services = Collections.synchronizedList(new ArrayList<>());
  private Path work;
  private boolean passed;

  @AfterEach
  void stop() throws IOException {
    List<JavaService> toStop = new ArrayList<>(services);
    Collections.reverse(toStop);
    toStop.forEach(JavaService::close);
    WorkDirs.removeOrKeep(work, passed, "Requeue");
  }

  @Test
  void aJobFailedForARemovedCauseIsRequeuedThroughTheAdminApiAndEndsUploaded() throws Exception {
    work = Files.createTempDirectory("recpipe-requeue-");
    Path recordings = Files.createDirectories(work.resolve("session_files"));
    Path mp4s = Files.createDirectories(work.resolve("recording"));
    Path store = Files.createDirectories(work.resolve("store"));
    Path flags = Files.createDirectories(work.resolve("broken"));
    Path logs = work.resolve("logs");
    Path ffmpeg = brokenFfmpeg(work.resolve("bin"), flags);

    Simulator simulator = new Simulator(service("simulator", logs, Map.of(), List.of()));
    Map<String, String> empowerId = simulator.clientEnvironment();
    JavaService encoder =
        service(
            "encoder",
            logs,
            empowerId,
            List.of(
                "--encoder.recordings-dir=" + recordings,
                "--encoder.output-dir=" + mp4s,
                "--encoder.data-dir=" + work.resolve("encoder"),
                "--encoder.min-free-disk=1MB",
                "--encoder.ffmpeg.path=" + ffmpeg,
                "--encoder.scan.interval=1s",
                "--encoder.scan.initial-delay=1s",
                "--encoder.scan.stable-check=500ms",
                "--encoder.process.interval=1s",
                "--encoder.process.initial-delay=1s",
                "--encoder.process.max-attempts=2",
                "--encoder.process.retry-delay=1s"));
    JavaService uploader =
        service(
            "uploader",
            logs,
            empowerId,
            List.of(
                "--uploader.recordings-dir=" + mp4s,
                "--uploader.data-dir=" + work.resolve("uploader"),
                "--uploader.min-free-disk=1MB",
                "--uploader.scan.interval=1s",
                "--uploader.scan.initial-delay=1s",
                "--uploader.scan.quiet-period=2s",
                "--uploader.upload.interval=1s",
                "--uploader.upload.initial-delay=1s",
                "--uploader.routes.all-to-file=true",
                "--uploader.store.file.root=" + store));
    simulator.service().awaitHealthy("/actuator/health", START_LIMIT);
    encoder.awaitHealthy("/actuator/health/liveness", START_LIMIT);
    uploader.awaitHealthy("/actuator/health/liveness", START_LIMIT);
    Management encoderAdmin = Management.of(encoder, work.resolve("encoder/admin-token"));
    Management uploaderAdmin = Management.of(uploader, work.resolve("uploader/admin-token"));

    // Two sessions that go through, and one whose conversion fails until its flag is removed.
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("ssh-1-1024x768", "ssh-1-1024x768.guac");
    sources.put(Simulator.VNC, Simulator.VNC + ".guac");
    sources.put(BROKEN, "ssh-1-1024x768.guac");
    Files.writeString(flags.resolve(BROKEN), BROKEN_MESSAGE);
    simulator.feed("File", sources, recordings, work.resolve("incoming"));
    List<String> good = sources.keySet().stream().filter(id -> !id.equals(BROKEN)).toList();

    simulator.await(
        "the good sessions Uploaded and " + BROKEN + " ProcessingFailed",
        statuses -> {
          good.forEach(id -> assertThat(statuses.get(id)).as(id).doesNotEndWith("Failed"));
          assertThat(statuses.get(BROKEN)).isNotEqualTo("Uploaded");
          return good.stream().allMatch(id -> statuses.get(id).equals("Uploaded"))
              && statuses.get(BROKEN).equals("ProcessingFailed");
        },
        PIPELINE_LIMIT,
        services);

    JsonNode before = encoderAdmin.json("/admin/summary");
    assertThat(Management.count(before, "DONE")).as("encoder DONE before: %s", before).isEqualTo(2);
    assertThat(Management.count(before, "FAILED")).as("encoder FAILED before").isEqualTo(1);
    assertThat(Management.count(uploaderAdmin.json("/admin/summary"), "DONE")).isEqualTo(2);
    JsonNode failed = encoderAdmin.json("/admin/jobs?state=FAILED");
    assertThat(failed.path("total").asLong()).isEqualTo(1);
    assertThat(failed.path("jobs").get(0).path("session").asString()).isEqualTo(BROKEN);
    assertThat(failed.path("jobs").get(0).path("lastError").asString()).contains(BROKEN_MESSAGE);
    assertThat(outcomes(encoderAdmin.json("/admin/jobs/" + BROKEN)))
        .containsExactly("RETRY_WAIT", "FAILED");

    ConsoleShots.take(encoderAdmin, uploaderAdmin, BROKEN, good);

    // The operator's repair: the cause goes, then the job is requeued over HTTP with the token.
    Files.delete(flags.resolve(BROKEN));
    HttpResponse<String> requeued = encoderAdmin.post("/admin/jobs/" + BROKEN + "/requeue");
    assertThat(requeued.statusCode()).as("requeue: %s", requeued.body()).isEqualTo(200);
    assertThat(Management.parse(requeued.body()).path("requeued").asInt()).isEqualTo(1);
    assertThat(Management.count(encoderAdmin.json("/admin/summary"), "FAILED"))
        .as("FAILED right after the requeue")
        .isZero();

    Map<String, String> end =
        simulator.await(
            BROKEN + " Uploaded",
            statuses -> statuses.get(BROKEN).equals("Uploaded"),
            PIPELINE_LIMIT,
            services);
    assertThat(end.values()).containsOnly("Uploaded");

    try (Stream<Path> files = Files.walk(store)) {
      List<Path> stored = files.filter(p -> p.endsWith(BROKEN + ".mp4")).toList();
      assertThat(stored).as("stored videos of %s", BROKEN).hasSize(1);
      assertThat(Files.size(stored.get(0))).isPositive();
    }
    JsonNode after = encoderAdmin.json("/admin/summary");
    assertThat(Management.count(after, "DONE")).as("encoder DONE after: %s", after).isEqualTo(3);
    assertThat(Management.count(after, "FAILED")).isZero();
    assertThat(Management.count(uploaderAdmin.json("/admin/summary"), "DONE")).isEqualTo(3);

    JsonNode timeline = encoderAdmin.json("/admin/jobs/" + BROKEN);
    assertThat(outcomes(timeline)).containsExactly("RETRY_WAIT", "FAILED", "DONE");
    List<String> kinds = new ArrayList<>();
    timeline.path("events").forEach(e -> kinds.add(e.path("kind").asString()));
    assertThat(kinds).containsSubsequence("SETTLED", "SETTLED", "REQUEUED", "CLAIMED", "SETTLED");
    JsonNode attempts = timeline.path("attempts");
    for (int i = 0; i < 2; i++) {
      assertThat(attempts.get(i).path("error").asString())
          .as("error of failed attempt %d", i + 1)
          .contains(BROKEN_MESSAGE);
    }
    List<String> words = new ArrayList<>();
    attempts.forEach(a -> a.path("words").forEach(w -> words.add(w.path("word").asString())));
    assertThat(words).containsSubsequence("PROCESSING_FAILED", "PROCESSING", "PROCESSED");
    assertThat(simulator.history(BROKEN))
        .containsSubsequence("Processing", "ProcessingFailed", "Processed", "Uploaded");
    passed = true;
  }

  /** Each attempt's outcome in a timeline, oldest first. */
  private static List<String> outcomes(JsonNode timeline) {
    List<String> outcomes = new ArrayList<>();
    timeline.path("attempts").forEach(a -> outcomes.add(a.path("outcome").asString()));
    return outcomes;
  }

  /**
   * An ffmpeg that fails (exit 1, the flag file's text on stderr) while {@code flags} holds a file
   * named after the session it writes (its last argument is {@code .<session>.mp4...part}), and
   * otherwise runs the real one.
   */
  static Path brokenFfmpeg(Path dir, Path flags) throws IOException {
    String real =
        Stream.of(System.getenv("PATH").split(":"))
            .map(p -> Path.of(p, "ffmpeg"))
            .filter(Files::isExecutable)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no ffmpeg on PATH"))
            .toString();
    Path script = Files.createDirectories(dir).resolve("ffmpeg");
    Files.writeString(
        script,
        String.join(
            "\n",
            "#!/bin/bash",
            "out=$(basename -- \"${@: -1}\")",
            "out=${out#.}",
            "flag='" + flags + "'/\"${out%%.mp4*}\"",
            "if [ -f \"$flag\" ]; then cat \"$flag\" >&2; echo >&2; exit 1; fi",
            "exec '" + real + "' \"$@\"",
            ""));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  private JavaService service(String kind, Path logs, Map<String, String> env, List<String> args) {
    Path jar = Path.of(System.getProperty("recpipe.jar." + kind, "missing-" + kind + ".jar"));
    JavaService service = JavaService.start(kind, jar, LocalServer.freePort(), logs, env, args);
    services.add(service);
    return service;
  }
}
