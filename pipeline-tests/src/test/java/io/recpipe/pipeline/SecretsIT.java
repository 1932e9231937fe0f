package io.recpipe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.uploader.testing.LocalServer;
import io.recpipe.uploader.testing.S3MockServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * No secret in DEBUG logs or on the management port: the encoder and the uploader from their jars
 * with {@code logging.level.root=DEBUG}, every secret a distinctive value — the encoder's from
 * files in its secrets directory (configtree), the uploader's from environment variables and an
 * argument (with decoy files its environment overrides) — take a session through EmpowerID (the
 * simulator, behind a relay that learns the access tokens it issues) and S3 (S3Mock). Then the
 * whole output of both processes and every answer of their management ports (each actuator endpoint
 * listed, every metric, the admin API, the console) are searched for every secret, the Basic form
 * of the client credentials and the access tokens.
 */
class SecretsIT {

  private static final Duration START_LIMIT = Duration.ofMinutes(4);
  private static final Duration PIPELINE_LIMIT = Duration.ofMinutes(5);
  private static final String SESSION = "secrets-ssh-1";
  private static final String CLIENT_ID = "recpipe";
  private static final String CLIENT_SECRET = "cs-Vq7Zr2Lm9Xw4Tt";
  private static final String API_KEY = "ak-Pn3Hd8Kc1Yf6Jg";
  private static final String ENCODER_TOKEN = "adm-Ee4Rb7Ns2Qu9Wk";
  private static final String UPLOADER_TOKEN = "adm-Uu5Gh1Mx8Cz3Ov";
  private static final String ENCODER_DB_PASSWORD = "db-Ea6Tp4Lr9Ks2Dn";
  private static final String UPLOADER_DB_PASSWORD = "db-Ub3Wy7Fq5Hj8Ms";
  private static final String S3_SECRET_KEY = "s3-Sk2Vn6Bd9Rp4Lx";
  private static final String AZURE_KEY =
      Base64.getEncoder()
          .encodeToString("az-Ak5Qm8Tc3Wg7Zy-recpipe-secrets".getBytes(StandardCharsets.UTF_8));
  private static final String DECOY_SECRET = "decoy-Dz1Xc4Vb7Nm0";

  private final List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
  private final List<JavaService> services = new ArrayList<>();
  private Path work;
  private boolean passed;

  @AfterEach
  void stop() throws Exception {
    List<AutoCloseable> toStop = new ArrayList<>(started);
    Collections.reverse(toStop);
    for (AutoCloseable each : toStop) {
      each.close();
    }
    WorkDirs.removeOrKeep(work, passed, "Secrets");
  }

  @Test
  void noSecretInDebugLogsOrOnTheManagementPort() throws Exception {
    work = Files.createTempDirectory("recpipe-secrets-");
    Path recordings = Files.createDirectories(work.resolve("session_files"));
    Path mp4s = Files.createDirectories(work.resolve("recording"));
    Path logs = work.resolve("logs");
    S3MockServer s3mock = S3MockServer.start();
    started.add(s3mock);

    JavaService simulatorProcess =
        service(
            "simulator",
            logs,
            Map.of(),
            List.of(
                "--simulator.api-key=" + API_KEY,
                "--simulator.client-id=" + CLIENT_ID,
                "--simulator.client-secret=" + CLIENT_SECRET));
    Simulator simulator = new Simulator(simulatorProcess);
    simulatorProcess.awaitHealthy("/actuator/health", START_LIMIT);
    TokenWitness witness = TokenWitness.start(simulatorProcess.baseUrl());
    started.add(witness);

    // The encoder: every secret from a file named after its setting.
    Path encoderSecrets = Files.createDirectories(work.resolve("encoder-secrets"));
    Files.writeString(encoderSecrets.resolve("empowerid.client-secret"), CLIENT_SECRET + "\n");
    Files.writeString(encoderSecrets.resolve("empowerid.api-key"), API_KEY + "\n");
    Files.writeString(encoderSecrets.resolve("spring.datasource.password"), ENCODER_DB_PASSWORD);
    Files.writeString(encoderSecrets.resolve("admin-token"), ENCODER_TOKEN + "\n");
    Map<String, String> encoderEnv = new HashMap<>();
    encoderEnv.put("EMPOWERID_BASE_URL", witness.baseUrl());
    encoderEnv.put("EMPOWERID_ALLOW_INSECURE_HTTP", "true");
    encoderEnv.put("EMPOWERID_CLIENT_ID", CLIENT_ID);
    JavaService encoder =
        service(
            "encoder",
            logs,
            encoderEnv,
            debug(
                "--recpipe.secrets-dir=" + encoderSecrets,
                "--recpipe.admin.token-file=" + encoderSecrets.resolve("admin-token"),
                "--encoder.recordings-dir=" + recordings,
                "--encoder.output-dir=" + mp4s,
                "--encoder.data-dir=" + work.resolve("encoder"),
                "--encoder.min-free-disk=1MB",
                "--encoder.scan.interval=1s",
                "--encoder.scan.initial-delay=1s",
                "--encoder.scan.stable-check=500ms",
                "--encoder.process.interval=1s",
                "--encoder.process.initial-delay=1s"));

    // The uploader: secrets from its environment and one argument; the files in its secrets
    // directory hold decoys that the environment overrides.
    Path uploaderSecrets = Files.createDirectories(work.resolve("uploader-secrets"));
    Files.writeString(uploaderSecrets.resolve("empowerid.client-secret"), DECOY_SECRET);
    Files.writeString(uploaderSecrets.resolve("admin-token"), UPLOADER_TOKEN);
    Map<String, String> uploaderEnv = new HashMap<>(encoderEnv);
    uploaderEnv.put("EMPOWERID_CLIENT_SECRET", CLIENT_SECRET);
    uploaderEnv.put("EMPOWERID_API_KEY", API_KEY);
    uploaderEnv.put("SPRING_DATASOURCE_PASSWORD", UPLOADER_DB_PASSWORD);
    uploaderEnv.put("UPLOADER_STORE_S3_ACCESS_KEY", "recpipe-access");
    // Azure is configured (its key is a secret too) but not used: nothing listens there.
    uploaderEnv.put(
        "UPLOADER_STORE_AZURE_CONNECTION_STRING",
        "DefaultEndpointsProtocol=http;AccountName=recpipesecrets;AccountKey="
            + AZURE_KEY
            + ";BlobEndpoint=http://127.0.0.1:"
            + LocalServer.freePort()
            + "/recpipesecrets;");
    JavaService uploader =
        service(
            "uploader",
            logs,
            uploaderEnv,
            debug(
                "--recpipe.secrets-dir=" + uploaderSecrets,
                "--recpipe.admin.token-file=" + uploaderSecrets.resolve("admin-token"),
                "--uploader.store.s3.secret-key=" + S3_SECRET_KEY,
                "--uploader.store.s3.bucket=" + S3MockServer.BUCKET,
                "--uploader.store.s3.endpoint=" + s3mock.endpoint(),
                "--uploader.store.s3.path-style=true",
                "--uploader.recordings-dir=" + mp4s,
                "--uploader.data-dir=" + work.resolve("uploader"),
                "--uploader.min-free-disk=1MB",
                "--uploader.scan.interval=1s",
                "--uploader.scan.initial-delay=1s",
                "--uploader.scan.quiet-period=2s",
                "--uploader.upload.interval=1s",
                "--uploader.upload.initial-delay=1s"));
    encoder.awaitHealthy("/actuator/health/liveness", START_LIMIT);
    uploader.awaitHealthy("/actuator/health/liveness", START_LIMIT);

    simulator.feed(
        "AWS", Map.of(SESSION, "ssh-1-1024x768.guac"), recordings, work.resolve("incoming"));
    simulator.await(
        SESSION + " Uploaded",
        statuses -> {
          assertThat(statuses.get(SESSION)).doesNotEndWith("Failed");
          return statuses.get(SESSION).equals("Uploaded");
        },
        PIPELINE_LIMIT,
        services);
    assertThat(witness.tokens()).as("access tokens issued through the relay").isNotEmpty();

    Map<String, String> secrets = secrets(witness.tokens());
    Map<String, String> answers = new LinkedHashMap<>();
    answers.putAll(
        managementAnswers(
            "encoder", Management.of(encoder, encoderSecrets.resolve("admin-token"))));
    answers.putAll(
        managementAnswers(
            "uploader", Management.of(uploader, uploaderSecrets.resolve("admin-token"))));
    for (JavaService each : List.of(encoder, uploader)) {
      String log = Files.readString(each.log());
      assertThat(log).as("DEBUG lines in %s", each.log()).contains(" DEBUG ");
      answers.put("log of " + each.log().getFileName(), log);
    }
    List<String> leaks = new ArrayList<>();
    answers.forEach(
        (where, text) ->
            secrets.forEach(
                (name, value) -> {
                  if (text.contains(value)) {
                    leaks.add(name + " in " + where + ": ..." + around(text, value) + "...");
                  }
                }));
    assertThat(leaks).as("secrets found").isEmpty();
    passed = true;
  }

  /** Every secret by name, and the forms it could take on the wire. */
  private static Map<String, String> secrets(List<String> accessTokens) {
    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put("EmpowerID client secret", CLIENT_SECRET);
    secrets.put("decoy client secret (file overridden)", DECOY_SECRET);
    secrets.put(
        "client id:secret as HTTP Basic",
        Base64.getEncoder()
            .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
    secrets.put("EmpowerID API key", API_KEY);
    secrets.put("encoder admin token", ENCODER_TOKEN);
    secrets.put("uploader admin token", UPLOADER_TOKEN);
    secrets.put("encoder DB password", ENCODER_DB_PASSWORD);
    secrets.put("uploader DB password", UPLOADER_DB_PASSWORD);
    secrets.put("S3 secret key", S3_SECRET_KEY);
    secrets.put("Azure account key", AZURE_KEY);
    for (int i = 0; i < accessTokens.size(); i++) {
      secrets.put("EmpowerID access token " + (i + 1), accessTokens.get(i));
    }
    return secrets;
  }

  /**
   * What the management port answers with the token: every actuator endpoint it lists (each metric
   * too), the usual others asked for in case they answer unlisted, the admin API, the console.
   */
  private Map<String, String> managementAnswers(String name, Management port) throws Exception {
    JsonNode links = port.json("/actuator").path("_links");
    assertThat(links.has("heapdump")).as("heapdump (holds every secret) exposed").isFalse();
    Set<String> paths = new LinkedHashSet<>();
    paths.add("/actuator");
    links.forEach(
        link -> {
          String href = link.path("href").asString();
          if (!link.path("templated").asBoolean()) {
            paths.add(href.substring(href.indexOf("/actuator")));
          }
        });
    for (String endpoint :
        List.of(
            "env",
            "configprops",
            "health",
            "info",
            "prometheus",
            "metrics",
            "beans",
            "loggers",
            "mappings",
            "conditions",
            "scheduledtasks",
            "threaddump",
            "startup",
            "sbom")) {
      paths.add("/actuator/" + endpoint);
    }
    if (port.get("/actuator/metrics").statusCode() == 200) {
      port.json("/actuator/metrics")
          .path("names")
          .forEach(metric -> paths.add("/actuator/metrics/" + metric.asString()));
    }
    paths.addAll(
        List.of(
            "/admin/summary",
            "/admin/jobs",
            "/admin/jobs/" + SESSION,
            "/admin/claiming",
            "/admin/activity",
            "/console/",
            "/console/console.js"));
    Map<String, String> answers = new LinkedHashMap<>();
    for (String path : paths) {
      HttpResponse<String> response = port.get(path);
      answers.put(name + " " + path + " (" + response.statusCode() + ")", response.body());
    }
    assertThat(answers.keySet())
        .as("answered")
        .contains(
            name + " /actuator/health (200)",
            name + " /actuator/prometheus (200)",
            name + " /admin/jobs/" + SESSION + " (200)");
    return answers;
  }

  private static String around(String text, String value) {
    int at = text.indexOf(value);
    return text.substring(Math.max(0, at - 120), Math.min(text.length(), at + value.length() + 40))
        .replace('\n', ' ');
  }

  private static List<String> debug(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--logging.level.root=DEBUG");
    all.add("--logging.level.io.recpipe=DEBUG");
    return all;
  }

  private JavaService service(String kind, Path logs, Map<String, String> env, List<String> args) {
    Path jar = Path.of(System.getProperty("recpipe.jar." + kind, "missing-" + kind + ".jar"));
    JavaService service = JavaService.start(kind, jar, LocalServer.freePort(), logs, env, args);
    started.add(service);
    services.add(service);
    return service;
  }
}
