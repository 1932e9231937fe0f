package io.recpipe.uploader.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import io.recpipe.common.empowerid.StorageMode;
import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.Job;
import io.recpipe.common.job.JobState;
import io.recpipe.common.job.PacedRuns;
import io.recpipe.common.job.WaitReason;
import io.recpipe.common.session.SessionId;
import io.recpipe.uploader.scan.ScanJob;
import io.recpipe.uploader.store.Digests;
import io.recpipe.uploader.store.azure.AzureBlobClients;
import io.recpipe.uploader.store.file.FileSystemVideoStore;
import io.recpipe.uploader.store.s3.S3Fixtures;
import io.recpipe.uploader.testing.Servers;
import io.recpipe.uploader.upload.StoreRouter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The encoder's sidecars ({@code <id>.vtt}, {@code <id>.jpg}) through the whole service: stored
 * before the MP4 under its key with their own extension and content type, write-once, and removed
 * locally only with the MP4 once it is stored; S3 on S3Mock, Azure on Azurite, the file store on a
 * real directory.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class SidecarUploadTest {

  static final Instant RECORDED = Instant.parse("2026-03-04T10:15:30Z");
  static final EmpowerIdStub empowerId = new EmpowerIdStub();
  static Path work;

  @Autowired ScanJob scan;
  @Autowired PacedRuns upload;
  @Autowired JdbcJobStore jobs;
  @Autowired StoreRouter router;
  @Autowired DataSource dataSource;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) throws IOException {
    work = E2eProperties.register(registry, "uploader-sidecars", empowerId, "recordings");
    registry.add("uploader.store.azure.container", () -> "sidecars");
    registry.add(
        "uploader.store.azure.connection-string", () -> Servers.azurite().connectionString());
    container().createIfNotExists();
  }

  @AfterAll
  static void stop() {
    empowerId.close();
  }

  static BlobContainerClient container() {
    return AzureBlobClients.container(Servers.azurite().connectionString(), null, "sidecars", 2);
  }

  @Test
  void bothSidecarsAreStoredWithTheMp4sKeyAndTheirContentTypes() throws Exception {
    String aws = "sidecars-aws-" + UUID.randomUUID();
    String azure = "sidecars-azure-" + UUID.randomUUID();
    Map<String, Path> awsFiles = session(aws, true);
    Map<String, Path> azureFiles = session(azure, true);
    Map<String, byte[]> awsBytes = bytes(awsFiles);
    Map<String, byte[]> azureBytes = bytes(azureFiles);
    empowerId.sessions(Map.of(aws, "AWS", azure, "Azure"));

    assertThat(scan.runOnce()).as("one job per MP4, none per sidecar").isEqualTo(2);
    upload.runOnce();

    assertThat(state(aws)).isEqualTo(JobState.DONE);
    assertThat(state(azure)).isEqualTo(JobState.DONE);
    String base = "recordings/2026/03/04/";
    try (S3AsyncClient s3 = S3Fixtures.client(Servers.s3mock(), 8L * 1024 * 1024)) {
      assertThat(S3Fixtures.keysUnder(s3, "recordings", base + aws))
          .containsExactly(base + aws + ".jpg", base + aws + ".mp4", base + aws + ".vtt");
      for (var type :
          Map.of("mp4", "video/mp4", "vtt", "text/vtt", "jpg", "image/jpeg").entrySet()) {
        String key = base + aws + "." + type.getKey();
        var head = s3.headObject(h -> h.bucket("recordings").key(key)).join();
        assertThat(head.contentType()).as(key).isEqualTo(type.getValue());
        assertThat(head.metadata())
            .containsEntry("sha256", sha(awsBytes.get(type.getKey())))
            .containsEntry("session-id", aws);
        assertThat(S3Fixtures.read(s3, "recordings", new io.recpipe.uploader.store.ObjectKey(key)))
            .isEqualTo(awsBytes.get(type.getKey()));
      }
    }
    for (var type : Map.of("mp4", "video/mp4", "vtt", "text/vtt", "jpg", "image/jpeg").entrySet()) {
      var blob = container().getBlobClient(base + azure + "." + type.getKey());
      assertThat(blob.getProperties().getContentType()).isEqualTo(type.getValue());
      assertThat(blob.getProperties().getMetadata())
          .containsEntry("sha256", sha(azureBytes.get(type.getKey())))
          .containsEntry("sessionid", azure);
      assertThat(blob.downloadContent().toBytes()).isEqualTo(azureBytes.get(type.getKey()));
    }
    assertThat(awsFiles.values())
        .as("removed with the MP4")
        .allSatisfy(f -> assertThat(f).doesNotExist());
    assertThat(azureFiles.values()).allSatisfy(f -> assertThat(f).doesNotExist());
  }

  @Test
  void aSessionWithoutSidecarsStoresJustItsMp4() throws Exception {
    String session = "sidecars-none-" + UUID.randomUUID();
    Map<String, Path> files = session(session, false);
    empowerId.sessions(Map.of(session, "File"));

    scan.runOnce();
    upload.runOnce();

    assertThat(state(session)).isEqualTo(JobState.DONE);
    try (var stored = Files.list(fileStoreDay())) {
      assertThat(stored.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(session)))
          .containsExactly(session + ".mp4");
    }
    assertThat(files.get("mp4")).doesNotExist();
  }

  /**
   * The MP4's put fails for real (a directory holds its key in the file store): the sidecars are
   * stored, every local file stays and the job waits. Once the key is free, the run again finds the
   * sidecars stored (same content: nothing copied again), stores the MP4 and only then removes the
   * local files.
   */
  @Test
  void aFailedMp4PutKeepsEveryLocalFileAndTheRunAgainStoresOnlyTheMp4() throws Exception {
    String session = "sidecars-fail-" + UUID.randomUUID();
    Map<String, Path> files = session(session, true);
    empowerId.sessions(Map.of(session, "File"));
    Path squatter = Files.createDirectories(fileStoreDay().resolve(session + ".mp4"));
    scan.runOnce();

    upload.runOnce();

    Job waiting = jobs.find(SessionId.of(session)).orElseThrow();
    assertThat(waiting.state()).isEqualTo(JobState.WAITING);
    assertThat(waiting.waitReason()).isEqualTo(WaitReason.STORE_UNAVAILABLE);
    assertThat(fileStoreDay().resolve(session + ".vtt")).hasSameBinaryContentAs(files.get("vtt"));
    assertThat(fileStoreDay().resolve(session + ".jpg")).hasSameBinaryContentAs(files.get("jpg"));
    assertThat(files.values()).as("nothing removed").allSatisfy(f -> assertThat(f).exists());
    assertThat(empowerId.statusesSent(session)).doesNotContain("Uploaded");

    Files.delete(squatter);
    byte[] mp4 = Files.readAllBytes(files.get("mp4"));
    long copiesBefore = fileStore().copies();
    dueNow(waiting);
    upload.runOnce();

    assertThat(state(session)).isEqualTo(JobState.DONE);
    assertThat(fileStore().copies() - copiesBefore).as("only the MP4 copied").isEqualTo(1);
    assertThat(fileStoreDay().resolve(session + ".mp4")).hasBinaryContent(mp4);
    assertThat(empowerId.statusesSent(session)).endsWith("Uploaded");
    assertThat(files.values()).allSatisfy(f -> assertThat(f).doesNotExist());
  }

  @Test
  void aStraySidecarWithoutAnMp4IsNeverAJobAndIsLeftAlone() throws Exception {
    String session = "sidecars-stray-" + UUID.randomUUID();
    Map<String, Path> files = session(session, true);
    Files.delete(files.remove("mp4"));
    empowerId.sessions(Map.of(session, "AWS"));

    scan.runOnce();
    upload.runOnce();

    assertThat(jobs.find(SessionId.of(session))).isEmpty();
    assertThat(files.values()).allSatisfy(f -> assertThat(f).exists());
  }

  @Test
  void aSidecarThatIsALinkIsNeitherFollowedNorStored() throws Exception {
    String session = "sidecars-link-" + UUID.randomUUID();
    Map<String, Path> files = session(session, false);
    Path elsewhere = Files.writeString(work.resolve(session + "-secret.txt"), "not the track");
    Path link = Files.createSymbolicLink(recordings().resolve(session + ".vtt"), elsewhere);
    empowerId.sessions(Map.of(session, "File"));

    scan.runOnce();
    upload.runOnce();

    assertThat(state(session)).isEqualTo(JobState.DONE);
    assertThat(fileStoreDay().resolve(session + ".mp4")).exists();
    assertThat(fileStoreDay().resolve(session + ".vtt")).doesNotExist();
    assertThat(files.get("mp4")).doesNotExist();
    assertThat(link).isSymbolicLink();
    assertThat(elsewhere).hasContent("not the track");
  }

  private JobState state(String session) {
    return jobs.find(SessionId.of(session)).orElseThrow().state();
  }

  private void dueNow(Job job) {
    JdbcClient.create(dataSource)
        .sql("UPDATE uploader_job SET next_attempt_at = ? WHERE session_id = ?")
        .params(job.updatedAt().atOffset(ZoneOffset.UTC), job.sessionId().value())
        .update();
  }

  private FileSystemVideoStore fileStore() {
    return (FileSystemVideoStore) router.route(StorageMode.FILE).orElseThrow().store();
  }

  private static Path fileStoreDay() throws IOException {
    return Files.createDirectories(work.resolve("data/videos/2026/03/04"));
  }

  private static Path recordings() {
    return work.resolve("recording");
  }

  /** The session's files as the encoder leaves them: sidecars first, then the MP4. */
  private static Map<String, Path> session(String session, boolean sidecars) throws IOException {
    var files = new java.util.HashMap<String, Path>();
    if (sidecars) {
      files.put(
          "vtt",
          Files.writeString(
              recordings().resolve(session + ".vtt"),
              "WEBVTT\n\n00:00.000 --> 00:01.500\nls -la\n",
              StandardCharsets.UTF_8));
      byte[] jpeg =
          ("\u00ff\u00d8\u00ff\u00e0 poster of " + session).getBytes(StandardCharsets.ISO_8859_1);
      files.put("jpg", Files.write(recordings().resolve(session + ".jpg"), jpeg));
    }
    Path mp4 =
        Files.copy(
            UploaderEndToEndTest.referenceRecordings()
                .resolve("vnc-5-idle-1024x768.guacenc-x264.mp4"),
            recordings().resolve(session + ".mp4"));
    Files.setLastModifiedTime(mp4, FileTime.from(RECORDED));
    files.put("mp4", mp4);
    return files;
  }

  private static Map<String, byte[]> bytes(Map<String, Path> files) throws IOException {
    var bytes = new java.util.HashMap<String, byte[]>();
    for (var file : files.entrySet()) {
      bytes.put(file.getKey(), Files.readAllBytes(file.getValue()));
    }
    return bytes;
  }

  private static String sha(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(Digests.sha256().digest(bytes));
  }
}
