package io.recpipe.uploader.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** EmpowerID on WireMock over real HTTP: token, polling answers, recording-status updates. */
final class EmpowerIdStub implements AutoCloseable {

  static final String STATUS_PATH =
      "/api/services/v1/secureaccessgateway/sessions/%s/recording-status";
  private static final Pattern STATUS_WORD =
      Pattern.compile("\"recordingStatus\"\\s*:\\s*\"([^\"]+)\"");

  private final WireMockServer server =
      new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

  EmpowerIdStub() {
    server.start();
    server.stubFor(
        post(urlPathEqualTo("/oauth/v2/token"))
            .willReturn(
                okJson(
                    "{\"access_token\":\"t0k3n\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
    server.stubFor(
        put(urlPathMatching("/api/services/v1/secureaccessgateway/sessions/[^/]+/recording-status"))
            .willReturn(aResponse().withStatus(204)));
  }

  String baseUrl() {
    return server.baseUrl();
  }

  /** Every poll answers with these sessions: Closed, Processed, with the given storage mode. */
  void sessions(Map<String, String> storageModes) {
    String sessions =
        storageModes.entrySet().stream()
            .map(
                e ->
                    ("{\"sessionId\":\"%s\",\"sessionStatus\":\"Closed\","
                            + "\"recordingStatus\":\"Processed\",\"storageMode\":\"%s\"}")
                        .formatted(e.getKey(), e.getValue()))
            .collect(Collectors.joining(","));
    server.stubFor(
        post(urlPathEqualTo("/api/services/v1/secureaccessgateway/polling"))
            .willReturn(okJson("{\"sessions\":[" + sessions + "]}")));
  }

  /** Answers status updates of one session with this HTTP status. */
  void statusAnswer(String sessionId, int status) {
    server.stubFor(
        put(urlPathEqualTo(STATUS_PATH.formatted(sessionId)))
            .willReturn(aResponse().withStatus(status)));
  }

  /** The recording-status words sent for a session, in order. */
  List<String> statusesSent(String sessionId) {
    List<LoggedRequest> requests =
        server.findAll(putRequestedFor(urlPathEqualTo(STATUS_PATH.formatted(sessionId))));
    return requests.stream()
        .map(
            r -> {
              Matcher m = STATUS_WORD.matcher(r.getBodyAsString());
              return m.find() ? m.group(1) : "?";
            })
        .toList();
  }

  /** The bodies of a session's recording-status updates, in order. */
  List<String> statusBodies(String sessionId) {
    return server
        .findAll(putRequestedFor(urlPathEqualTo(STATUS_PATH.formatted(sessionId))))
        .stream()
        .map(LoggedRequest::getBodyAsString)
        .toList();
  }

  @Override
  public void close() {
    server.stop();
  }
}
