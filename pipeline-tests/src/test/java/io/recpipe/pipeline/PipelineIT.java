package io.recpipe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import io.recpipe.uploader.testing.AzuriteServer;
import io.recpipe.uploader.testing.LocalServer;
import io.recpipe.uploader.testing.S3MockServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole pipeline as it runs in production, on one machine: the EmpowerID simulator, the encoder
 * and the uploader from their built jars as separate processes, S3Mock and Azurite as the clouds,
 * and real recordings, one per storage mode. Checks every stored object, every session's status
 * history, and that local files disappear only once their result is safe.
 */
class PipelineIT {

  private static final Duration START_LIMIT = Duration.ofMinutes(3);
  private static final Duration PIPELINE_LIMIT = Duration.ofMinutes(5);
  private static final Duration CLEANUP_LIMIT = Duration.ofSeconds(60);
  private static final String CONTAINER = "recordings";
  private static final List<String> EXPECTED_HISTORY =
      List.of("Processing", "Processed", "Uploading", "Uploaded");
  private static final Pattern SYNC = Pattern.compile("4\\.sync,\\d+\\.(\\d+)[,;]");

  /** A session, the recording it is made of, and where its video goes. */
  private record Case(String sessionId, String source, String storageMode) {}

  /** A VNC session: vnc-1-short, or on the small corpus in testdata/ its one VNC recording. */
  private static final String VNC =
      Files.exists(recordings().resolve("vnc-1-short-1024x768.guac"))
          ? "vnc-1-short-1024x768"
          : "vnc-5-idle-1024x768";

  private static final List<Case> CASES =
      List.of(
          new Case("ssh-1-1024x768", "ssh-1-1024x768.guac", "AWS"),
          new Case(VNC, VNC + ".guac", "Azure"),
          new Case("ssh-1-to-file", "ssh-1-1024x768.guac", "File"));

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<AutoCloseable> started =
      Collections.synchronizedList(new ArrayList<>());
  private static final List<JavaService> services = new ArrayList<>();

  private static Path work;
  private static Path recordingsDir;
  private static Path mp4Dir;
  private static Path fileStore;
  private static S3MockServer s3mock;
  private static S3Client s3;
  private static BlobContainerClient container;
  private static JavaService simulator;
  private static volatile boolean passed;

  @BeforeAll
  static void startPipeline() throws IOException {
    work = Files.createTempDirectory("recpipe-pipeline-");
    recordingsDir = Files.createDirectories(work.resolve("session_files"));
    mp4Dir = Files.createDirectories(work.resolve("recording"));
    fileStore = Files.createDirectories(work.resolve("videos"));
    Path logs = work.resolve("logs");

    // The two stores side by side, then the three services (each waited for only at the end).
    CompletableFuture<S3MockServer> s3Start = CompletableFuture.supplyAsync(S3MockServer::start);
    CompletableFuture<AzuriteServer> azuriteStart =
        CompletableFuture.supplyAsync(AzuriteServer::start);
    CompletableFuture.allOf(s3Start, azuriteStart).exceptionally(e -> null).join();
    Stream.of(s3Start, azuriteStart)
        .filter(start -> !start.isCompletedExceptionally())
        .forEach(start -> started.add(start.join()));
    s3mock = s3Start.join();
    AzuriteServer azurite = azuriteStart.join();
    s3 =
        S3Client.builder()
            .endpointOverride(URI.create(s3mock.endpoint()))
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build();
    started.add(s3);
    container =
        new BlobServiceClientBuilder()
            .connectionString(azurite.connectionString())
            .buildClient()
            .getBlobContainerClient(CONTAINER);
    container.createIfNotExists();

    simulator = service("simulator", LocalServer.freePort(), logs, Map.of(), List.of());
    Map<String, String> empowerId =
        Map.of(
            "EMPOWERID_BASE_URL", simulator.baseUrl(),
            "EMPOWERID_ALLOW_INSECURE_HTTP", "true",
            "EMPOWERID_API_KEY", "sim-api-key",
            "EMPOWERID_CLIENT_ID", "recpipe",
            "EMPOWERID_CLIENT_SECRET", "sim-client-secret");
    JavaService encoder =
        service(
            "encoder",
            LocalServer.freePort(),
            logs,
            empowerId,
            List.of(
                "--encoder.recordings-dir=" + recordingsDir,
                "--encoder.output-dir=" + mp4Dir,
                "--encoder.data-dir=" + work.resolve("encoder"),
                "--encoder.min-free-disk=1MB",
                "--encoder.scan.interval=1s",
                "--encoder.scan.initial-delay=1s",
                "--encoder.scan.stable-check=500ms",
                "--encoder.process.interval=1s",
                "--encoder.process.initial-delay=1s",
                "--encoder.process.retry-delay=5s"));

    Map<String, String> uploaderEnv = new HashMap<>(empowerId);
    uploaderEnv.put("UPLOADER_STORE_S3_ACCESS_KEY", "test");
    uploaderEnv.put("UPLOADER_STORE_S3_SECRET_KEY", "test");
    uploaderEnv.put("UPLOADER_STORE_AZURE_CONNECTION_STRING", azurite.connectionString());
    JavaService uploader =
        service(
            "uploader",
            LocalServer.freePort(),
            logs,
            uploaderEnv,
            List.of(
                "--uploader.recordings-dir=" + mp4Dir,
                "--uploader.data-dir=" + work.resolve("uploader"),
                "--uploader.min-free-disk=1MB",
                "--uploader.scan.interval=1s",
                "--uploader.scan.initial-delay=1s",
                "--uploader.scan.quiet-period=2s",
                "--uploader.upload.interval=1s",
                "--uploader.upload.initial-delay=1s",
                "--uploader.upload.retry-delay=5s",
                "--uploader.store.s3.bucket=" + S3MockServer.BUCKET,
                "--uploader.store.s3.endpoint=" + s3mock.endpoint(),
                "--uploader.store.s3.path-style=true",
                "--uploader.store.azure.container=" + CONTAINER,
                "--uploader.store.file.root=" + fileStore));
    simulator.awaitHealthy("/actuator/health", START_LIMIT);
    encoder.awaitHealthy("/actuator/health/liveness", START_LIMIT);
    uploader.awaitHealthy("/actuator/health/liveness", START_LIMIT);
  }

  private static JavaService service(
      String name, int port, Path logs, Map<String, String> env, List<String> args) {
    Path jar = Path.of(System.getProperty("recpipe.jar." + name, "missing-" + name + ".jar"));
    JavaService service = JavaService.start(name, jar, port, logs, env, args);
    started.add(service);
    services.add(service);
    return service;
  }

  @AfterAll
  static void stopEverything() {
    List<AutoCloseable> toStop = new ArrayList<>(started);
    Collections.reverse(toStop);
    for (AutoCloseable each : toStop) {
      try {
        each.close();
      } catch (Exception e) {
        System.err.println("Could not stop " + each + ": " + e);
      }
    }
    WorkDirs.removeOrKeep(work, passed, "Pipeline");
  }

  @Test
  void everyRecordingReachesItsStoreAndEmpowerIdHearsEachStepInOrder() throws Exception {
    for (Case each : CASES) {
      JsonNode created =
          post(
              "/sessions",
              Map.of("sessionId", each.sessionId(), "storageMode", each.storageMode()));
      assertThat(created.path("storageMode").asString()).isEqualTo(each.storageMode());
    }
    Path incoming = Files.createDirectories(work.resolve("incoming"));
    for (Case each : CASES) {
      Path copy = incoming.resolve(each.sessionId() + ".guac");
      Files.copy(recordings().resolve(each.source()), copy);
      Files.move(copy, guac(each), StandardCopyOption.ATOMIC_MOVE);
    }

    Map<String, JsonNode> sessions = awaitEveryoneUploaded();
    awaitLocalFilesGone();

    for (Case each : CASES) {
      JsonNode session = sessions.get(each.sessionId());
      List<String> history = new ArrayList<>();
      session
          .path("history")
          .forEach(change -> history.add(change.path("recordingStatus").asString()));
      assertThat(history).as("status history of %s", each.sessionId()).isEqualTo(EXPECTED_HISTORY);
      List<String> instances = new ArrayList<>();
      session
          .path("history")
          .forEach(change -> instances.add(change.path("processInstance").asString()));
      assertThat(instances.subList(0, 2))
          .allMatch(i -> i.startsWith("encoder"), "encoder instance");
      assertThat(instances.subList(2, 4))
          .allMatch(i -> i.startsWith("uploader"), "uploader instance");

      Stored stored = fetch(each);
      // The default key template; the clouds' prefix is "recordings", the file store has none.
      String prefix = each.storageMode().equals("File") ? "" : "recordings/";
      assertThat(stored.key())
          .as("object name of %s", each.sessionId())
          .matches(prefix + "\\d{4}/\\d{2}/\\d{2}/" + Pattern.quote(each.sessionId()) + "\\.mp4");
      String sha256 = sha256(stored.file());
      if (!each.storageMode().equals("File")) {
        assertThat(stored.metadata()).containsEntry("sha256", sha256);
        assertThat(stored.metadata())
            .as("metadata of %s", each.sessionId())
            .containsValue(each.sessionId());
      }
      Probe probe = ffprobe(stored.file());
      assertThat(probe.codec()).as("codec of %s", each.sessionId()).isEqualTo("h264");
      assertThat(probe.seconds())
          .as("duration of %s", each.sessionId())
          .isCloseTo(sessionSeconds(recordings().resolve(each.source())), within(1.0));
    }
    passed = true;
  }

  /**
   * Polls the simulator until every session is Uploaded (failing at once on a Failed word), and at
   * each round checks that local files disappear only after their step: the files are looked at
   * first, the statuses read after, so a file already gone while the status still lags is a loss.
   */
  private Map<String, JsonNode> awaitEveryoneUploaded() throws Exception {
    Instant deadline = Instant.now().plus(PIPELINE_LIMIT);
    Map<String, Boolean> mp4Seen = new LinkedHashMap<>();
    List<String> violations = new ArrayList<>();
    while (true) {
      Map<String, Boolean> guacThere = new LinkedHashMap<>();
      Map<String, Boolean> mp4There = new LinkedHashMap<>();
      for (Case each : CASES) {
        guacThere.put(each.sessionId(), Files.exists(guac(each)));
        mp4There.put(each.sessionId(), Files.exists(mp4(each)));
      }
      Map<String, JsonNode> sessions = new LinkedHashMap<>();
      for (Case each : CASES) {
        sessions.put(each.sessionId(), get("/sessions/" + each.sessionId()));
      }
      for (Case each : CASES) {
        String id = each.sessionId();
        String status = sessions.get(id).path("recordingStatus").asString();
        int step = EXPECTED_HISTORY.indexOf(status);
        if (!guacThere.get(id) && step < EXPECTED_HISTORY.indexOf("Processed")) {
          violations.add(id + ": recording gone while EmpowerID had " + status);
        }
        if (mp4Seen.getOrDefault(id, false) && !mp4There.get(id) && !status.equals("Uploaded")) {
          violations.add(id + ": MP4 gone while EmpowerID had " + status);
        }
        if (mp4There.get(id)) {
          mp4Seen.put(id, true);
        }
        if (status.endsWith("Failed")) {
          throw new AssertionError(id + " ended " + status + "\n" + statusesAndLogs(sessions));
        }
      }
      assertThat(violations).as("files removed too early").isEmpty();
      boolean allUploaded =
          sessions.values().stream()
              .allMatch(s -> s.path("recordingStatus").asString().equals("Uploaded"));
      if (allUploaded) {
        return sessions;
      }
      for (JavaService service : services) {
        if (!service.isAlive()) {
          throw new AssertionError("A service exited\n" + statusesAndLogs(sessions));
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "Not every session Uploaded within "
                + PIPELINE_LIMIT
                + "\n"
                + statusesAndLogs(sessions));
      }
      Waits.pause(Duration.ofSeconds(1));
    }
  }

  /** After Uploaded: the recording and the MP4 of every session go (the uploader deletes last). */
  private void awaitLocalFilesGone() throws IOException {
    Instant deadline = Instant.now().plus(CLEANUP_LIMIT);
    while (true) {
      List<Path> left = new ArrayList<>();
      for (Path dir : List.of(recordingsDir, mp4Dir)) {
        try (Stream<Path> files = Files.list(dir)) {
          files.forEach(left::add);
        }
      }
      if (left.isEmpty()) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Local files left after Uploaded: " + left);
      }
      Waits.pause(Duration.ofMillis(500));
    }
  }

  /** A stored video copied to a local file, its object name and its metadata. */
  private record Stored(String key, Path file, Map<String, String> metadata) {}

  private Stored fetch(Case each) throws IOException {
    String suffix = "/" + each.sessionId() + ".mp4";
    Path file = work.resolve("check").resolve(each.sessionId() + ".mp4");
    Files.createDirectories(file.getParent());
    switch (each.storageMode()) {
      case "AWS" -> {
        List<String> keys =
            s3.listObjectsV2Paginator(r -> r.bucket(S3MockServer.BUCKET)).contents().stream()
                .map(S3Object::key)
                .filter(k -> k.endsWith(suffix))
                .toList();
        assertThat(keys).as("S3 objects of %s", each.sessionId()).hasSize(1);
        String key = keys.get(0);
        s3.getObject(r -> r.bucket(S3MockServer.BUCKET).key(key), file);
        HeadObjectResponse head = s3.headObject(r -> r.bucket(S3MockServer.BUCKET).key(key));
        return new Stored(key, file, head.metadata());
      }
      case "Azure" -> {
        List<String> names =
            container.listBlobs().stream()
                .map(BlobItem::getName)
                .filter(n -> n.endsWith(suffix))
                .toList();
        assertThat(names).as("Azure blobs of %s", each.sessionId()).hasSize(1);
        var blob = container.getBlobClient(names.get(0));
        blob.downloadToFile(file.toString(), true);
        return new Stored(names.get(0), file, blob.getProperties().getMetadata());
      }
      default -> {
        List<Path> found;
        try (Stream<Path> files = Files.walk(fileStore)) {
          found = files.filter(p -> p.toString().endsWith(suffix)).toList();
        }
        assertThat(found).as("stored files of %s", each.sessionId()).hasSize(1);
        Files.copy(found.get(0), file, StandardCopyOption.REPLACE_EXISTING);
        String key = fileStore.relativize(found.get(0)).toString().replace('\\', '/');
        return new Stored(key, file, Map.of());
      }
    }
  }

  private record Probe(String codec, double seconds) {}

  private static Probe ffprobe(Path file) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                "ffprobe",
                "-v",
                "error",
                "-select_streams",
                "v:0",
                "-show_entries",
                "stream=codec_name:format=duration",
                "-of",
                "default=noprint_wrappers=1",
                file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ffprobe finished").isTrue();
    assertThat(process.exitValue()).as("ffprobe on %s: %s", file, out).isZero();
    Map<String, String> fields =
        out.lines()
            .filter(l -> l.contains("="))
            .collect(
                Collectors.toMap(
                    l -> l.substring(0, l.indexOf('=')),
                    l -> l.substring(l.indexOf('=') + 1),
                    (a, b) -> a));
    return new Probe(fields.get("codec_name"), Double.parseDouble(fields.get("duration")));
  }

  /** The session's length: from its first to its last {@code sync} timestamp (milliseconds). */
  private static double sessionSeconds(Path guac) throws IOException {
    Matcher sync = SYNC.matcher(Files.readString(guac, StandardCharsets.ISO_8859_1));
    long first = -1;
    long last = -1;
    while (sync.find()) {
      long at = Long.parseLong(sync.group(1));
      if (first < 0) {
        first = at;
      }
      last = at;
    }
    assertThat(first).as("sync instructions in %s", guac).isNotNegative();
    return (last - first) / 1000.0;
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    }
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String statusesAndLogs(Map<String, JsonNode> sessions) {
    StringBuilder text = new StringBuilder();
    sessions.forEach((id, s) -> text.append(id).append(": ").append(s).append('\n'));
    services.forEach(service -> text.append(service.tail()).append('\n'));
    return text.toString();
  }

  private static Path recordings() {
    // The build sets recpipe.recordings: the full corpus (RECPIPE_RECORDINGS, or
    // ../shared/recordings beside the repository), else the small one in testdata/.
    return Path.of(System.getProperty("recpipe.recordings", "../testdata/recordings"))
        .toAbsolutePath()
        .normalize();
  }

  private static Path guac(Case each) {
    return recordingsDir.resolve(each.sessionId() + ".guac");
  }

  private static Path mp4(Case each) {
    return mp4Dir.resolve(each.sessionId() + ".mp4");
  }

  private static JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static JsonNode post(String path, Object body) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(201);
    return JSON.readTree(response.body());
  }
}
