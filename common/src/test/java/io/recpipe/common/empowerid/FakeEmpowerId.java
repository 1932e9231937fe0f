package io.recpipe.common.empowerid;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.web.client.RestClient;

/** EmpowerID's endpoints played by WireMock over real HTTP, and a client pointed at them. */
final class FakeEmpowerId {

  static final String TOKEN_PATH = "/oauth/v2/token";
  static final String POLLING_PATH = "/api/services/v1/secureaccessgateway/polling";

  final WireMockExtension wm;
  final MutableClock clock = new MutableClock();
  final RecordingSleeper sleeper = new RecordingSleeper();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  FakeEmpowerId(WireMockExtension wm) {
    this.wm = wm;
  }

  static String statusPath(String sessionId) {
    return "/api/services/v1/secureaccessgateway/sessions/" + sessionId + "/recording-status";
  }

  TestSettings settings() {
    return TestSettings.forBaseUrl(wm.baseUrl());
  }

  HttpEmpowerIdClient client(TestSettings settings) {
    return new HttpEmpowerIdClient(settings.bind(), RestClient.builder(), clock, sleeper, meters);
  }

  HttpEmpowerIdClient client() {
    return client(settings());
  }

  /** The token endpoint hands out the given tokens in turn (the last one again and again). */
  void stubTokens(int expiresIn, String... tokens) {
    for (int i = 0; i < tokens.length; i++) {
      var stub =
          post(urlEqualTo(TOKEN_PATH))
              .withHeader(EmpowerIdHttp.API_KEY_HEADER, equalTo(TestSettings.API_KEY))
              .withFormParam("grant_type", equalTo("client_credentials"))
              .withFormParam("client_id", equalTo(TestSettings.CLIENT_ID))
              .withFormParam("client_secret", equalTo(TestSettings.CLIENT_SECRET))
              .inScenario("tokens")
              .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "token-" + i)
              .willReturn(
                  okJson(
                      "{\"access_token\":\""
                          + tokens[i]
                          + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                          + expiresIn
                          + "}"));
      if (i < tokens.length - 1) {
        stub = stub.willSetStateTo("token-" + (i + 1));
      }
      wm.stubFor(stub);
    }
  }

  void stubToken(String token) {
    stubTokens(3600, token);
  }

  void stubPoll(String json) {
    wm.stubFor(post(urlEqualTo(POLLING_PATH)).willReturn(okJson(json)));
  }

  void stubPollStatus(int status) {
    wm.stubFor(post(urlEqualTo(POLLING_PATH)).willReturn(aResponse().withStatus(status)));
  }

  int tokenRequests() {
    return wm.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH))).size();
  }

  int pollRequests() {
    return wm.findAll(postRequestedFor(urlEqualTo(POLLING_PATH))).size();
  }

  double calls(String operation, String outcome) {
    var counter =
        meters.find(EmpowerIdMetrics.CALLS).tag("operation", operation).tag("outcome", outcome);
    return counter.counter() == null ? 0 : counter.counter().count();
  }
}
