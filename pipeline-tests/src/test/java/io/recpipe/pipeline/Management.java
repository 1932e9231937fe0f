package io.recpipe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A running service's management port as an operator calls it: the admin API and actuator with
 * {@code Authorization: Bearer <token>}, the token read from the service's token file.
 */
final class Management {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String baseUrl;
  private final String token;

  private Management(String baseUrl, String token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  /** The service's management port with the token in {@code tokenFile} (trimmed). */
  static Management of(JavaService service, Path tokenFile) throws IOException {
    return new Management(service.managementUrl(), Files.readString(tokenFile).strip());
  }

  String baseUrl() {
    return baseUrl;
  }

  String token() {
    return token;
  }

  /** GET with the token; any status. */
  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + token)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** GET with the token, expecting 200 and JSON. */
  JsonNode json(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** POST without a body, with the token; any status. */
  HttpResponse<String> post(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A state's count in {@code /admin/summary}'s {@code counts} (0 when absent). */
  static long count(JsonNode summary, String state) {
    JsonNode counts = summary.path("counts");
    return counts.has(state) ? counts.get(state).asLong() : 0;
  }

  static JsonNode parse(String json) {
    return JSON.readTree(json);
  }
}
