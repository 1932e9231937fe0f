package io.recpipe.uploader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The service starts with only the embedded file store (no S3, no Azure, no EmpowerID) and shows
 * health per store and the uploader's meters on the actuator endpoints.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActuatorTest {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) throws IOException {
    Path work = Files.createTempDirectory("uploader-actuator-");
    Files.createDirectories(work.resolve("recording"));
    registry.add("server.address", () -> "127.0.0.1");
    registry.add("uploader.recordings-dir", () -> work.resolve("recording").toString());
    registry.add("uploader.data-dir", () -> work.resolve("data").toString());
    registry.add("uploader.scheduling.enabled", () -> "false");
    registry.add("uploader.min-free-disk", () -> "1KB");
    registry.add("empowerid.base-url", () -> "http://127.0.0.1:9");
    registry.add("empowerid.api-key", () -> "k");
    registry.add("empowerid.client-id", () -> "c");
    registry.add("empowerid.client-secret", () -> "s");
  }

  @Test
  void healthShowsTheFileStoreAndPrometheusTheJobGauges() {
    RestClient http = RestClient.create("http://127.0.0.1:" + port);

    String health =
        http.get()
            .uri("/actuator/health/stores")
            .retrieve()
            .onStatus(s -> true, (req, res) -> {})
            .body(String.class);
    String prometheus = http.get().uri("/actuator/prometheus").retrieve().body(String.class);

    assertThat(health).contains("\"file\"").contains("\"UP\"").doesNotContain("\"s3\"");
    assertThat(prometheus).contains("recpipe_uploader_jobs{state=\"QUEUED\"}");
  }
}
