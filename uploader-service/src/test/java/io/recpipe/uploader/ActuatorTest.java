package io.recpipe.uploader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The service starts with only the embedded file store (no S3, no Azure, no EmpowerID) and shows
 * health per store and the uploader's meters on the management port, to a caller with the
 * credential from the token file; the application port serves none of it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActuatorTest {

  static final String TOKEN = "uploader-test-token-0123456789";

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) throws IOException {
    Path work = Files.createTempDirectory("uploader-actuator-");
    Files.createDirectories(work.resolve("recording"));
    Path token = Files.writeString(work.resolve("admin-token"), TOKEN);
    registry.add("server.address", () -> "127.0.0.1");
    registry.add("uploader.recordings-dir", () -> work.resolve("recording").toString());
    registry.add("uploader.data-dir", () -> work.resolve("data").toString());
    registry.add("uploader.scheduling.enabled", () -> "false");
    registry.add("uploader.min-free-disk", () -> "1KB");
    registry.add("recpipe.admin.token-file", token::toString);
    registry.add("empowerid.base-url", () -> "http://127.0.0.1:9");
    registry.add("empowerid.api-key", () -> "k");
    registry.add("empowerid.client-id", () -> "c");
    registry.add("empowerid.client-secret", () -> "s");
  }

  private static HttpStatusCode status(RestClient http, String path) {
    return http.get().uri(path).exchange((req, res) -> res.getStatusCode());
  }

  @Test
  void healthShowsTheFileStoreAndPrometheusTheJobGauges() {
    RestClient http =
        RestClient.builder()
            .baseUrl("http://127.0.0.1:" + managementPort)
            .defaultHeader("Authorization", "Bearer " + TOKEN)
            .build();

    String health =
        http.get()
            .uri("/actuator/health/stores")
            .retrieve()
            .onStatus(s -> true, (req, res) -> {})
            .body(String.class);
    String prometheus = http.get().uri("/actuator/prometheus").retrieve().body(String.class);

    assertThat(health).contains("\"file\"").contains("\"UP\"").doesNotContain("\"s3\"");
    assertThat(health).contains("checkedAt");
    assertThat(prometheus).contains("recpipe_uploader_jobs{state=\"QUEUED\"}");
  }

  @Test
  void theConsoleIsServedToABrowserWithTheCredential() {
    String basic = java.util.Base64.getEncoder().encodeToString(("admin:" + TOKEN).getBytes());
    RestClient browser =
        RestClient.builder()
            .baseUrl("http://127.0.0.1:" + managementPort)
            .defaultHeader("Authorization", "Basic " + basic)
            .build();
    assertThat(browser.get().uri("/console/").retrieve().body(String.class))
        .contains("<title>recpipe console</title>");
    assertThat(browser.get().uri("/console/console.js").retrieve().body(String.class))
        .contains("/summary");
    assertThat(browser.get().uri("/admin/summary").retrieve().body(String.class))
        .contains("\"service\":\"uploader\"");
  }

  @Test
  void onlyTheProbesAnswerWithoutTheCredentialAndTheApplicationPortHasNoManagementPath() {
    RestClient anonymous = RestClient.create("http://127.0.0.1:" + managementPort);
    assertThat(status(anonymous, "/actuator/health/readiness").value()).isEqualTo(200);
    assertThat(status(anonymous, "/actuator/health/liveness").value()).isEqualTo(200);
    assertThat(status(anonymous, "/actuator/health/stores").value()).isEqualTo(401);
    assertThat(status(anonymous, "/admin/jobs").value()).isEqualTo(401);

    assertThat(status(anonymous, "/console/").value()).isEqualTo(401);

    RestClient app = RestClient.create("http://127.0.0.1:" + port);
    for (String path :
        new String[] {"/actuator/health", "/actuator/prometheus", "/admin/jobs", "/console/"}) {
      assertThat(status(app, path).value()).as(path).isEqualTo(404);
    }
  }
}
