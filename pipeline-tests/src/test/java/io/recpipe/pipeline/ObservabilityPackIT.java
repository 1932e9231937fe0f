package io.recpipe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.uploader.testing.LocalServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every metric the alert rules and the dashboard under deploy/ use, with the label values they
 * select, is served on /actuator/prometheus by the encoder or the uploader, run from their jars.
 * Counters with tags appear only once something happened, so the services do what the pack watches:
 * a recording converted and stored, a poison recording given up on, and an upload to an S3 endpoint
 * where nothing listens (a store failure).
 */
class ObservabilityPackIT {

  private static final Duration START_LIMIT = Duration.ofMinutes(3);
  private static final Duration SERVED_LIMIT = Duration.ofMinutes(5);
  private static final String TOKEN = "observability-pack-test-token";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final List<JavaService> services = new ArrayList<>();

  private static Path work;
  private static Path recordingsDir;
  private static JavaService simulator;
  private static JavaService encoder;
  private static JavaService uploader;
  private static volatile boolean passed;

  @BeforeAll
  static void start() throws IOException {
    work = Files.createTempDirectory("recpipe-observability-");
    recordingsDir = Files.createDirectories(work.resolve("session_files"));
    Path mp4Dir = Files.createDirectories(work.resolve("recording"));
    Path logs = work.resolve("logs");
    // The management credential once the admin surface guards /actuator/prometheus.
    Path token = Files.writeString(work.resolve("admin-token"), TOKEN + "\n");
    List<String> management = List.of("--recpipe.admin.token-file=" + token);

    simulator = service("simulator", logs, Map.of(), List.of());
    Map<String, String> empowerId =
        Map.of(
            "EMPOWERID_BASE_URL", simulator.baseUrl(),
            "EMPOWERID_API_KEY", "sim-api-key",
            "EMPOWERID_CLIENT_ID", "recpipe",
            "EMPOWERID_CLIENT_SECRET", "sim-client-secret",
            "EMPOWERID_ALLOW_INSECURE_HTTP", "true");
    var encoderArgs =
        new ArrayList<>(
            List.of(
                "--encoder.recordings-dir=" + recordingsDir,
                "--encoder.output-dir=" + mp4Dir,
                "--encoder.data-dir=" + work.resolve("encoder"),
                "--encoder.min-free-disk=1MB",
                "--encoder.scan.interval=1s",
                "--encoder.scan.initial-delay=1s",
                "--encoder.scan.stable-check=500ms",
                "--encoder.process.interval=1s",
                "--encoder.process.initial-delay=1s"));
    encoderArgs.addAll(management);
    encoder = service("encoder", logs, empowerId, encoderArgs);
    var uploaderEnv = new LinkedHashMap<>(empowerId);
    uploaderEnv.put("UPLOADER_STORE_S3_ACCESS_KEY", "test");
    uploaderEnv.put("UPLOADER_STORE_S3_SECRET_KEY", "test");
    var uploaderArgs =
        new ArrayList<>(
            List.of(
                "--uploader.recordings-dir=" + mp4Dir,
                "--uploader.data-dir=" + work.resolve("uploader"),
                "--uploader.min-free-disk=1MB",
                "--uploader.scan.interval=1s",
                "--uploader.scan.initial-delay=1s",
                "--uploader.scan.quiet-period=2s",
                "--uploader.upload.interval=1s",
                "--uploader.upload.initial-delay=1s",
                "--uploader.upload.max-wait-delay=5s",
                "--uploader.store.file.root=" + work.resolve("videos"),
                // Nothing listens there: each upload to S3 fails and is counted.
                "--uploader.store.s3.bucket=recordings",
                "--uploader.store.s3.endpoint=http://127.0.0.1:" + LocalServer.freePort(),
                "--uploader.store.s3.path-style=true"));
    uploaderArgs.addAll(management);
    uploader = service("uploader", logs, uploaderEnv, uploaderArgs);
    simulator.awaitHealthy("/actuator/health", START_LIMIT);
    encoder.awaitHealthy("/actuator/health/liveness", START_LIMIT);
    uploader.awaitHealthy("/actuator/health/liveness", START_LIMIT);
  }

  private static JavaService service(
      String name, Path logs, Map<String, String> env, List<String> args) {
    Path jar = Path.of(System.getProperty("recpipe.jar." + name, "missing-" + name + ".jar"));
    JavaService service = JavaService.start(name, jar, LocalServer.freePort(), logs, env, args);
    services.add(service);
    return service;
  }

  @AfterAll
  static void stop() {
    List<JavaService> toStop = new ArrayList<>(services);
    Collections.reverse(toStop);
    toStop.forEach(JavaService::close);
    WorkDirs.removeOrKeep(work, passed, "Observability");
  }

  @Test
  void everyMetricTheAlertsAndTheDashboardSelectIsServed() throws Exception {
    Map<String, String> expressions = ObservabilityPack.expressions();
    assertThat(expressions).isNotEmpty();
    session("converted", "File", Files.readAllBytes(recordings().resolve("ssh-1-1024x768.guac")));
    session("to-s3", "AWS", Files.readAllBytes(recordings().resolve("ssh-1-1024x768.guac")));
    session("poison", "File", "not a recording at all".getBytes(StandardCharsets.UTF_8));

    Instant deadline = Instant.now().plus(SERVED_LIMIT);
    Map<String, List<String>> unserved;
    while (true) {
      Scrape served = Scrape.of(List.of(scrape(encoder), scrape(uploader)));
      unserved = unserved(expressions, served);
      if (unserved.isEmpty() || Instant.now().isAfter(deadline)) {
        break;
      }
      assertThat(encoder.isAlive() && uploader.isAlive()).as("services running").isTrue();
      Waits.pause(Duration.ofSeconds(2));
    }
    assertThat(unserved)
        .as("selectors no running service serves\n%s\n%s", encoder.tail(), uploader.tail())
        .isEmpty();
    passed = true;
  }

  /** Each expression's selectors that match no served series (but on Prometheus' own labels). */
  private static Map<String, List<String>> unserved(
      Map<String, String> expressions, Scrape served) {
    var unserved = new LinkedHashMap<String, List<String>>();
    expressions.forEach(
        (where, expr) -> {
          List<String> missing =
              PromQl.selectors(expr).stream()
                  .filter(selector -> !served.serves(selector))
                  .map(PromQl.Selector::toString)
                  .toList();
          if (!missing.isEmpty()) {
            unserved.put(where, missing);
          }
        });
    return unserved;
  }

  private static Scrape scrape(JavaService service) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(service.managementUrl() + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(20))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("scrape of %s", service.managementUrl()).isEqualTo(200);
    return Scrape.parse(response.body());
  }

  /** A closed session in the simulator and its recording dropped where guacd writes. */
  private static void session(String id, String storageMode, byte[] recording)
      throws IOException, InterruptedException {
    HttpResponse<String> created =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/sessions"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"sessionId\":\"%s\",\"storageMode\":\"%s\"}".formatted(id, storageMode)))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    Path partial = Files.write(work.resolve(id + ".partial"), recording);
    Files.move(partial, recordingsDir.resolve(id + ".guac"), StandardCopyOption.ATOMIC_MOVE);
  }

  private static Path recordings() {
    return Path.of(System.getProperty("recpipe.recordings", "../testdata/recordings"))
        .toAbsolutePath()
        .normalize();
  }
}
