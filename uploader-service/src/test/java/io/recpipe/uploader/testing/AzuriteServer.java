package io.recpipe.uploader.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Azurite's blob service from {@code tools/azurite} (installed by {@code npm ci} in
 * scripts/setup-machine.sh), on a free port of 127.0.0.1, keeping its data across a kill. With the
 * system property {@code recpipe.azurite.blob-endpoint} the tests use a running one instead.
 */
public final class AzuriteServer implements AutoCloseable {

  /** Azurite's well-known development account (public, documented by Microsoft). */
  public static final String ACCOUNT = "devstoreaccount1";

  public static final String KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private final String blobEndpoint;
  private final Path location;
  private final LocalServer process;

  private AzuriteServer(String blobEndpoint, Path location, LocalServer process) {
    this.blobEndpoint = blobEndpoint;
    this.location = location;
    this.process = process;
  }

  public static AzuriteServer start() {
    String existing = System.getProperty("recpipe.azurite.blob-endpoint");
    if (existing != null && !existing.isBlank()) {
      return new AzuriteServer(existing, null, null);
    }
    Path home = Path.of(System.getProperty("recpipe.azurite.home", "tools/azurite"));
    Path script = home.resolve("node_modules/azurite/dist/src/blob/main.js");
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException(
          "Azurite missing: run scripts/setup-machine.sh (npm ci in " + home + ")");
    }
    try {
      Path location = Files.createTempDirectory("azurite-");
      int port = LocalServer.freePort();
      var command =
          List.of(
              "node",
              script.toAbsolutePath().toString(),
              "--blobHost",
              "127.0.0.1",
              "--blobPort",
              String.valueOf(port),
              "--location",
              location.toString(),
              "--skipApiVersionCheck",
              "--loose");
      var process =
          new LocalServer(
              "Azurite",
              command,
              location.resolveSibling(location.getFileName() + ".log"),
              () -> LocalServer.accepts(port));
      process.start();
      return new AzuriteServer("http://127.0.0.1:" + port + "/" + ACCOUNT, location, process);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String connectionString() {
    return "DefaultEndpointsProtocol=http;AccountName="
        + ACCOUNT
        + ";AccountKey="
        + KEY
        + ";BlobEndpoint="
        + blobEndpoint
        + ";";
  }

  public Optional<LocalServer> process() {
    return Optional.ofNullable(process);
  }

  public Optional<Path> dataDir() {
    return Optional.ofNullable(location);
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
      // The data of a server the tests started goes with it (a 100 MB upload per run adds up).
      LocalServer.deleteTree(location);
    }
  }
}
