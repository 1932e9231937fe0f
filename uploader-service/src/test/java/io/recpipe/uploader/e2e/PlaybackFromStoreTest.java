package io.recpipe.uploader.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.JobState;
import io.recpipe.common.job.PacedRuns;
import io.recpipe.common.session.SessionId;
import io.recpipe.uploader.scan.ScanJob;
import io.recpipe.uploader.store.azure.AzureBlobClients;
import io.recpipe.uploader.testing.Servers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's player once the uploader has removed the local MP4: the admin API (management port,
 * token) answers with a short-lived link to the stored object (S3Mock presigned URL, Azurite SAS
 * URL), which a plain HTTP client reads in ranges, or streams the file store's file itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class PlaybackFromStoreTest {

  static final String TOKEN = "uploader-playback-token-0123456789";
  static final Instant RECORDED = Instant.parse("2026-03-04T10:15:30Z");
  static final EmpowerIdStub empowerId = new EmpowerIdStub();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HttpClient http = HttpClient.newHttpClient();
  static Path work;

  @LocalManagementPort int managementPort;
  @Autowired ScanJob scan;
  @Autowired PacedRuns upload;
  @Autowired JdbcJobStore jobs;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) throws IOException {
    work = E2eProperties.register(registry, "uploader-playback", empowerId, "recordings");
    Path token = Files.writeString(work.resolve("admin-token"), TOKEN);
    registry.add("server.address", () -> "127.0.0.1");
    registry.add("recpipe.admin.token-file", token::toString);
    registry.add("uploader.playback.link-ttl", () -> "2m");
    registry.add("uploader.store.azure.container", () -> "playback");
    registry.add(
        "uploader.store.azure.connection-string", () -> Servers.azurite().connectionString());
    AzureBlobClients.container(Servers.azurite().connectionString(), null, "playback", 2)
        .createIfNotExists();
  }

  @AfterAll
  static void stop() {
    empowerId.close();
  }

  @Test
  void aVideoStoredInS3OrAzurePlaysThroughAShortLivedLinkReadInRanges(CapturedOutput output)
      throws Exception {
    String aws = "play-aws-" + UUID.randomUUID();
    String azure = "play-azure-" + UUID.randomUUID();
    byte[] awsBytes = uploaded(aws, "AWS");
    byte[] azureBytes = uploaded(azure, "Azure");

    for (var session : Map.of(aws, awsBytes, azure, azureBytes).entrySet()) {
      HttpResponse<String> answer = admin("/admin/jobs/" + session.getKey() + "/video/link");
      assertThat(answer.statusCode()).isEqualTo(200);
      JsonNode link = JSON.readTree(answer.body());
      assertThat(link.get("source").asString()).isEqualTo("store");
      Instant expiresAt = Instant.parse(link.get("expiresAt").asString());
      assertThat(expiresAt).isAfter(Instant.now()).isBefore(Instant.now().plusSeconds(180));
      URI url = URI.create(link.get("url").asString());

      HttpResponse<byte[]> part = ranged(url, "bytes=100-199");

      assertThat(part.statusCode()).as(session.getKey()).isEqualTo(206);
      assertThat(part.body()).isEqualTo(Arrays.copyOfRange(session.getValue(), 100, 200));
      assertThat(output.getAll()).as("the link is never logged").doesNotContain(url.getQuery());
    }
    HttpResponse<String> redirect = admin("/admin/jobs/" + aws + "/video");
    assertThat(redirect.statusCode()).isEqualTo(302);
    assertThat(redirect.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).startsWith(Servers.s3mock().endpoint()));
  }

  @Test
  void aVideoInTheFileStoreIsStreamedInRangesByTheAdminApi() throws Exception {
    String session = "play-file-" + UUID.randomUUID();
    byte[] bytes = uploaded(session, "File");

    HttpResponse<String> answer = admin("/admin/jobs/" + session + "/video/link");
    JsonNode link = JSON.readTree(answer.body());
    HttpResponse<byte[]> part =
        http.send(
            authorized(
                    URI.create("http://127.0.0.1:" + managementPort + link.get("url").asString()))
                .header("Range", "bytes=100-199")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(link.get("source").asString()).isEqualTo("local");
    assertThat(link.path("expiresAt").isNull() || link.path("expiresAt").isMissingNode()).isTrue();
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(bytes, 100, 200));
  }

  @Test
  void noVideoIsNotFoundAndTheLinkNeedsTheToken() throws Exception {
    assertThat(admin("/admin/jobs/never-stored/video/link").statusCode()).isEqualTo(404);
    assertThat(admin("/admin/jobs/never-stored/video").statusCode()).isEqualTo(404);
    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/admin/jobs/x/video/link"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  /** Scans and uploads one session; returns its MP4's bytes (the local file is gone then). */
  private byte[] uploaded(String session, String mode) throws Exception {
    Path mp4 =
        Files.copy(
            UploaderEndToEndTest.referenceRecordings()
                .resolve("vnc-5-idle-1024x768.guacenc-x264.mp4"),
            work.resolve("recording").resolve(session + ".mp4"));
    Files.setLastModifiedTime(mp4, FileTime.from(RECORDED));
    byte[] bytes = Files.readAllBytes(mp4);
    empowerId.sessions(Map.of(session, mode));
    scan.runOnce();
    upload.runOnce();
    assertThat(jobs.find(SessionId.of(session)).orElseThrow().state()).isEqualTo(JobState.DONE);
    assertThat(mp4).as("played from the store, not the disk").doesNotExist();
    return bytes;
  }

  private HttpResponse<String> admin(String path) throws Exception {
    return http.send(
        authorized(URI.create("http://127.0.0.1:" + managementPort + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder authorized(URI uri) {
    return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + TOKEN);
  }

  private static HttpResponse<byte[]> ranged(URI url, String range) throws Exception {
    return http.send(
        HttpRequest.newBuilder(url).header("Range", range).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
