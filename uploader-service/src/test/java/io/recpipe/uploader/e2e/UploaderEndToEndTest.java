package io.recpipe.uploader.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.recpipe.common.empowerid.StorageMode;
import io.recpipe.common.job.Claim;
import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.JobState;
import io.recpipe.common.job.Outcome;
import io.recpipe.common.job.PacedRuns;
import io.recpipe.common.session.SessionId;
import io.recpipe.uploader.scan.ScanJob;
import io.recpipe.uploader.store.Digests;
import io.recpipe.uploader.store.Metadata;
import io.recpipe.uploader.store.ObjectKey;
import io.recpipe.uploader.store.azure.AzureBlobClients;
import io.recpipe.uploader.store.s3.S3Fixtures;
import io.recpipe.uploader.testing.Servers;
import io.recpipe.uploader.upload.StoreRouter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The whole service against EmpowerID on WireMock (real HTTP through common's client), S3 on S3Mock
 * and Azure Blob on Azurite: scan, upload, verify objects, checksums, metadata and the exact status
 * updates; then a crash at each point between the two steps of DONE.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class UploaderEndToEndTest {

  static final Instant RECORDED = Instant.parse("2026-03-04T10:15:30Z");
  static final EmpowerIdStub empowerId = new EmpowerIdStub();
  static final String DEAD = "uploader-dead-instance";
  static Path work;

  @Autowired ScanJob scan;
  @Autowired PacedRuns upload;
  @Autowired JdbcJobStore jobs;
  @Autowired MeterRegistry meters;
  @Autowired StoreRouter router;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) throws IOException {
    work = E2eProperties.register(registry, "uploader-e2e", empowerId, "recordings");
    registry.add("uploader.instance-id", () -> "uploader-e2e");
    registry.add("uploader.store.azure.container", () -> "e2e");
    registry.add(
        "uploader.store.azure.connection-string", () -> Servers.azurite().connectionString());
    registry.add("empowerid.retry.initial-backoff", () -> "10ms");
    registry.add("empowerid.retry.max-backoff", () -> "50ms");
    azureContainer().createIfNotExists();
  }

  @AfterAll
  static void stop() {
    empowerId.close();
  }

  static BlobContainerClient azureContainer() {
    return AzureBlobClients.container(Servers.azurite().connectionString(), null, "e2e", 2);
  }

  static S3AsyncClient s3() {
    return S3Fixtures.client(Servers.s3mock(), 8L * 1024 * 1024);
  }

  @Test
  void uploadsEachSessionToTheStoreItsModeNamesWithTheExactStatusSequence() throws Exception {
    String awsSession = "aws-" + UUID.randomUUID();
    String azureSession = "azure-" + UUID.randomUUID();
    Path awsMp4 = recording(awsSession, "vnc-5-idle-1024x768.guacenc-x264.mp4");
    Path azureMp4 = recording(azureSession, "ssh-1-1024x768.guacenc.m4v");
    String awsSha = sha(awsMp4);
    String azureSha = sha(azureMp4);
    byte[] awsBytes = Files.readAllBytes(awsMp4);
    byte[] azureBytes = Files.readAllBytes(azureMp4);
    empowerId.sessions(Map.of(awsSession, "AWS", azureSession, "Azure"));

    assertThat(scan.runOnce()).isEqualTo(2);
    Map<Outcome, Integer> outcomes = upload.runOnce().outcomes();

    assertThat(outcomes).containsEntry(Outcome.DONE, 2);
    ObjectKey awsKey = new ObjectKey("recordings/2026/03/04/" + awsSession + ".mp4");
    ObjectKey azureKey = new ObjectKey("recordings/2026/03/04/" + azureSession + ".mp4");
    try (S3AsyncClient s3 = s3()) {
      assertThat(S3Fixtures.read(s3, "recordings", awsKey)).isEqualTo(awsBytes);
      var head = s3.headObject(h -> h.bucket("recordings").key(awsKey.value())).join();
      assertThat(head.metadata())
          .containsEntry("sha256", awsSha)
          .containsEntry("session-id", awsSession);
    }
    var blob = azureContainer().getBlobClient(azureKey.value());
    assertThat(blob.downloadContent().toBytes()).isEqualTo(azureBytes);
    assertThat(blob.getProperties().getMetadata())
        .containsEntry("sha256", azureSha)
        .containsEntry("sessionid", azureSession);
    assertThat(empowerId.statusesSent(awsSession)).containsExactly("Uploading", "Uploaded");
    assertThat(empowerId.statusesSent(azureSession)).containsExactly("Uploading", "Uploaded");
    assertThat(empowerId.statusBodies(awsSession).get(1))
        .as("the Uploaded status says where the video is")
        .contains("stored in s3: " + awsKey.value());
    assertThat(empowerId.statusBodies(azureSession).get(1))
        .contains("stored in azure: " + azureKey.value());
    assertThat(awsMp4).doesNotExist();
    assertThat(azureMp4).doesNotExist();
    assertThat(jobs.find(SessionId.of(awsSession)).orElseThrow().state()).isEqualTo(JobState.DONE);

    assertThat(scan.runOnce()).as("nothing left to queue").isZero();
  }

  @Test
  void aCrashAfterTheObjectIsStoredRepeatsOnlyTheVerification() throws Exception {
    String session = "crash-stored-" + UUID.randomUUID();
    Path mp4 = recording(session, "vnc-5-idle-1024x768.guacenc-x264.mp4");
    empowerId.sessions(Map.of(session, "AWS"));
    assertThat(scan.runOnce()).isEqualTo(1);
    ObjectKey key = new ObjectKey("recordings/2026/03/04/" + session + ".mp4");
    // Another instance claimed the job, stored and verified the object, and died before DONE.
    claimAsDeadInstance(session);
    router.route(StorageMode.AWS).orElseThrow().store().put(mp4, key, metadata(session, mp4));
    double alreadyPresentBefore = counted("recpipe.uploader.uploads", "already_present");

    Map<Outcome, Integer> outcomes = upload.runOnce().outcomes();

    assertThat(outcomes).containsEntry(Outcome.DONE, 1);
    assertThat(counted("recpipe.uploader.uploads", "already_present"))
        .as("the object was found, not uploaded again")
        .isEqualTo(alreadyPresentBefore + 1);
    try (S3AsyncClient s3 = s3()) {
      assertThat(S3Fixtures.keysUnder(s3, "recordings", "recordings/2026/03/04/" + session))
          .containsExactly(key.value());
    }
    assertThat(empowerId.statusesSent(session)).containsExactly("Uploading", "Uploaded");
    assertThat(mp4).doesNotExist();
  }

  @Test
  void aCrashAfterDoneRepeatsOnlyTheStatusAndTheLocalFile() throws Exception {
    String session = "crash-done-" + UUID.randomUUID();
    Path mp4 = recording(session, "vnc-5-idle-1024x768.guacenc-x264.mp4");
    empowerId.sessions(Map.of(session, "Azure"));
    assertThat(scan.runOnce()).isEqualTo(1);
    ObjectKey key = new ObjectKey("recordings/2026/03/04/" + session + ".mp4");
    // Another instance stored the object and marked the job DONE with "Uploaded" pending, then
    // died before telling EmpowerID and before removing the local file.
    claimAsDeadInstance(session);
    router.route(StorageMode.AZURE).orElseThrow().store().put(mp4, key, metadata(session, mp4));
    jobs.complete(SessionId.of(session), DEAD, "UPLOADED", Instant.now());
    double uploadsBefore = allUploads();

    upload.runOnce().outcomes();

    assertThat(allUploads()).as("no store call at all").isEqualTo(uploadsBefore);
    assertThat(empowerId.statusesSent(session)).containsExactly("Uploaded");
    assertThat(mp4).doesNotExist();
    assertThat(jobs.find(SessionId.of(session)).orElseThrow().pendingStatus()).isNull();
  }

  @Test
  void aSessionOwnedByAnotherInstanceIsDroppedAndItsFileKept() throws Exception {
    String session = "owned-" + UUID.randomUUID();
    Path mp4 = recording(session, "vnc-5-idle-1024x768.guacenc-x264.mp4");
    empowerId.sessions(Map.of(session, "AWS"));
    empowerId.statusAnswer(session, 409);
    assertThat(scan.runOnce()).isEqualTo(1);

    Map<Outcome, Integer> outcomes = upload.runOnce().outcomes();

    assertThat(outcomes).containsEntry(Outcome.DROPPED, 1);
    assertThat(empowerId.statusesSent(session)).containsExactly("Uploading");
    assertThat(mp4).exists();
    try (S3AsyncClient s3 = s3()) {
      assertThat(S3Fixtures.keysUnder(s3, "recordings", "recordings/2026/03/04/" + session))
          .isEmpty();
    }
    assertThat(jobs.find(SessionId.of(session)).orElseThrow().state()).isEqualTo(JobState.DONE);
    assertThat(upload.runOnce().outcomes()).as("not retried").isEmpty();
  }

  @Test
  void aLinkNamedLikeAnMp4IsNeitherFollowedNorUploaded() throws Exception {
    String session = "link-" + UUID.randomUUID();
    Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
    Path real = elsewhere.resolve(session + ".mp4");
    Files.copy(referenceRecordings().resolve("vnc-5-idle-1024x768.guacenc-x264.mp4"), real);
    Files.setLastModifiedTime(real, FileTime.from(RECORDED));
    Path link = work.resolve("recording").resolve(session + ".mp4");
    Files.createSymbolicLink(link, real);
    empowerId.sessions(Map.of(session, "AWS"));

    scan.runOnce();
    upload.runOnce();

    assertThat(jobs.find(SessionId.of(session))).as("never queued").isEmpty();
    assertThat(empowerId.statusesSent(session)).isEmpty();
    try (S3AsyncClient s3 = s3()) {
      assertThat(S3Fixtures.keysUnder(s3, "recordings", "recordings/2026/03/04/" + session))
          .isEmpty();
    }
    assertThat(link).isSymbolicLink();
    assertThat(real).exists();
    Files.delete(link);
  }

  private void claimAsDeadInstance(String session) {
    Instant longAgo = Instant.now().minus(Duration.ofHours(3));
    List<Claim> claims = jobs.claim(DEAD, 0, 100, Duration.ofMinutes(1), longAgo);
    assertThat(claims).extracting(c -> c.job().sessionId().value()).contains(session);
  }

  private static Metadata metadata(String session, Path mp4) {
    return Digests.metadataOf(SessionId.of(session), mp4);
  }

  private double allUploads() {
    return meters.find("recpipe.uploader.uploads").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private Path recording(String session, String reference) throws IOException {
    Path source = referenceRecordings().resolve(reference);
    Path mp4 = work.resolve("recording").resolve(session + ".mp4");
    Files.copy(source, mp4);
    Files.setLastModifiedTime(mp4, FileTime.from(RECORDED));
    return mp4;
  }

  static Path referenceRecordings() {
    // The build sets recpipe.recordings: the full corpus (RECPIPE_RECORDINGS, or
    // ../shared/recordings beside the repository), else the small one in testdata/, whose
    // reference videos are smaller re-encodes of the same sessions.
    return Path.of(System.getProperty("recpipe.recordings", "../testdata/recordings"))
        .resolve("reference")
        .toAbsolutePath()
        .normalize();
  }

  static String sha(Path file) {
    return Digests.metadataOf(SessionId.of("x"), file).sha256();
  }

  double counted(String name, String outcome) {
    var counter = meters.find(name).tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }
}
