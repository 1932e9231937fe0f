package io.recpipe.encoder.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** EmpowerID on WireMock over HTTP, speaking {@code shared/docs/empowerid-api.md}. */
public final class EmpowerIdStub implements AutoCloseable {

  public static final String POLLING = "/api/services/v1/secureaccessgateway/polling";
  private static final Pattern STATUS_WORD =
      Pattern.compile("\"recordingStatus\"\\s*:\\s*\"([^\"]*)\"");

  private final WireMockServer server;

  public EmpowerIdStub() {
    server =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    reset();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  public WireMockServer server() {
    return server;
  }

  /** Forgets stubs and requests; answers tokens and every status update with 204. */
  public void reset() {
    server.resetAll();
    defaults();
  }

  /** Ends an outage: forgets the stubs (keeping the requests seen) and answers normally again. */
  public void recover() {
    server.resetMappings();
    defaults();
  }

  private void defaults() {
    server.stubFor(
        post(urlPathEqualTo("/oauth/v2/token"))
            .willReturn(
                okJson(
                    "{\"access_token\":\"test-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
    server.stubFor(
        put(urlPathMatching("/api/services/v1/secureaccessgateway/sessions/[^/]+/recording-status"))
            .willReturn(aResponse().withStatus(204)));
  }

  /** The polling call answers these sessions as Closed with the given recording status. */
  public void sessions(Map<String, String> recordingStatusBySession) {
    String sessions =
        recordingStatusBySession.entrySet().stream()
            .map(
                e ->
                    "{\"sessionId\":\"%s\",\"sessionStatus\":\"Closed\",\"recordingStatus\":%s,\"storageMode\":\"AWS\"}"
                        .formatted(
                            e.getKey(), e.getValue() == null ? "null" : "\"" + e.getValue() + "\""))
            .collect(Collectors.joining(","));
    server.stubFor(
        post(urlPathEqualTo(POLLING)).willReturn(okJson("{\"sessions\":[" + sessions + "]}")));
  }

  /** Every polling call and status update answers {@code status} (an outage). */
  public void outage(int status) {
    server.stubFor(
        post(urlPathEqualTo(POLLING)).atPriority(1).willReturn(aResponse().withStatus(status)));
    server.stubFor(
        put(urlPathMatching(".*/recording-status"))
            .atPriority(1)
            .willReturn(aResponse().withStatus(status)));
  }

  /** Updates of one session to one word answer {@code status}. */
  public void statusAnswer(String sessionId, String word, int status) {
    server.stubFor(
        put(urlPathEqualTo(statusPath(sessionId)))
            .withRequestBody(containing("\"" + word + "\""))
            .atPriority(1)
            .willReturn(aResponse().withStatus(status)));
  }

  /** The recording-status words sent for a session, in the order they arrived. */
  public List<String> statusesSent(String sessionId) {
    return server.findAll(putRequestedFor(urlPathEqualTo(statusPath(sessionId)))).stream()
        .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
        .map(r -> word(r.getBodyAsString()))
        .toList();
  }

  /** The bodies of the recording-status updates of a session, in the order they arrived. */
  public List<String> statusBodies(String sessionId) {
    return server.findAll(putRequestedFor(urlPathEqualTo(statusPath(sessionId)))).stream()
        .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
        .map(LoggedRequest::getBodyAsString)
        .toList();
  }

  /** The bodies of all polling calls. */
  public List<String> pollingBodies() {
    return server.findAll(postRequestedFor(urlPathEqualTo(POLLING))).stream()
        .map(LoggedRequest::getBodyAsString)
        .toList();
  }

  private static String statusPath(String sessionId) {
    return "/api/services/v1/secureaccessgateway/sessions/" + sessionId + "/recording-status";
  }

  private static String word(String body) {
    Matcher m = STATUS_WORD.matcher(body);
    return m.find() ? m.group(1) : "?";
  }

  @Override
  public void close() {
    server.stop();
  }
}
