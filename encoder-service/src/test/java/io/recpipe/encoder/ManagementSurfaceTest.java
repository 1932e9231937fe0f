package io.recpipe.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.JobState;
import io.recpipe.common.session.SessionId;
import io.recpipe.encoder.support.EmpowerIdStub;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The management surface as a caller meets it, over real HTTP to a started encoder: the application
 * port serves no management path; the management port answers liveness and readiness to anyone with
 * their status only, and everything else only with the credential from the token file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ManagementSurfaceTest {

  static final Path ROOT = EncoderTestSetup.tempRoot("encoder-mgmt-");
  static final EmpowerIdStub EMPOWERID = new EmpowerIdStub();
  static final List<String> MANAGEMENT_PATHS =
      List.of(
          "/actuator",
          "/actuator/health",
          "/actuator/health/liveness",
          "/actuator/health/readiness",
          "/actuator/info",
          "/actuator/prometheus",
          "/admin/summary",
          "/admin/jobs");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    EncoderTestSetup.register(registry, ROOT, EMPOWERID.baseUrl());
    registry.add("recpipe.admin.token-file", () -> ManagementHttp.tokenFile(ROOT).toString());
  }

  @AfterAll
  static void stop() {
    EMPOWERID.close();
  }

  @LocalServerPort int appPort;
  @LocalManagementPort int managementPort;
  @Autowired JdbcJobStore jobs;

  @Test
  void theApplicationPortServesNoManagementPath() throws Exception {
    assertThat(managementPort).isNotEqualTo(appPort);
    for (String path : MANAGEMENT_PATHS) {
      assertThat(ManagementHttp.anonymous(appPort).get(path).statusCode()).as(path).isEqualTo(404);
      assertThat(ManagementHttp.bearer(appPort).get(path).statusCode()).as(path).isEqualTo(404);
    }
  }

  @Test
  void withoutCredentialsOnlyLivenessAndReadinessAnswerWithTheirStatusOnly() throws Exception {
    var anonymous = ManagementHttp.anonymous(managementPort);
    for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
      HttpResponse<String> response = anonymous.get(probe);
      assertThat(response.statusCode()).as(probe).isEqualTo(200);
      assertThat(response.body()).as(probe).isEqualTo("{\"status\":\"UP\"}");
    }
    for (String path :
        List.of(
            "/actuator",
            "/actuator/health",
            "/actuator/health/directories",
            "/actuator/info",
            "/actuator/prometheus",
            "/admin/summary",
            "/admin/jobs",
            "/console/")) {
      assertThat(anonymous.get(path).statusCode()).as(path).isEqualTo(401);
    }
    assertThat(anonymous.send("POST", "/admin/claiming/pause", null).statusCode()).isEqualTo(401);
    var wrong = ManagementHttp.basic(managementPort, "admin", "not-the-token-at-all");
    assertThat(wrong.get("/actuator/health").statusCode()).isEqualTo(401);
    var wrongBearer = ManagementHttp.bearer(managementPort, ManagementHttp.TOKEN + "x");
    assertThat(wrongBearer.get("/admin/jobs").statusCode()).isEqualTo(401);
    assertThat(wrongBearer.get("/actuator/health/liveness").statusCode())
        .as("a probe needs no credential, and a wrong one is still refused")
        .isEqualTo(401);
  }

  @Test
  void withTheCredentialHealthShowsDetailsAndTheRestAnswers() throws Exception {
    for (ManagementHttp authorised :
        List.of(
            ManagementHttp.bearer(managementPort),
            ManagementHttp.basic(managementPort, "admin", ManagementHttp.TOKEN))) {
      HttpResponse<String> health = authorised.get("/actuator/health");
      assertThat(health.statusCode()).isIn(200, 503);
      assertThat(health.body()).contains("\"directories\"", "\"converterTools\"", "\"details\"");
      assertThat(authorised.get("/actuator/health/liveness").body())
          .isEqualTo("{\"status\":\"UP\"}");
      assertThat(authorised.get("/actuator/prometheus").body()).contains("recpipe_encoder_jobs{");
      assertThat(authorised.get("/admin/summary").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aChangeByHttpBasicNeedsTheConsolesHeaderSoAnotherPageCannotMakeIt() throws Exception {
    var browser = ManagementHttp.basic(managementPort, "admin", ManagementHttp.TOKEN);
    assertThat(browser.send("POST", "/admin/claiming/resume", null).statusCode()).isEqualTo(403);
    assertThat(
            ManagementHttp.bearer(managementPort)
                .send("POST", "/admin/claiming/resume", null)
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void aFailedJobRequeuedThroughTheAdminApiIsQueuedInTheJobStore() throws Exception {
    SessionId id = SessionId.of("mgmt-requeue");
    Instant now = Instant.now();
    jobs.enqueue(id, null, now);
    while (jobs.find(id).orElseThrow().state() != JobState.RUNNING) {
      jobs.claim("someone", 0, 100, Duration.ofMinutes(1), now);
    }
    jobs.failPermanently(id, "someone", "not a recording", null, now);

    assertThat(
            ManagementHttp.anonymous(managementPort)
                .send("POST", "/admin/jobs/" + id + "/requeue", null)
                .statusCode())
        .isEqualTo(401);
    assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.FAILED);

    HttpResponse<String> response =
        ManagementHttp.bearer(managementPort).send("POST", "/admin/jobs/" + id + "/requeue", null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.QUEUED);
  }
}
