package io.recpipe.common.empowerid;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.recpipe.common.session.SessionId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Runs the client through its success and failure paths with TRACE logging and reads the log. */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNotLoggedTest {

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String TOKEN_1 = "eyJhbGciOiJ-first-T0KEN";
  private static final String TOKEN_2 = "eyJhbGciOiJ-second-T0KEN";
  private static final List<String> LOGGERS = List.of("io.recpipe", "org.springframework");

  private final List<Level> previous = new java.util.ArrayList<>();

  @BeforeEach
  void traceEverything() {
    for (String name : LOGGERS) {
      var logger = (Logger) LoggerFactory.getLogger(name);
      previous.add(logger.getLevel());
      logger.setLevel(Level.TRACE);
    }
  }

  @AfterEach
  void restore() {
    for (int i = 0; i < LOGGERS.size(); i++) {
      ((Logger) LoggerFactory.getLogger(LOGGERS.get(i))).setLevel(previous.get(i));
    }
  }

  @Test
  void neitherTheTokenNorTheSecretNorTheApiKeyIsLogged(CapturedOutput output) {
    var fake = new FakeEmpowerId(wm);
    fake.stubTokens(3600, TOKEN_1, TOKEN_2);
    wm.stubFor(
        post(urlEqualTo(FakeEmpowerId.POLLING_PATH))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN_1))
            .willReturn(aResponse().withStatus(401)));
    wm.stubFor(
        post(urlEqualTo(FakeEmpowerId.POLLING_PATH))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN_2))
            .willReturn(okJson("{\"sessions\":[{\"sessionId\":\"s1\"}]}")));
    var client =
        fake.client(
            fake.settings().with("retry.max-attempts", "2").with("circuit.failure-threshold", "2"));
    LoggerFactory.getLogger(getClass())
        .info("Settings in use. settings: {}", fake.settings().bind());

    assertThatThrownBy(() -> client.poll(List.of(SessionId.of("s1"))))
        .isInstanceOf(EmpowerIdException.class);
    fake.stubPollStatus(500);
    assertThatThrownBy(() -> client.poll(List.of(SessionId.of("s1"))))
        .isInstanceOf(EmpowerIdException.class);
    assertThatThrownBy(() -> client.poll(List.of(SessionId.of("s1"))))
        .isInstanceOf(CircuitOpenException.class);

    assertThat(output.getAll())
        .as("the paths ran and logged")
        .contains("EmpowerID refused the access token, renewing it once")
        .contains("circuit opened")
        .contains("polling answer is malformed")
        .contains("Settings in use")
        .doesNotContain(TOKEN_1)
        .doesNotContain(TOKEN_2)
        .doesNotContain(TestSettings.CLIENT_SECRET)
        .doesNotContain(TestSettings.API_KEY);
  }
}
