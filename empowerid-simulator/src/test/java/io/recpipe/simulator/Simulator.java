package io.recpipe.simulator;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A simulator embedded on a free port, the way the pipeline test will start it, with a client. */
final class Simulator implements AutoCloseable {

  static final String API_KEY = "sim-api-key";
  static final String POLLING = "/api/services/v1/secureaccessgateway/polling";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static Simulator shared;

  final MutableClock clock = new MutableClock();
  private final ConfigurableApplicationContext context;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  private Simulator(String... properties) {
    // Command-line arguments, because builder properties rank below the jar's application.yml.
    List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1"));
    List.of(properties).forEach(p -> args.add("--" + p));
    this.context =
        new SpringApplicationBuilder(SimulatorApplication.class)
            .initializers(ctx -> ctx.getBeanFactory().registerSingleton("clock", clock))
            .run(args.toArray(String[]::new));
    this.base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
  }

  static Simulator start(String... properties) {
    return new Simulator(properties);
  }

  /** One simulator with default settings for the test classes that only need those. */
  static synchronized Simulator shared() {
    if (shared == null) {
      shared = new Simulator();
    }
    return shared;
  }

  /** Forgets sessions, faults and tokens, so each test starts clean. */
  void reset() {
    send("DELETE", "/sessions", null, Map.of());
    send("DELETE", "/faults", null, Map.of());
    send("DELETE", "/tokens", null, Map.of());
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  record Answer(int status, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  Answer token(String apiKey, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/oauth/v2/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (apiKey != null) {
      request.header("X-EmpowerID-API-Key", apiKey);
    }
    return exchange(request.build());
  }

  /** A fresh valid bearer token. */
  String bearer() {
    Answer answer =
        token(
            API_KEY,
            Map.of(
                "grant_type", "client_credentials",
                "client_id", "recpipe",
                "client_secret", "sim-client-secret"));
    if (answer.status() != 200) {
      throw new IllegalStateException("token call failed: " + answer);
    }
    return answer.json().get("access_token").asString();
  }

  /** A contract call with the API key and a fresh token. */
  Answer api(String method, String path, String json) {
    return send(
        method,
        path,
        json,
        Map.of("X-EmpowerID-API-Key", API_KEY, "Authorization", "Bearer " + bearer()));
  }

  Answer poll(String... ids) {
    String list =
        List.of(ids).stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(","));
    return api("POST", POLLING, "{\"sessionIds\":[" + list + "]}");
  }

  Answer setStatus(String id, String word, String instance) {
    return api(
        "PUT",
        "/api/services/v1/secureaccessgateway/sessions/" + id + "/recording-status",
        "{\"recordingStatus\":\"" + word + "\",\"processInstance\":\"" + instance + "\"}");
  }

  /** A status update with a detail, e.g. a heartbeat repeating the current word. */
  Answer setStatus(String id, String word, String instance, String detail) {
    return api(
        "PUT",
        "/api/services/v1/secureaccessgateway/sessions/" + id + "/recording-status",
        "{\"recordingStatus\":\""
            + word
            + "\",\"processInstance\":\""
            + instance
            + "\",\"detail\":\""
            + detail
            + "\"}");
  }

  JsonNode get(String path) {
    Answer answer = send("GET", path, null, Map.of());
    if (answer.status() != 200) {
      throw new IllegalStateException("GET " + path + " failed: " + answer);
    }
    return answer.json();
  }

  Answer addSession(String json) {
    return send("POST", "/sessions", json, Map.of());
  }

  Answer send(String method, String path, String json, Map<String, String> headers) {
    return send(method, path, json, headers, Duration.ofSeconds(30));
  }

  Answer send(
      String method, String path, String json, Map<String, String> headers, Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(timeout)
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    return exchange(request.build());
  }

  private Answer exchange(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
