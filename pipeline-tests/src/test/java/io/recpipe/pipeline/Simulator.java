package io.recpipe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running EmpowerID simulator as the tests use it: sessions created with the file store as
 * their storage mode, recordings fed in, statuses polled until a condition holds.
 */
final class Simulator {

  /** A VNC session: vnc-1-short, or on the small corpus in testdata/ its one VNC recording. */
  static final String VNC =
      Files.exists(recordings().resolve("vnc-1-short-1024x768.guac"))
          ? "vnc-1-short-1024x768"
          : "vnc-5-idle-1024x768";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JavaService service;
  private final List<String> sessions = new ArrayList<>();

  Simulator(JavaService service) {
    this.service = service;
  }

  JavaService service() {
    return service;
  }

  /** The EMPOWERID_* variables of a service that talks to this simulator (its default secrets). */
  Map<String, String> clientEnvironment() {
    return Map.of(
        "EMPOWERID_BASE_URL", service.baseUrl(),
        "EMPOWERID_ALLOW_INSECURE_HTTP", "true",
        "EMPOWERID_API_KEY", "sim-api-key",
        "EMPOWERID_CLIENT_ID", "recpipe",
        "EMPOWERID_CLIENT_SECRET", "sim-client-secret");
  }

  /**
   * Creates each session (with {@code storageMode}: AWS, Azure or File) and moves a copy of its
   * recording (a file of the corpus) into {@code recordingsDir}: copied beside it first, so it
   * appears whole.
   */
  void feed(
      String storageMode, Map<String, String> sessionToSource, Path recordingsDir, Path incoming)
      throws IOException, InterruptedException {
    Files.createDirectories(incoming);
    for (String id : sessionToSource.keySet()) {
      HttpResponse<String> created =
          send(
              HttpRequest.newBuilder(URI.create(service.baseUrl() + "/sessions"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          JSON.writeValueAsString(
                              Map.of("sessionId", id, "storageMode", storageMode)))));
      assertThat(created.statusCode()).as("POST /sessions: %s", created.body()).isEqualTo(201);
      sessions.add(id);
    }
    for (Map.Entry<String, String> each : sessionToSource.entrySet()) {
      Path copy = incoming.resolve(each.getKey() + ".guac");
      Files.copy(recordings().resolve(each.getValue()), copy);
      Files.move(
          copy, recordingsDir.resolve(each.getKey() + ".guac"), StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Every fed session's current status. */
  Map<String, String> statuses() throws IOException, InterruptedException {
    Map<String, String> statuses = new LinkedHashMap<>();
    for (String id : sessions) {
      statuses.put(id, session(id).path("recordingStatus").asString());
    }
    return statuses;
  }

  /** The statuses a session was given, oldest first. */
  List<String> history(String id) throws IOException, InterruptedException {
    List<String> history = new ArrayList<>();
    session(id).path("history").forEach(c -> history.add(c.path("recordingStatus").asString()));
    return history;
  }

  /**
   * Polls until {@code done} holds for the statuses (it may throw to fail at once), a service
   * exits, or {@code limit} passes; failures carry the statuses and the services' last log lines.
   */
  Map<String, String> await(
      String what, Predicate<Map<String, String>> done, Duration limit, List<JavaService> services)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    while (true) {
      Map<String, String> statuses = statuses();
      try {
        if (done.test(statuses)) {
          return statuses;
        }
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\n" + statuses + "\n" + tails(services), e);
      }
      for (JavaService each : services) {
        if (!each.isAlive()) {
          throw new AssertionError("A service exited\n" + statuses + "\n" + tails(services));
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "Not " + what + " within " + limit + "\n" + statuses + "\n" + tails(services));
      }
      Waits.pause(Duration.ofSeconds(1));
    }
  }

  private JsonNode session(String id) throws IOException, InterruptedException {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/sessions/" + id)));
    assertThat(response.statusCode()).as("GET session %s: %s", id, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return HTTP.send(
        request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String tails(List<JavaService> services) {
    StringBuilder text = new StringBuilder();
    services.forEach(each -> text.append(each.tail()).append('\n'));
    return text.toString();
  }

  /** The recordings: the build's recpipe.recordings, else the small corpus in testdata/. */
  static Path recordings() {
    return Path.of(System.getProperty("recpipe.recordings", "../testdata/recordings"))
        .toAbsolutePath()
        .normalize();
  }
}
