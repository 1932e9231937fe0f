package io.recpipe.common.empowerid;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.recpipe.common.empowerid.FakeEmpowerId.POLLING_PATH;
import static io.recpipe.common.empowerid.FakeEmpowerId.TOKEN_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.recpipe.common.session.SessionId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpEmpowerIdClientTokenTest {

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final List<SessionId> ONE = List.of(SessionId.of("s1"));
  private static final String EMPTY = "{\"sessions\":[]}";

  private FakeEmpowerId fake;

  @BeforeEach
  void setUp() {
    fake = new FakeEmpowerId(wm);
  }

  @Test
  void fetchesTheTokenOnceAndSendsTheApiKeyAndBearerOnEveryCall() {
    fake.stubToken("token-A");
    wm.stubFor(
        post(urlEqualTo(POLLING_PATH))
            .withHeader(EmpowerIdHttp.API_KEY_HEADER, equalTo(TestSettings.API_KEY))
            .withHeader("Authorization", equalTo("Bearer token-A"))
            .willReturn(okJson(EMPTY)));
    var client = fake.client();

    for (int i = 0; i < 3; i++) {
      assertThat(client.poll(ONE)).isEmpty();
    }

    assertThat(fake.tokenRequests()).isEqualTo(1);
    wm.verify(
        3,
        postRequestedFor(urlEqualTo(POLLING_PATH))
            .withHeader(EmpowerIdHttp.API_KEY_HEADER, equalTo(TestSettings.API_KEY))
            .withHeader("Authorization", equalTo("Bearer token-A")));
    wm.verify(
        1,
        postRequestedFor(urlEqualTo(TOKEN_PATH))
            .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
            .withHeader(EmpowerIdHttp.API_KEY_HEADER, equalTo(TestSettings.API_KEY))
            .withoutHeader("Authorization"));
  }

  @Test
  void renewsTheTokenShortlyBeforeItExpires() {
    fake.stubTokens(3600, "token-A", "token-B");
    fake.stubPoll(EMPTY);
    var client = fake.client(fake.settings().with("token-renew-skew", "60s"));

    client.poll(ONE);
    fake.clock.advance(Duration.ofSeconds(3600 - 61));
    client.poll(ONE);
    assertThat(fake.tokenRequests()).isEqualTo(1);

    fake.clock.advance(Duration.ofSeconds(2));
    client.poll(ONE);

    assertThat(fake.tokenRequests()).isEqualTo(2);
    wm.verify(
        2,
        postRequestedFor(urlEqualTo(POLLING_PATH))
            .withHeader("Authorization", equalTo("Bearer token-A")));
    wm.verify(
        1,
        postRequestedFor(urlEqualTo(POLLING_PATH))
            .withHeader("Authorization", equalTo("Bearer token-B")));
  }

  @Test
  void renewsOnceAndRepeatsOnceAfterA401() {
    fake.stubTokens(3600, "token-A", "token-B");
    wm.stubFor(
        post(urlEqualTo(POLLING_PATH))
            .withHeader("Authorization", equalTo("Bearer token-A"))
            .willReturn(aResponse().withStatus(401)));
    wm.stubFor(
        post(urlEqualTo(POLLING_PATH))
            .withHeader("Authorization", equalTo("Bearer token-B"))
            .willReturn(okJson(EMPTY)));
    var client = fake.client();

    assertThat(client.poll(ONE)).isEmpty();

    assertThat(fake.tokenRequests()).isEqualTo(2);
    assertThat(fake.pollRequests()).isEqualTo(2);
    assertThat(fake.sleeper.waits).isEmpty();
  }

  @Test
  void aSecond401IsAPermanentFailureWithoutFurtherTries() {
    fake.stubTokens(3600, "token-A", "token-B", "token-C");
    fake.stubPollStatus(401);
    var client = fake.client();

    assertThatThrownBy(() -> client.poll(ONE))
        .isInstanceOf(EmpowerIdException.class)
        .hasMessageContaining("refused a freshly renewed access token")
        .satisfies(e -> assertThat(((EmpowerIdException) e).isTransient()).isFalse());

    assertThat(fake.tokenRequests()).isEqualTo(2);
    assertThat(fake.pollRequests()).isEqualTo(2);
  }

  @Test
  void refusedCredentialsArePermanent() {
    wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(400)));
    var client = fake.client();

    assertThatThrownBy(() -> client.poll(ONE))
        .isInstanceOf(EmpowerIdException.class)
        .hasMessageContaining("refused the client credentials")
        .satisfies(e -> assertThat(((EmpowerIdException) e).isTransient()).isFalse());
    assertThat(fake.tokenRequests()).isEqualTo(1);
    assertThat(fake.pollRequests()).isZero();
  }

  @Test
  void aTokenEndpointServerErrorIsRetried() {
    wm.stubFor(
        post(urlEqualTo(TOKEN_PATH))
            .inScenario("flaky token")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("up")
            .willReturn(aResponse().withStatus(503)));
    wm.stubFor(
        post(urlEqualTo(TOKEN_PATH))
            .inScenario("flaky token")
            .whenScenarioStateIs("up")
            .willReturn(okJson("{\"access_token\":\"token-A\",\"expires_in\":3600}")));
    fake.stubPoll(EMPTY);

    assertThat(fake.client().poll(ONE)).isEmpty();
    assertThat(fake.tokenRequests()).isEqualTo(2);
    assertThat(fake.sleeper.waits).hasSize(1);
  }

  @Test
  void parallelCallersShareOneTokenRequest() throws Exception {
    fake.stubToken("token-A");
    fake.stubPoll(EMPTY);
    var client = fake.client();
    var tasks = new ArrayList<Callable<Object>>();
    for (int i = 0; i < 8; i++) {
      tasks.add(() -> client.poll(ONE));
    }

    var pool = Executors.newFixedThreadPool(8);
    try {
      for (var future : pool.invokeAll(tasks)) {
        assertThat(future.get()).isEqualTo(java.util.Map.of());
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(fake.tokenRequests()).isEqualTo(1);
    assertThat(fake.pollRequests()).isEqualTo(8);
  }

  @Test
  void parallelCallersRefusedTheSameTokenRenewItOnce() throws Exception {
    fake.stubTokens(3600, "token-A", "token-B", "token-C");
    wm.stubFor(
        post(urlEqualTo(POLLING_PATH))
            .withHeader("Authorization", equalTo("Bearer token-A"))
            .willReturn(aResponse().withStatus(401)));
    wm.stubFor(
        post(urlEqualTo(POLLING_PATH))
            .withHeader("Authorization", equalTo("Bearer token-B"))
            .willReturn(okJson(EMPTY)));
    var client = fake.client();
    var tasks = new ArrayList<Callable<Object>>();
    for (int i = 0; i < 8; i++) {
      tasks.add(() -> client.poll(ONE));
    }

    var pool = Executors.newFixedThreadPool(8);
    try {
      for (var future : pool.invokeAll(tasks)) {
        assertThat(future.get()).isEqualTo(java.util.Map.of());
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(fake.tokenRequests()).isEqualTo(2);
    wm.verify(
        0,
        postRequestedFor(urlEqualTo(POLLING_PATH))
            .withHeader("Authorization", equalTo("Bearer token-C")));
  }
}
