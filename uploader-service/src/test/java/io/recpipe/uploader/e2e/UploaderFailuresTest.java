package io.recpipe.uploader.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.Job;
import io.recpipe.common.job.JobState;
import io.recpipe.common.job.Outcome;
import io.recpipe.common.job.PacedRuns;
import io.recpipe.common.job.WaitReason;
import io.recpipe.common.session.SessionId;
import io.recpipe.uploader.scan.ScanJob;
import io.recpipe.uploader.testing.LocalServer;
import io.recpipe.uploader.testing.Servers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Failures of the store through the whole service: a missing bucket and an unreachable Azure
 * endpoint. Neither is the recording's fault: the job waits with a reason and a due time, uses no
 * attempt however often it happens, the store's health is DOWN and the MP4 is kept.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class UploaderFailuresTest {

  static final EmpowerIdStub empowerId = new EmpowerIdStub();
  static Path work;

  @Autowired ScanJob scan;
  @Autowired PacedRuns upload;
  @Autowired JdbcJobStore jobs;
  @Autowired javax.sql.DataSource dataSource;

  @Autowired
  @Qualifier("storesHealthContributor")
  CompositeHealthContributor stores;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) throws IOException {
    work = E2eProperties.register(registry, "uploader-failures", empowerId, "no-such-bucket");
    registry.add("uploader.upload.max-attempts", () -> "3");
    registry.add("uploader.store.azure.container", () -> "unreachable");
    registry.add("uploader.store.azure.max-tries", () -> "1");
    registry.add(
        "uploader.store.azure.connection-string",
        () ->
            Servers.azurite()
                .connectionString()
                .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:" + LocalServer.freePort()));
  }

  @AfterAll
  static void stop() {
    empowerId.close();
  }

  @Test
  void aMissingBucketPutsTheJobBackWithoutUsingAnAttemptAndTakesHealthDown() throws Exception {
    String session = "nobucket-" + UUID.randomUUID();
    Path mp4 = mp4(session);
    empowerId.sessions(Map.of(session, "AWS"));
    assertThat(scan.runOnce()).isEqualTo(1);

    Map<Outcome, Integer> first = upload.runOnce().outcomes();
    Map<Outcome, Integer> second = upload.runOnce().outcomes();

    assertThat(first).containsEntry(Outcome.WAITING, 1);
    assertThat(second).as("not due again yet: it blocks nothing").isEmpty();
    Job job = jobs.find(SessionId.of(session)).orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.WAITING);
    assertThat(job.waitReason()).isEqualTo(WaitReason.STORE_NOT_CONFIGURED);
    assertThat(job.attempts()).as("no attempt used").isZero();
    assertThat(mp4).exists();
    assertThat(health("s3")).isEqualTo(Status.DOWN);
    assertThat(health("file")).isEqualTo(Status.UP);
    assertThat(empowerId.statusesSent(session)).doesNotContain("UploadFailed", "Uploaded");
    jobs.claim("cleanup", 0, 10, java.time.Duration.ofMinutes(1), job.nextAttemptAt())
        .forEach(
            c -> jobs.drop(c.job().sessionId(), "cleanup", "test over", java.time.Instant.now()));
  }

  @Test
  void anUnreachableStoreMakesTheJobWaitWithoutUsingAttemptsAndKeepsTheFile() throws Exception {
    String session = "unreachable-" + UUID.randomUUID();
    Path mp4 = mp4(session);
    empowerId.sessions(Map.of(session, "Azure"));
    assertThat(scan.runOnce()).isEqualTo(1);

    for (int round = 1; round <= 4; round++) {
      assertThat(upload.runOnce().outcomes()).containsEntry(Outcome.WAITING, 1);
      Job job = jobs.find(SessionId.of(session)).orElseThrow();
      assertThat(job.state()).isEqualTo(JobState.WAITING);
      assertThat(job.waitReason()).isEqualTo(WaitReason.STORE_UNAVAILABLE);
      assertThat(job.attempts()).as("an outage of the store is not the recording's").isZero();
      assertThat(job.waits()).isEqualTo(round);
      assertThat(job.nextAttemptAt()).isAfter(job.updatedAt());
      // Due again now rather than after the backoff.
      JdbcClient.create(dataSource)
          .sql("UPDATE uploader_job SET next_attempt_at = ? WHERE session_id = ?")
          .params(job.updatedAt().atOffset(java.time.ZoneOffset.UTC), session)
          .update();
    }
    assertThat(empowerId.statusesSent(session)).doesNotContain("UploadFailed", "Uploaded");
    assertThat(mp4).exists();
    assertThat(health("azure")).isEqualTo(Status.DOWN);
  }

  private Status health(String store) {
    return ((HealthIndicator) stores.getContributor(store)).health().getStatus();
  }

  private static Path mp4(String session) throws IOException {
    Path mp4 = work.resolve("recording").resolve(session + ".mp4");
    Files.write(mp4, ("not really a video " + session).getBytes());
    return mp4;
  }
}
