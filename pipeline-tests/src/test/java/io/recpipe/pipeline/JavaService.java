package io.recpipe.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of recpipe's services started from its built jar ({@code java -jar}) as a child process bound
 * to 127.0.0.1, its output in a log file. Stopping it ends its child processes too (the encoder's
 * ffmpeg).
 */
final class JavaService implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int port;
  private final int managementPort;
  private final Path log;
  private final Process process;

  private JavaService(String name, int port, int managementPort, Path log, Process process) {
    this.name = name;
    this.port = port;
    this.managementPort = managementPort;
    this.log = log;
    this.process = process;
  }

  /**
   * Starts the jar with {@code --server.port} and {@code --server.address=127.0.0.1}, and
   * management (actuator, admin API) on a free port of its own on 127.0.0.1: the services'
   * application.yml sets {@code management.server.address}, which Spring Boot refuses when
   * management shares the application's port.
   */
  static JavaService start(
      String name, Path jar, int port, Path logDir, Map<String, String> env, List<String> args) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(name + " jar missing (mvn package builds it): " + jar);
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC", "-jar", jar.toString()));
    command.add("--server.address=127.0.0.1");
    command.add("--server.port=" + port);
    int managementPort = freePort();
    command.add("--management.server.port=" + managementPort);
    command.add("--management.server.address=127.0.0.1");
    command.addAll(args);
    Path log = logDir.resolve(name + ".log");
    try {
      Files.createDirectories(logDir);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(env);
      return new JavaService(name, port, managementPort, log, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name, e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The management port: actuator, and the services' admin API and console. */
  String managementUrl() {
    return "http://127.0.0.1:" + managementPort;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  Path log() {
    return log;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until {@code path} of the management port answers 200, at most {@code limit}. */
  void awaitHealthy(String path, Duration limit) {
    Instant deadline = Instant.now().plus(limit);
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited early; see " + log + "\n" + tail());
      }
      try {
        HttpResponse<Void> response =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(managementUrl() + path))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(name + " not healthy in " + limit + "\n" + tail());
      }
      Waits.pause(Duration.ofMillis(300));
    }
  }

  /** The last lines of the log, for failure messages. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return "----- "
          + name
          + " ("
          + log
          + ") -----\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "----- " + name + ": no log (" + e.getMessage() + ")";
    }
  }

  /** SIGTERM, then after 15 s a kill; child processes the same way. */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } finally {
      children.forEach(ProcessHandle::destroyForcibly);
    }
  }
}
