package io.recpipe.uploader.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Adobe S3Mock from its exec jar (copied into {@code target/s3mock} by Maven), on free ports of
 * 127.0.0.1, keeping its files across a kill so a restarted server still has the bucket. With the
 * system property {@code recpipe.s3mock.endpoint} the tests use a server already running instead
 * (then it cannot be killed).
 */
public final class S3MockServer implements AutoCloseable {

  public static final String BUCKET = "recordings";

  private final String endpoint;
  private final Path root;
  private final LocalServer process;

  private S3MockServer(String endpoint, Path root, LocalServer process) {
    this.endpoint = endpoint;
    this.root = root;
    this.process = process;
  }

  public static S3MockServer start() {
    String existing = System.getProperty("recpipe.s3mock.endpoint");
    if (existing != null && !existing.isBlank()) {
      return new S3MockServer(existing, null, null);
    }
    Path jar = Path.of(System.getProperty("recpipe.s3mock.jar", "target/s3mock/s3mock-exec.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("S3Mock jar missing (mvn copies it): " + jar);
    }
    try {
      Path root = Files.createTempDirectory("s3mock-");
      int httpPort = LocalServer.freePort();
      int httpsPort = LocalServer.freePort();
      String endpoint = "http://127.0.0.1:" + httpPort;
      var command =
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx384m",
              "-jar",
              jar.toAbsolutePath().toString(),
              "--server.address=127.0.0.1",
              "--server.port=" + httpsPort,
              "--http.port=" + httpPort,
              "--com.adobe.testing.s3mock.store.root=" + root,
              "--com.adobe.testing.s3mock.store.retain-files-on-exit=true",
              "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET,
              "--logging.level.root=WARN");
      var process =
          new LocalServer(
              "S3Mock",
              command,
              root.resolveSibling(root.getFileName() + ".log"),
              () -> answers(endpoint));
      process.start();
      return new S3MockServer(endpoint, root, process);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean answers(String endpoint) {
    try {
      var connection = (HttpURLConnection) URI.create(endpoint + "/").toURL().openConnection();
      connection.setConnectTimeout(500);
      connection.setReadTimeout(5000);
      int status = connection.getResponseCode();
      connection.disconnect();
      return status == 200;
    } catch (IOException e) {
      return false;
    }
  }

  public String endpoint() {
    return endpoint;
  }

  /** Control over the process, when the tests started it. */
  public Optional<LocalServer> process() {
    return Optional.ofNullable(process);
  }

  public Optional<Path> dataDir() {
    return Optional.ofNullable(root);
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
      // The data of a server the tests started goes with it (a 100 MB upload per run adds up).
      LocalServer.deleteTree(root);
    }
  }
}
