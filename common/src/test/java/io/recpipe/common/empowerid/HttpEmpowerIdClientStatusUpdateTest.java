package io.recpipe.common.empowerid;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.recpipe.common.empowerid.FakeEmpowerId.statusPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.recpipe.common.session.SessionId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpEmpowerIdClientStatusUpdateTest {

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final SessionId SESSION = SessionId.of("3f2a0000-0000-0000-0000-000000000001");

  private FakeEmpowerId fake;

  @BeforeEach
  void setUp() {
    fake = new FakeEmpowerId(wm);
    fake.stubToken("token-A");
  }

  @Test
  void sendsTheWordTheProcessInstanceAndTheDetail() {
    stubUpdate(204);

    var outcome =
        fake.client().updateRecordingStatus(SESSION, RecordingStep.PROCESSING, "attempt 2 of 3");

    assertThat(outcome).isEqualTo(StatusUpdate.APPLIED);
    wm.verify(
        1,
        putRequestedFor(urlEqualTo(statusPath(SESSION.value())))
            .withHeader("Authorization", equalTo("Bearer token-A"))
            .withHeader(EmpowerIdHttp.API_KEY_HEADER, equalTo(TestSettings.API_KEY))
            .withRequestBody(
                equalToJson(
                    "{\"recordingStatus\":\"Processing\",\"processInstance\":\"encoder-test\","
                        + "\"detail\":\"attempt 2 of 3\"}")));
  }

  @Test
  void usesTheConfiguredWordForEachStep() {
    stubUpdate(204);
    var client = fake.client(fake.settings().with("status-words.upload-failed", "GaveUp"));

    client.updateRecordingStatus(SESSION, RecordingStep.UPLOAD_FAILED, null);

    wm.verify(
        1,
        putRequestedFor(urlEqualTo(statusPath(SESSION.value())))
            .withRequestBody(
                equalToJson(
                    "{\"recordingStatus\":\"GaveUp\",\"processInstance\":\"encoder-test\","
                        + "\"detail\":null}")));
  }

  @Test
  void aConflictMeansOwnedElsewhereAndIsNotRetried() {
    stubUpdate(409);

    assertThat(fake.client().updateRecordingStatus(SESSION, RecordingStep.PROCESSING, null))
        .isEqualTo(StatusUpdate.OWNED_ELSEWHERE);
    wm.verify(1, putRequestedFor(urlEqualTo(statusPath(SESSION.value()))));
    assertThat(fake.sleeper.waits).isEmpty();
    assertThat(fake.calls("update-status", "conflict")).isEqualTo(1);
  }

  @Test
  void notFoundMeansUnknownSession() {
    stubUpdate(404);

    assertThat(fake.client().updateRecordingStatus(SESSION, RecordingStep.PROCESSED, null))
        .isEqualTo(StatusUpdate.UNKNOWN_SESSION);
    wm.verify(1, putRequestedFor(urlEqualTo(statusPath(SESSION.value()))));
  }

  @Test
  void anotherClientErrorIsPermanentAndNotRetried() {
    stubUpdate(422);

    assertThatThrownBy(
            () -> fake.client().updateRecordingStatus(SESSION, RecordingStep.PROCESSED, null))
        .isInstanceOf(EmpowerIdException.class)
        .hasMessageContaining("status: 422")
        .hasMessageContaining(SESSION.value())
        .satisfies(e -> assertThat(((EmpowerIdException) e).isTransient()).isFalse());
    wm.verify(1, putRequestedFor(urlEqualTo(statusPath(SESSION.value()))));
  }

  private void stubUpdate(int status) {
    wm.stubFor(
        put(urlEqualTo(statusPath(SESSION.value()))).willReturn(aResponse().withStatus(status)));
  }
}
