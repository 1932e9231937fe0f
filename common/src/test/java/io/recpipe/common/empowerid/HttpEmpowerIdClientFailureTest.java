package io.recpipe.common.empowerid;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.recpipe.common.empowerid.FakeEmpowerId.POLLING_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.recpipe.common.session.SessionId;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpEmpowerIdClientFailureTest {

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final List<SessionId> ONE = List.of(SessionId.of("s1"));
  private static final String ONE_CLOSED =
      "{\"sessions\":[{\"sessionId\":\"s1\",\"sessionStatus\":\"Closed\"}]}";

  private FakeEmpowerId fake;

  @BeforeEach
  void setUp() {
    fake = new FakeEmpowerId(wm);
    fake.stubToken("token-A");
  }

  @Test
  void aServerErrorIsRetriedAfterABackoffWithinTheCap() {
    failFirstPollThen(aResponse().withStatus(503));

    var result = fake.client().poll(ONE);

    assertThat(result).containsKey(SessionId.of("s1"));
    assertThat(fake.pollRequests()).isEqualTo(2);
    assertThat(fake.sleeper.waits)
        .singleElement()
        .satisfies(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(100)));
    assertThat(fake.calls("poll", "server-error")).isEqualTo(1);
    assertThat(fake.calls("poll", "success")).isEqualTo(1);
  }

  @Test
  void aReadTimeOutIsRetried() {
    // A first quick answer warms up the token and the connection, so only the slow one times out.
    wm.stubFor(
        post(urlEqualTo(POLLING_PATH))
            .inScenario("slow")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("slow")
            .willReturn(okJson(ONE_CLOSED)));
    wm.stubFor(
        post(urlEqualTo(POLLING_PATH))
            .inScenario("slow")
            .whenScenarioStateIs("slow")
            .willSetStateTo("quick")
            .willReturn(okJson(ONE_CLOSED).withFixedDelay(3_000)));
    wm.stubFor(
        post(urlEqualTo(POLLING_PATH))
            .inScenario("slow")
            .whenScenarioStateIs("quick")
            .willReturn(okJson(ONE_CLOSED)));
    var client = fake.client(fake.settings().with("read-timeout", "1s"));
    client.poll(ONE);

    assertThat(client.poll(ONE)).containsKey(SessionId.of("s1"));

    assertThat(fake.pollRequests()).isEqualTo(3);
    assertThat(fake.calls("poll", "io-error")).isEqualTo(1);
    assertThat(fake.sleeper.waits).hasSize(1);
  }

  @Test
  void aDroppedConnectionIsRetried() {
    failFirstPollThen(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    assertThat(fake.client().poll(ONE)).containsKey(SessionId.of("s1"));
    assertThat(fake.pollRequests()).isEqualTo(2);
  }

  @Test
  void givesUpAfterMaxAttemptsWithATransientFailure() {
    fake.stubPollStatus(500);
    var client = fake.client(fake.settings().with("retry.max-attempts", "4"));

    assertThatThrownBy(() -> client.poll(ONE))
        .isInstanceOf(EmpowerIdException.class)
        .hasMessageContaining("status: 500")
        .satisfies(e -> assertThat(((EmpowerIdException) e).isTransient()).isTrue());
    assertThat(fake.pollRequests()).isEqualTo(4);
    assertThat(fake.sleeper.waits).hasSize(3);
  }

  @Test
  void anUnreachableServerIsATransientFailure() throws Exception {
    int closedPort;
    try (var socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    var client =
        new HttpEmpowerIdClient(
            TestSettings.forBaseUrl("http://127.0.0.1:" + closedPort)
                .with("retry.max-attempts", "2")
                .bind(),
            org.springframework.web.client.RestClient.builder(),
            fake.clock,
            fake.sleeper,
            fake.meters);

    assertThatThrownBy(() -> client.poll(ONE))
        .isInstanceOf(EmpowerIdException.class)
        .hasMessageContaining("could not be reached")
        .satisfies(e -> assertThat(((EmpowerIdException) e).isTransient()).isTrue());
    assertThat(fake.sleeper.waits).hasSize(1);
  }

  @Test
  void theCircuitOpensFailsFastHalfOpensAndClosesOnSuccess() {
    fake.stubPollStatus(502);
    var client =
        fake.client(
            fake.settings()
                .with("retry.max-attempts", "1")
                .with("circuit.failure-threshold", "3")
                .with("circuit.open-duration", "30s"));

    for (int i = 0; i < 3; i++) {
      assertThat(client.isAvailable()).isTrue();
      assertThatThrownBy(() -> client.poll(ONE)).isInstanceOf(EmpowerIdException.class);
    }
    assertThat(client.isAvailable()).isFalse();
    assertThat(fake.meters.get(EmpowerIdMetrics.CIRCUIT_STATE).gauge().value()).isEqualTo(2);

    assertThatThrownBy(() -> client.poll(ONE))
        .isInstanceOf(CircuitOpenException.class)
        .satisfies(e -> assertThat(((EmpowerIdException) e).isTransient()).isTrue());
    assertThat(fake.pollRequests()).isEqualTo(3);
    assertThat(fake.calls("poll", "circuit-open")).isEqualTo(1);

    fake.clock.advance(Duration.ofSeconds(29));
    assertThat(client.isAvailable()).isFalse();
    fake.clock.advance(Duration.ofSeconds(1));
    assertThat(client.isAvailable()).isTrue();

    fake.stubPoll(ONE_CLOSED);
    assertThat(client.poll(ONE)).containsKey(SessionId.of("s1"));
    assertThat(fake.pollRequests()).isEqualTo(4);
    assertThat(fake.meters.get(EmpowerIdMetrics.CIRCUIT_STATE).gauge().value()).isZero();
    assertThat(client.snapshot().circuit()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void aFailedTrialCallOpensTheCircuitAgain() {
    fake.stubPollStatus(503);
    var client =
        fake.client(
            fake.settings()
                .with("retry.max-attempts", "1")
                .with("circuit.failure-threshold", "2")
                .with("circuit.open-duration", "10s"));
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> client.poll(ONE)).isInstanceOf(EmpowerIdException.class);
    }
    fake.clock.advance(Duration.ofSeconds(10));

    assertThatThrownBy(() -> client.poll(ONE)).isNotInstanceOf(CircuitOpenException.class);

    assertThat(client.isAvailable()).isFalse();
    assertThat(fake.pollRequests()).isEqualTo(3);
  }

  @Test
  void retriesStopWhenTheCircuitOpensMidway() {
    fake.stubPollStatus(500);
    var client =
        fake.client(
            fake.settings().with("retry.max-attempts", "5").with("circuit.failure-threshold", "2"));

    assertThatThrownBy(() -> client.poll(ONE)).isInstanceOf(CircuitOpenException.class);
    assertThat(fake.pollRequests()).isEqualTo(2);
  }

  private void failFirstPollThen(
      com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder failure) {
    wm.stubFor(
        post(urlEqualTo(POLLING_PATH))
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("recovered")
            .willReturn(failure));
    wm.stubFor(
        post(urlEqualTo(POLLING_PATH))
            .inScenario("flaky")
            .whenScenarioStateIs("recovered")
            .willReturn(okJson(ONE_CLOSED)));
  }
}
