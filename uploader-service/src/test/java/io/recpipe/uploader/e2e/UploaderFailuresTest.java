package io.recpipe.uploader.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.Job;
import io.recpipe.common.job.JobState;
import io.recpipe.common.session.SessionId;
import io.recpipe.uploader.scan.ScanJob;
import io.recpipe.uploader.testing.LocalServer;
import io.recpipe.uploader.testing.Servers;
import io.recpipe.uploader.upload.RecordingUploader.Outcome;
import io.recpipe.uploader.upload.UploadJob;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Failures through the whole service: a missing bucket (permanent: the job goes back to the queue
 * without using an attempt and the store's health is DOWN) and an unreachable Azure endpoint
 * (transient: attempts are used up, then "UploadFailed" and the MP4 is kept).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class UploaderFailuresTest {

  static final EmpowerIdStub empowerId = new EmpowerIdStub();
  static Path work;

  @Autowired ScanJob scan;
  @Autowired UploadJob upload;
  @Autowired JdbcJobStore jobs;

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
  void aMissingBucketReleasesTheJobWithoutUsingAnAttemptAndTakesHealthDown() throws Exception {
    String session = "nobucket-" + UUID.randomUUID();
    Path mp4 = mp4(session);
    empowerId.sessions(Map.of(session, "AWS"));
    assertThat(scan.runOnce()).isEqualTo(1);

    Map<Outcome, Integer> first = upload.runOnce();
    Map<Outcome, Integer> second = upload.runOnce();

    assertThat(first).containsEntry(Outcome.RELEASED, 1);
    assertThat(second).containsEntry(Outcome.RELEASED, 1);
    Job job = jobs.find(SessionId.of(session)).orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.QUEUED);
    assertThat(job.attempts()).as("no attempt used").isZero();
    assertThat(mp4).exists();
    assertThat(health("s3")).isEqualTo(Status.DOWN);
    assertThat(health("file")).isEqualTo(Status.UP);
    assertThat(empowerId.statusesSent(session)).doesNotContain("UploadFailed", "Uploaded");
    jobs.claim("cleanup", 0, 10, java.time.Duration.ofMinutes(1), java.time.Instant.now())
        .forEach(
            c -> jobs.drop(c.job().sessionId(), "cleanup", "test over", java.time.Instant.now()));
  }

  @Test
  void anUnreachableStoreUsesUpTheAttemptsThenReportsUploadFailedAndKeepsTheFile()
      throws Exception {
    String session = "unreachable-" + UUID.randomUUID();
    Path mp4 = mp4(session);
    empowerId.sessions(Map.of(session, "Azure"));
    assertThat(scan.runOnce()).isEqualTo(1);

    assertThat(upload.runOnce()).containsEntry(Outcome.RETRY, 1);
    assertThat(upload.runOnce()).containsEntry(Outcome.RETRY, 1);
    assertThat(upload.runOnce()).containsEntry(Outcome.FAILED, 1);

    Job job = jobs.find(SessionId.of(session)).orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.FAILED);
    assertThat(job.attempts()).isEqualTo(3);
    assertThat(job.pendingStatus()).as("EmpowerID was told").isNull();
    assertThat(empowerId.statusesSent(session))
        .containsExactly("Uploading", "Uploading", "Uploading", "UploadFailed");
    assertThat(mp4).exists();
    assertThat(health("azure")).isEqualTo(Status.DOWN);
    assertThat(upload.runOnce()).as("given up for good").isEmpty();
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
