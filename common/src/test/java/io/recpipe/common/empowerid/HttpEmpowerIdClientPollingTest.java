package io.recpipe.common.empowerid;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.recpipe.common.empowerid.FakeEmpowerId.POLLING_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.recpipe.common.session.SessionId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class HttpEmpowerIdClientPollingTest {

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private FakeEmpowerId fake;

  @BeforeEach
  void setUp() {
    fake = new FakeEmpowerId(wm);
    fake.stubToken("token-A");
  }

  @Test
  void splitsTheIdsIntoBatchesOfTheConfiguredSize() {
    fake.stubPoll("{\"sessions\":[]}");
    var ids = new ArrayList<SessionId>();
    IntStream.range(0, 250).forEach(i -> ids.add(SessionId.of("s" + i)));

    fake.client(fake.settings().with("polling.batch-size", "100")).poll(ids);

    assertThat(fake.pollRequests()).isEqualTo(3);
    for (int[] range : new int[][] {{0, 100}, {100, 200}, {200, 250}}) {
      wm.verify(
          1,
          postRequestedFor(urlEqualTo(POLLING_PATH))
              .withRequestBody(equalToJson(idsJson(range[0], range[1]))));
    }
  }

  @Test
  void sendsEachIdOnceAndNoCallForNoIds() {
    fake.stubPoll("{\"sessions\":[]}");
    var client = fake.client();

    assertThat(client.poll(List.of())).isEmpty();
    assertThat(fake.pollRequests()).isZero();

    client.poll(List.of(SessionId.of("s0"), SessionId.of("s1"), SessionId.of("s0")));
    wm.verify(
        1, postRequestedFor(urlEqualTo(POLLING_PATH)).withRequestBody(equalToJson(idsJson(0, 2))));
  }

  @Test
  void readsSessionsIgnoringUnknownFieldsAndLeavesUnknownSessionsAbsent() {
    fake.stubPoll(
        """
        {"sessions":[
          {"sessionId":"3f2a0000-0000-0000-0000-000000000001","sessionStatus":"Closed",
           "recordingStatus":"Recorded","storageMode":"AWS","extra":{"nested":[1,2]}},
          {"sessionId":"s-active","sessionStatus":"Active","recordingStatus":null,"storageMode":null},
          {"sessionId":"s-term","sessionStatus":"terminated","recordingStatus":"Sideways",
           "storageMode":"Azure"}
        ], "paging": {"next": null}}
        """);
    var closed = SessionId.of("3f2a0000-0000-0000-0000-000000000001");
    var unknown = SessionId.of("s-unknown");

    var result =
        fake.client()
            .poll(List.of(closed, SessionId.of("s-active"), SessionId.of("s-term"), unknown));

    assertThat(result).containsOnlyKeys(closed, SessionId.of("s-active"), SessionId.of("s-term"));
    assertThat(result.get(closed))
        .isEqualTo(
            new SessionInfo(
                closed, SessionStatus.CLOSED, RecordingStep.RECORDED, "Recorded", StorageMode.AWS));
    assertThat(result.get(SessionId.of("s-active")))
        .isEqualTo(
            new SessionInfo(SessionId.of("s-active"), SessionStatus.ACTIVE, null, null, null));
    var term = result.get(SessionId.of("s-term"));
    assertThat(term.sessionStatus()).isEqualTo(SessionStatus.TERMINATED);
    assertThat(term.recording()).isEmpty();
    assertThat(term.rawRecordingStatus()).isEqualTo("Sideways");
    assertThat(term.storageMode()).isEqualTo(StorageMode.AZURE);
  }

  @Test
  void skipsAnUnsafeReturnedIdButKeepsTheRest(CapturedOutput output) {
    fake.stubPoll(
        """
        {"sessions":[
          {"sessionId":"../etc/passwd","sessionStatus":"Closed","recordingStatus":"Recorded"},
          {"sessionId":"good","sessionStatus":"Closed","recordingStatus":"Processed"}
        ]}
        """);

    var result = fake.client().poll(List.of(SessionId.of("good")));

    assertThat(result).containsOnlyKeys(SessionId.of("good"));
    assertThat(result.get(SessionId.of("good")).recordingStatus())
        .isEqualTo(RecordingStep.PROCESSED);
    assertThat(output.getAll())
        .contains("EmpowerID returned a session id that is not safe, skipped.")
        .contains("sessionId: \"../etc/passwd\"");
  }

  @Test
  void matchesReturnedIdsToRequestedOnesIgnoringCaseAndBracesAndLeavesOutOthers() {
    fake.stubPoll(
        """
        {"sessions":[
          {"sessionId":"{3F2A0000-0000-0000-0000-00000000000A}","sessionStatus":"Closed"},
          {"sessionId":"not-asked","sessionStatus":"Closed"}
        ]}
        """);
    var asked = SessionId.of("3f2a0000-0000-0000-0000-00000000000a");

    var result = fake.client().poll(List.of(asked));

    assertThat(result).containsOnlyKeys(asked);
    assertThat(result.get(asked).sessionId()).isEqualTo(asked);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"sessions\":[{\"sessionId\":\"s1\",",
        "not json at all",
        "{\"items\":[]}",
        "{\"sessions\":{}}",
        "{\"sessions\":[{\"sessionStatus\":\"Closed\"}]}",
        "{\"sessions\":[{\"sessionId\":\"s1\"}]}",
        "{\"sessions\":[{\"sessionId\":\"s1\",\"sessionStatus\":\"Closed\",\"storageMode\":7}]}",
        "{\"sessions\":[42]}",
        ""
      })
  void aMalformedAnswerIsAPermanentFailureForTheBatchWithoutRetry(String body) {
    fake.stubPoll(body);
    var client = fake.client();

    assertThatThrownBy(() -> client.poll(List.of(SessionId.of("s1"))))
        .isInstanceOf(EmpowerIdException.class)
        .hasMessageContaining("malformed")
        .satisfies(e -> assertThat(((EmpowerIdException) e).isTransient()).isFalse());
    assertThat(fake.pollRequests()).isEqualTo(1);
    assertThat(fake.calls("poll", "malformed")).isEqualTo(1);
    assertThat(client.isAvailable()).isTrue();
  }

  @Test
  void anotherClientErrorIsPermanentWithoutRetry() {
    fake.stubPollStatus(400);

    assertThatThrownBy(() -> fake.client().poll(List.of(SessionId.of("s1"))))
        .isInstanceOf(EmpowerIdException.class)
        .hasMessageContaining("status: 400")
        .satisfies(e -> assertThat(((EmpowerIdException) e).isTransient()).isFalse());
    assertThat(fake.pollRequests()).isEqualTo(1);
  }

  private static String idsJson(int from, int to) {
    return IntStream.range(from, to)
        .mapToObj(i -> "\"s" + i + "\"")
        .collect(Collectors.joining(",", "{\"sessionIds\":[", "]}"));
  }
}
