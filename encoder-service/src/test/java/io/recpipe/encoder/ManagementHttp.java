package io.recpipe.encoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** Real HTTP requests to a started service's ports, with or without the management credential. */
final class ManagementHttp {

  static final String TOKEN = "test-admin-token-0123456789";

  /** Writes the test's token to a file under {@code root}, for {@code recpipe.admin.token-file}. */
  static Path tokenFile(Path root) {
    try {
      return Files.writeString(root.resolve("admin-token"), TOKEN + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private final int port;
  private final String authorization;

  private ManagementHttp(int port, String authorization) {
    this.port = port;
    this.authorization = authorization;
  }

  static ManagementHttp anonymous(int port) {
    return new ManagementHttp(port, null);
  }

  static ManagementHttp bearer(int port) {
    return bearer(port, TOKEN);
  }

  static ManagementHttp bearer(int port, String token) {
    return new ManagementHttp(port, "Bearer " + token);
  }

  static ManagementHttp basic(int port, String user, String password) {
    String pair = user + ":" + password;
    return new ManagementHttp(port, "Basic " + Base64.getEncoder().encodeToString(pair.getBytes()));
  }

  HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, null);
  }

  HttpResponse<String> send(String method, String path, String body) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
