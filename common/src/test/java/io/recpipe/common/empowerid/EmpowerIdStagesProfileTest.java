package io.recpipe.common.empowerid;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.recpipe.common.session.SessionId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** The ready-made profile {@code empowerid-stages}, loaded by Spring Boot as a service would. */
class EmpowerIdStagesProfileTest {

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void withTheProfileTheClientSpeaksStageNamesBothWays() {
    var fake = new FakeEmpowerId(wm);
    fake.stubToken("token-A");
    fake.stubPoll(
        """
        {"sessions":[
          {"sessionId":"s1","sessionStatus":"Closed","recordingStatus":"Ended"},
          {"sessionId":"s2","sessionStatus":"Closed","recordingStatus":"Done-Encoded"},
          {"sessionId":"s3","sessionStatus":"Closed","recordingStatus":"Recorded"}
        ]}
        """);
    wm.stubFor(
        put(urlEqualTo(FakeEmpowerId.statusPath("s2"))).willReturn(aResponse().withStatus(204)));

    try (var context = start("empowerid-stages")) {
      assertThat(context.getBean(EmpowerIdProperties.class).statusWords())
          .isEqualTo(
              new StatusWords(
                  "Ended",
                  "Encoding",
                  "Done-Encoded",
                  "ProcessingFailed",
                  "Uploading",
                  "Done-Uploaded",
                  "UploadFailed"));
      var client = context.getBean(EmpowerIdClient.class);

      var sessions =
          client.poll(List.of(SessionId.of("s1"), SessionId.of("s2"), SessionId.of("s3")));
      var outcome = client.updateRecordingStatus(SessionId.of("s2"), RecordingStep.UPLOADED, "");

      assertThat(sessions.get(SessionId.of("s1")).recordingStatus())
          .isEqualTo(RecordingStep.RECORDED);
      assertThat(sessions.get(SessionId.of("s2")).recordingStatus())
          .isEqualTo(RecordingStep.PROCESSED);
      assertThat(sessions.get(SessionId.of("s3")).recording()).isEmpty();
      assertThat(sessions.get(SessionId.of("s3")).rawRecordingStatus()).isEqualTo("Recorded");
      assertThat(outcome).isEqualTo(StatusUpdate.APPLIED);
      wm.verify(
          putRequestedFor(urlEqualTo(FakeEmpowerId.statusPath("s2")))
              .withRequestBody(matchingJsonPath("$.processInstance", equalTo("svc-1")))
              .withRequestBody(matchingJsonPath("$.recordingStatus", equalTo("Done-Uploaded"))));
    }
  }

  @Test
  void withoutTheProfileTheSeedWordsApply() {
    try (var context = start()) {
      assertThat(context.getBean(EmpowerIdProperties.class).statusWords())
          .isEqualTo(StatusWords.seed());
    }
  }

  private static ConfigurableApplicationContext start(String... profiles) {
    return new SpringApplicationBuilder(App.class)
        .web(WebApplicationType.NONE)
        .profiles(profiles)
        .properties(
            "empowerid.base-url=" + wm.baseUrl(),
            "empowerid.allow-insecure-http=true",
            "empowerid.api-key=" + TestSettings.API_KEY,
            "empowerid.client-id=" + TestSettings.CLIENT_ID,
            "empowerid.client-secret=" + TestSettings.CLIENT_SECRET,
            "empowerid.process-instance=svc-1",
            "spring.main.banner-mode=off")
        .run();
  }

  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration(EmpowerIdAutoConfiguration.class)
  static class App {}
}
