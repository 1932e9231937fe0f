package io.recpipe.common.empowerid;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.recpipe.common.session.SessionId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class EmpowerIdHealthIndicatorTest {

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final List<SessionId> ONE = List.of(SessionId.of("s1"));

  private FakeEmpowerId fake;
  private HttpEmpowerIdClient client;
  private EmpowerIdHealthIndicator health;

  @BeforeEach
  void setUp() {
    fake = new FakeEmpowerId(wm);
    client =
        fake.client(
            fake.settings()
                .with("retry.max-attempts", "1")
                .with("circuit.failure-threshold", "2")
                .with("circuit.open-duration", "1m"));
    health = new EmpowerIdHealthIndicator(client);
  }

  @Test
  void upBeforeAnyCall() {
    var h = health.health();

    assertThat(h.getStatus()).isEqualTo(Status.UP);
    assertThat(h.getDetails())
        .containsEntry("circuit", "CLOSED")
        .containsEntry("tokenObtained", false)
        .containsEntry("processInstance", "encoder-test");
  }

  @Test
  void upOnceATokenWasObtained() {
    fake.stubToken("token-A");
    fake.stubPoll("{\"sessions\":[]}");

    client.poll(ONE);

    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    assertThat(health.health().getDetails()).containsEntry("tokenObtained", true);
  }

  @Test
  void downWhenTheCredentialsAreRefused() {
    wm.stubFor(post(urlEqualTo(FakeEmpowerId.TOKEN_PATH)).willReturn(aResponse().withStatus(401)));

    assertThatThrownBy(() -> client.poll(ONE)).isInstanceOf(EmpowerIdException.class);

    Health h = health.health();
    assertThat(h.getStatus()).isEqualTo(Status.DOWN);
    assertThat(h.getDetails().get("lastError").toString())
        .contains("refused the client credentials");
    assertNoSecrets(h);
  }

  @Test
  void downWithTheLastErrorWhileTheCircuitIsOpenThenUnknownWhileHalfOpen() {
    fake.stubToken("token-A");
    fake.stubPollStatus(503);
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> client.poll(ONE)).isInstanceOf(EmpowerIdException.class);
    }

    Health open = health.health();
    assertThat(open.getStatus()).isEqualTo(Status.DOWN);
    assertThat(open.getDetails()).containsEntry("circuit", "OPEN");
    assertThat(open.getDetails().get("lastError").toString()).contains("status: 503");
    assertNoSecrets(open);

    fake.clock.advance(Duration.ofMinutes(1));
    assertThat(health.health().getStatus()).isEqualTo(Status.UNKNOWN);

    fake.stubPoll("{\"sessions\":[]}");
    client.poll(ONE);
    Health closed = health.health();
    assertThat(closed.getStatus()).isEqualTo(Status.UP);
    assertThat(closed.getDetails()).doesNotContainKey("lastError");
  }

  private static void assertNoSecrets(Health h) {
    assertThat(h.toString())
        .doesNotContain(TestSettings.API_KEY)
        .doesNotContain(TestSettings.CLIENT_SECRET)
        .doesNotContain("token-A");
  }
}
