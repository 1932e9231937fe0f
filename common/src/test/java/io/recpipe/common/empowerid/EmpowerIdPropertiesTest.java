package io.recpipe.common.empowerid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EmpowerIdPropertiesTest {

  @Test
  void toStringHidesTheApiKeyAndTheClientSecret() {
    var props = TestSettings.forBaseUrl("https://tenant.example").bind();

    assertThat(props.toString())
        .doesNotContain(TestSettings.API_KEY)
        .doesNotContain(TestSettings.CLIENT_SECRET)
        .contains("apiKey=******", "clientSecret=******")
        .contains("https://tenant.example", TestSettings.CLIENT_ID);
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    var props =
        TestSettings.forBaseUrl("https://tenant.example")
            .with("retry.initial-backoff", "200ms")
            .with("retry.max-backoff", "5s")
            .bind();

    assertThat(props.baseUrl()).isEqualTo(URI.create("https://tenant.example"));
    assertThat(props.tokenPath()).isEqualTo("/oauth/v2/token");
    assertThat(props.pollingPath()).isEqualTo("/api/services/v1/secureaccessgateway/polling");
    assertThat(props.statusPath())
        .isEqualTo("/api/services/v1/secureaccessgateway/sessions/{sessionId}/recording-status");
    assertThat(props.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(props.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(props.tokenRenewSkew()).isEqualTo(Duration.ofSeconds(60));
    assertThat(props.polling().batchSize()).isEqualTo(100);
    assertThat(props.retry())
        .isEqualTo(new EmpowerIdProperties.Retry(3, Duration.ofMillis(200), Duration.ofSeconds(5)));
    assertThat(props.circuit())
        .isEqualTo(new EmpowerIdProperties.Circuit(5, Duration.ofSeconds(30)));
    assertThat(props.statusWords()).isEqualTo(StatusWords.seed());
    assertThat(props.sessionWords()).isEqualTo(SessionWords.seed());
  }

  @Test
  void derivesTheProcessInstanceFromPrefixHostAndARandomSuffix() {
    var props =
        TestSettings.forBaseUrl("https://tenant.example")
            .with("process-instance", "")
            .with("process-instance-prefix", "encoder")
            .bind();

    assertThat(props.processInstance()).isEmpty();
    assertThat(client(props, null).processInstance())
        .matches("encoder-[a-z0-9._-]{1,40}-[0-9a-f]{4}");
  }

  @Test
  void theServicesStableInstanceNameIsItsProcessInstance() {
    var props =
        TestSettings.forBaseUrl("https://tenant.example")
            .with("process-instance", "something-else")
            .bind();

    assertThat(client(props, "encoder-pod-0").processInstance()).isEqualTo("encoder-pod-0");
  }

  private static HttpEmpowerIdClient client(EmpowerIdProperties props, String instance) {
    return new HttpEmpowerIdClient(
        props,
        instance,
        org.springframework.web.client.RestClient.builder(),
        java.time.Clock.systemUTC(),
        Sleeper.SYSTEM,
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
  }

  @Test
  void keepsAnExplicitProcessInstance() {
    var props =
        TestSettings.forBaseUrl("https://tenant.example")
            .with("process-instance", "uploader-1")
            .bind();

    assertThat(props.processInstance()).isEqualTo("uploader-1");
  }

  @Test
  void cleansAHostNameForTheProcessInstance() {
    assertThat(ProcessInstanceName.clean("My Host;rm -rf/", 40)).isEqualTo("my-host-rm--rf-");
    assertThat(ProcessInstanceName.clean("x".repeat(60), 40)).hasSize(40);
  }

  @Test
  void statusWordsMapBothWaysIgnoringCase() {
    var words = StatusWords.seed();

    assertThat(words.wordFor(RecordingStep.PROCESSING_FAILED)).isEqualTo("ProcessingFailed");
    assertThat(words.stepFor("uploaded")).contains(RecordingStep.UPLOADED);
    assertThat(words.stepFor(" Recorded ")).contains(RecordingStep.RECORDED);
    assertThat(words.stepFor("Ended")).isEmpty();
    assertThat(words.stepFor(null)).isEmpty();
    for (RecordingStep step : RecordingStep.values()) {
      assertThat(words.stepFor(words.wordFor(step))).contains(step);
    }
  }

  @Test
  void refusesTheSameWordForTwoSteps() {
    assertThatThrownBy(
            () ->
                TestSettings.forBaseUrl("https://tenant.example")
                    .with("status-words.processed", "Uploaded")
                    .bind())
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessageContaining("repeated: Uploaded");
  }

  @Test
  void refusesABaseUrlThatIsNotAnAbsoluteHttpUrl() {
    for (String bad :
        new String[] {"tenant.example", "/relative", "ftp://tenant.example", "https:opaque"}) {
      assertThatThrownBy(() -> TestSettings.forBaseUrl(bad).bind())
          .as("base-url %s", bad)
          .isInstanceOf(BindException.class)
          .rootCause()
          .hasMessageContaining("empowerid.base-url must be an absolute http or https URL");
    }
  }

  @Test
  void refusesPlainHttpUnlessAllowed() {
    assertThatThrownBy(
            () ->
                TestSettings.forBaseUrl("http://tenant.example")
                    .with("allow-insecure-http", "false")
                    .bind())
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessageContaining("plain http")
        .hasMessageContaining("empowerid.allow-insecure-http=true");
    assertThat(
            TestSettings.forBaseUrl("https://tenant.example")
                .with("allow-insecure-http", "false")
                .bind()
                .baseUrl())
        .hasScheme("https");
    assertThat(TestSettings.forBaseUrl("http://127.0.0.1:8090").bind().allowInsecureHttp())
        .isTrue();
  }

  @Test
  void sessionWordsMapIgnoringCase() {
    var words = new SessionWords("Open", "Ended", "Killed");

    assertThat(words.statusFor("open")).contains(SessionStatus.ACTIVE);
    assertThat(words.statusFor("Ended")).contains(SessionStatus.CLOSED);
    assertThat(words.statusFor("KILLED")).contains(SessionStatus.TERMINATED);
    assertThat(words.statusFor("Closed")).isEmpty();
  }

  @Test
  void theIdeMetadataDescribesEverySettingWithItsDefault() throws Exception {
    JsonNode metadata;
    try (var in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      metadata = JsonMapper.builder().build().readTree(in);
    }
    var byName = new HashMap<String, JsonNode>();
    metadata.get("properties").forEach(p -> byName.put(p.get("name").asString(), p));

    assertThat(byName)
        .containsKeys(
            "empowerid.base-url",
            "empowerid.api-key",
            "empowerid.client-secret",
            "empowerid.ssl-bundle",
            "empowerid.allow-insecure-http",
            "empowerid.polling.batch-size",
            "empowerid.retry.max-attempts",
            "empowerid.circuit.open-duration",
            "empowerid.status-words.processing-failed",
            "empowerid.session-words.terminated");
    assertThat(byName.values()).allSatisfy(p -> assertThat(p.has("description")).isTrue());
    assertThat(byName.get("empowerid.status-words.recorded").get("defaultValue").asString())
        .isEqualTo("Recorded");
    assertThat(byName.get("empowerid.read-timeout").get("defaultValue").asString())
        .isEqualTo("30s");
  }
}
