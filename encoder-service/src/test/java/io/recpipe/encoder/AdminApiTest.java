package io.recpipe.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.JobRunner;
import io.recpipe.common.job.JobState;
import io.recpipe.common.session.SessionId;
import io.recpipe.encoder.support.EmpowerIdStub;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The admin API over HTTP (management port, bearer token) against the encoder's real job store. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminApiTest {

  static final Path ROOT = EncoderTestSetup.tempRoot("encoder-admin-");
  static final EmpowerIdStub EMPOWERID = new EmpowerIdStub();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    EncoderTestSetup.register(registry, ROOT, EMPOWERID.baseUrl());
    registry.add("recpipe.admin.other-console-url", () -> "http://127.0.0.1:1/console/");
    registry.add("recpipe.admin.token-file", () -> ManagementHttp.tokenFile(ROOT).toString());
  }

  @AfterAll
  static void stop() {
    EMPOWERID.close();
  }

  @LocalManagementPort int port;
  @Autowired JdbcJobStore jobs;
  @Autowired JobRunner runner;

  @AfterEach
  void resume() {
    runner.resume();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return ManagementHttp.bearer(port).send(method, path, body);
  }

  private JsonNode json(String method, String path, String body, int status) throws Exception {
    HttpResponse<String> response = send(method, path, body);
    assertThat(response.statusCode())
        .as(method + " " + path + ": " + response.body())
        .isEqualTo(status);
    return new JsonMapper().readTree(response.body());
  }

  private SessionId failedJob(String name) {
    SessionId id = SessionId.of(name);
    Instant now = Instant.now();
    jobs.enqueue(id, null, now);
    while (jobs.find(id).orElseThrow().state() != JobState.RUNNING) {
      jobs.claim("someone", 0, 100, java.time.Duration.ofMinutes(1), now);
    }
    jobs.failPermanently(id, "someone", "not a recording: byte 12", null, now);
    return id;
  }

  @Test
  void listsJobsByStateWithCountsAndRequeuesAFailedOne() throws Exception {
    SessionId id = failedJob("admin-failed-1");

    JsonNode page = json("GET", "/admin/jobs?state=FAILED&size=10", null, 200);
    assertThat(page.path("counts").path("FAILED").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(page.path("jobs").findValuesAsString("session")).contains(id.value());
    assertThat(page.path("jobs").get(0).path("lastError").asString()).isNotBlank();

    JsonNode answer = json("POST", "/admin/jobs/" + id.value() + "/requeue", null, 200);
    assertThat(answer.path("requeued").asInt()).isEqualTo(1);
    assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.QUEUED);

    JsonNode again = json("POST", "/admin/jobs/" + id.value() + "/requeue", null, 409);
    assertThat(again.path("sessions").get(0).path("problem").asString()).contains("QUEUED");

    JsonNode timeline = json("GET", "/admin/jobs/" + id.value(), null, 200);
    assertThat(timeline.path("job").path("state").asString()).isEqualTo("QUEUED");
    assertThat(timeline.path("attempts").get(0).path("instance").asString()).isEqualTo("someone");
    assertThat(timeline.path("attempts").get(0).path("outcome").asString()).isEqualTo("FAILED");
    assertThat(timeline.path("events").findValuesAsString("kind"))
        .containsExactly("QUEUED", "CLAIMED", "SETTLED", "REQUEUED");
  }

  @Test
  void requeuesManyAndSaysWhyNotForEachItCannot() throws Exception {
    SessionId a = failedJob("admin-many-a");
    SessionId b = failedJob("admin-many-b");
    JsonNode answer =
        json(
            "POST",
            "/admin/jobs/requeue",
            "{\"sessions\":[\"%s\",\"%s\",\"admin-absent\",\"../x\"]}".formatted(a, b),
            200);
    assertThat(answer.path("requeued").asInt()).isEqualTo(2);
    assertThat(answer.path("refused").asInt()).isEqualTo(2);
    assertThat(jobs.find(a).orElseThrow().state()).isEqualTo(JobState.QUEUED);
    assertThat(jobs.find(b).orElseThrow().state()).isEqualTo(JobState.QUEUED);
  }

  @Test
  void forgetsAJobUnlessItRuns() throws Exception {
    SessionId id = failedJob("admin-forget");
    assertThat(json("DELETE", "/admin/jobs/" + id.value(), null, 200).path("result").asString())
        .isEqualTo("FORGOTTEN");
    assertThat(jobs.find(id)).isEmpty();
    json("DELETE", "/admin/jobs/" + id.value(), null, 404);

    SessionId running = SessionId.of("admin-running");
    jobs.enqueue(running, null, Instant.now());
    jobs.claim("someone", 0, 100, java.time.Duration.ofMinutes(1), Instant.now());
    assertThat(
            json("DELETE", "/admin/jobs/" + running.value(), null, 409).path("result").asString())
        .isEqualTo("RUNNING");
    assertThat(jobs.find(running)).isPresent();
  }

  @Test
  void pauseStopsClaimingUntilResumed() throws Exception {
    assertThat(json("POST", "/admin/claiming/pause", null, 200).path("paused").asBoolean())
        .isTrue();
    assertThat(runner.isPaused()).isTrue();
    assertThat(runner.runOnce().skipped()).isTrue();
    JsonNode summary = json("GET", "/admin/summary", null, 200);
    assertThat(summary.path("paused").asBoolean()).isTrue();
    assertThat(summary.path("service").asString()).isEqualTo("encoder");
    assertThat(summary.path("otherConsole").asString()).isEqualTo("http://127.0.0.1:1/console/");
    assertThat(json("POST", "/admin/claiming/resume", null, 200).path("paused").asBoolean())
        .isFalse();
    assertThat(runner.isPaused()).isFalse();
  }

  @Test
  void activityCountsSettlementsPerHour() throws Exception {
    failedJob("admin-activity");
    JsonNode activity = json("GET", "/admin/activity?hours=24", null, 200);
    assertThat(activity.path("hours").size()).isEqualTo(24);
    assertThat(activity.path("hours").get(23).path("failed").asInt()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void refusesWhatIsNotASessionId() throws Exception {
    assertThat(send("GET", "/admin/jobs/bad.id", null).statusCode()).isEqualTo(400);
    assertThat(send("GET", "/admin/jobs/never-seen", null).statusCode()).isEqualTo(404);
  }
}
