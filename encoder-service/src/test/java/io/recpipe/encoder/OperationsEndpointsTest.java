package io.recpipe.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.encoder.support.EmpowerIdStub;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The actuator endpoints the encoder exposes over HTTP on its management port (with the
 * credential): health, info, prometheus.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperationsEndpointsTest {

  static final Path ROOT = EncoderTestSetup.tempRoot("encoder-ops-");
  static final EmpowerIdStub EMPOWERID = new EmpowerIdStub();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    EncoderTestSetup.register(registry, ROOT, EMPOWERID.baseUrl());
    registry.add("recpipe.admin.token-file", () -> ManagementHttp.tokenFile(ROOT).toString());
  }

  @AfterAll
  static void stop() {
    EMPOWERID.close();
  }

  @LocalManagementPort int port;

  private HttpResponse<String> get(String path) throws Exception {
    return ManagementHttp.bearer(port).get(path);
  }

  @Test
  void healthShowsEachDependency() throws Exception {
    var components =
        new tools.jackson.databind.json.JsonMapper()
            .readTree(get("/actuator/health").body())
            .path("components");
    for (String name : java.util.List.of("directories", "outputDisk", "converterTools")) {
      assertThat(components.path(name).path("status").toString()).as(name).isEqualTo("\"UP\"");
    }
    assertThat(components.path("converterTools").path("details").path("guacenc").toString())
        .contains("guacenc-standin.sh");
    assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
  }

  @Test
  void prometheusShowsTheJobGauges() throws Exception {
    HttpResponse<String> response = get("/actuator/prometheus");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("recpipe_encoder_jobs{").contains("state=\"QUEUED\"");
  }

  @Test
  void infoIsExposed() throws Exception {
    assertThat(get("/actuator/info").statusCode()).isEqualTo(200);
    assertThat(get("/actuator/env").statusCode()).as("not exposed").isEqualTo(404);
  }
}
