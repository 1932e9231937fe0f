package io.recpipe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.uploader.testing.LocalServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two encoders and one uploader, from their built jars, on one PostgreSQL database and schema
 * (127.0.0.1:5432, database {@code test}, a schema of its own per run), all started at once on the
 * empty schema: each service keeps its own migration history and lock table, and every session is
 * converted and uploaded exactly once.
 */
class SharedDatabaseIT {

  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final Duration START_LIMIT = Duration.ofMinutes(3);
  private static final Duration PIPELINE_LIMIT = Duration.ofMinutes(5);
  private static final int SESSIONS = 4;
  private static final List<String> EXPECTED_HISTORY =
      List.of("Processing", "Processed", "Uploading", "Uploaded");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String schema =
      "shared_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  private final List<JavaService> services = Collections.synchronizedList(new ArrayList<>());
  private Path work;
  private JavaService simulator;
  private boolean passed;

  @AfterEach
  void stop() throws IOException {
    List<JavaService> toStop = new ArrayList<>(services);
    Collections.reverse(toStop);
    toStop.forEach(JavaService::close);
    admin().sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE").update();
    WorkDirs.removeOrKeep(work, passed, "Shared database");
  }

  @Test
  void twoEncodersAndAnUploaderShareOneSchemaAndHandleEverySessionOnce() throws Exception {
    work = Files.createTempDirectory("recpipe-shared-db-");
    Path recordings = Files.createDirectories(work.resolve("session_files"));
    Path mp4s = Files.createDirectories(work.resolve("recording"));
    Path videos = Files.createDirectories(work.resolve("videos"));
    Path logs = work.resolve("logs");
    admin().sql("CREATE SCHEMA " + schema).update();
    String database = URL + "?currentSchema=" + schema;

    simulator = service("simulator", logs, Map.of(), List.of());
    Map<String, String> env = new HashMap<>();
    env.put("EMPOWERID_BASE_URL", simulator.baseUrl());
    env.put("EMPOWERID_ALLOW_INSECURE_HTTP", "true");
    env.put("EMPOWERID_API_KEY", "sim-api-key");
    env.put("EMPOWERID_CLIENT_ID", "recpipe");
    env.put("EMPOWERID_CLIENT_SECRET", "sim-client-secret");
    env.put("SPRING_DATASOURCE_URL", database);
    env.put("SPRING_DATASOURCE_USERNAME", "postgres");
    env.put("SPRING_DATASOURCE_PASSWORD", "");
    List<JavaService> workers = new ArrayList<>();
    for (String instance : List.of("enc-a", "enc-b")) {
      workers.add(
          service(
              "encoder",
              logs,
              env,
              List.of(
                  "--encoder.instance-id=" + instance,
                  "--encoder.recordings-dir=" + recordings,
                  "--encoder.output-dir=" + mp4s,
                  "--encoder.data-dir=" + work.resolve(instance),
                  "--encoder.min-free-disk=1MB",
                  "--encoder.scan.interval=1s",
                  "--encoder.scan.initial-delay=1s",
                  "--encoder.scan.stable-check=500ms",
                  "--encoder.process.interval=1s",
                  "--encoder.process.initial-delay=1s")));
    }
    workers.add(
        service(
            "uploader",
            logs,
            env,
            List.of(
                "--uploader.instance-id=upl-a",
                "--uploader.recordings-dir=" + mp4s,
                "--uploader.data-dir=" + work.resolve("upl-a"),
                "--uploader.min-free-disk=1MB",
                "--uploader.scan.interval=1s",
                "--uploader.scan.initial-delay=1s",
                "--uploader.scan.quiet-period=2s",
                "--uploader.upload.interval=1s",
                "--uploader.upload.initial-delay=1s",
                "--uploader.routes.all-to-file=true",
                "--uploader.store.file.root=" + videos)));
    simulator.awaitHealthy("/actuator/health", START_LIMIT);
    for (JavaService each : workers) {
      each.awaitHealthy("/actuator/health/liveness", START_LIMIT);
    }

    List<String> ids = new ArrayList<>();
    for (int i = 0; i < SESSIONS; i++) {
      String id = "shared-db-" + i;
      ids.add(id);
      post("/sessions", Map.of("sessionId", id, "storageMode", "File"));
    }
    Path incoming = Files.createDirectories(work.resolve("incoming"));
    for (String id : ids) {
      Path copy = incoming.resolve(id + ".guac");
      Files.copy(recordings().resolve("ssh-1-1024x768.guac"), copy);
      Files.move(copy, recordings.resolve(id + ".guac"), StandardCopyOption.ATOMIC_MOVE);
    }

    Map<String, JsonNode> sessions = awaitEveryoneUploaded(ids);

    for (String id : ids) {
      List<String> history = new ArrayList<>();
      List<String> instances = new ArrayList<>();
      sessions
          .get(id)
          .path("history")
          .forEach(
              change -> {
                history.add(change.path("recordingStatus").asString());
                instances.add(change.path("processInstance").asString());
              });
      assertThat(history).as("status history of %s", id).isEqualTo(EXPECTED_HISTORY);
      assertThat(instances.get(0)).as("converted by one encoder").isIn("enc-a", "enc-b");
      assertThat(instances.get(1)).isEqualTo(instances.get(0));
      assertThat(instances.subList(2, 4)).containsOnly("upl-a");
      try (var stored = Files.walk(videos)) {
        assertThat(stored.filter(p -> p.toString().endsWith("/" + id + ".mp4")))
            .as("stored once: " + id)
            .hasSize(1);
      }
    }
    JdbcClient db = admin();
    for (String table : List.of("encoder_job", "uploader_job")) {
      assertThat(
              db.sql("SELECT session_id, state, attempts FROM " + schema + "." + table)
                  .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3))
                  .list())
          .as(table)
          .containsExactlyInAnyOrderElementsOf(ids.stream().map(id -> id + " DONE 1").toList());
    }
    assertThat(
            db.sql(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                        + " ORDER BY table_name")
                .param(schema)
                .query(String.class)
                .list())
        .containsExactly(
            "encoder_job",
            "encoder_job_event",
            "encoder_schema_history",
            "encoder_shedlock",
            "uploader_job",
            "uploader_job_event",
            "uploader_schema_history",
            "uploader_shedlock");
    passed = true;
  }

  private Map<String, JsonNode> awaitEveryoneUploaded(List<String> ids) throws Exception {
    Instant deadline = Instant.now().plus(PIPELINE_LIMIT);
    while (true) {
      Map<String, JsonNode> sessions = new HashMap<>();
      for (String id : ids) {
        sessions.put(id, get("/sessions/" + id));
      }
      for (JsonNode session : sessions.values()) {
        if (session.path("recordingStatus").asString().endsWith("Failed")) {
          throw new AssertionError("A session failed: " + session + "\n" + tails());
        }
      }
      if (sessions.values().stream()
          .allMatch(s -> s.path("recordingStatus").asString().equals("Uploaded"))) {
        return sessions;
      }
      for (JavaService service : services) {
        if (!service.isAlive()) {
          throw new AssertionError("A service exited\n" + sessions + "\n" + tails());
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Not every session Uploaded\n" + sessions + "\n" + tails());
      }
      Waits.pause(Duration.ofSeconds(1));
    }
  }

  private String tails() {
    StringBuilder text = new StringBuilder();
    services.forEach(service -> text.append(service.tail()).append('\n'));
    return text.toString();
  }

  private JavaService service(String kind, Path logs, Map<String, String> env, List<String> args) {
    Path jar = Path.of(System.getProperty("recpipe.jar." + kind, "missing-" + kind + ".jar"));
    String name = kind + "-" + services.size();
    JavaService service = JavaService.start(name, jar, LocalServer.freePort(), logs, env, args);
    services.add(service);
    return service;
  }

  private static JdbcClient admin() {
    return JdbcClient.create(
        new SimpleDriverDataSource(new org.postgresql.Driver(), URL, "postgres", ""));
  }

  private static Path recordings() {
    return Path.of(System.getProperty("recpipe.recordings", "../testdata/recordings"))
        .toAbsolutePath()
        .normalize();
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private void post(String path, Object body) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(201);
  }
}
