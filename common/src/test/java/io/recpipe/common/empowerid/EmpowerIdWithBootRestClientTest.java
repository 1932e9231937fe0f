package io.recpipe.common.empowerid;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.recpipe.common.session.SessionId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;

/** In a service, the client starts from Spring Boot's RestClient.Builder; our time-outs win. */
class EmpowerIdWithBootRestClientTest {

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void usesBootsBuilderWithTheConfiguredReadTimeOut() {
    var fake = new FakeEmpowerId(wm);
    fake.stubToken("token-A");
    // A first quick answer warms up the token and the connection, so only the slow one times out.
    wm.stubFor(
        post(urlEqualTo(FakeEmpowerId.POLLING_PATH))
            .inScenario("slow")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("slow")
            .willReturn(okJson("{\"sessions\":[]}")));
    wm.stubFor(
        post(urlEqualTo(FakeEmpowerId.POLLING_PATH))
            .inScenario("slow")
            .whenScenarioStateIs("slow")
            .willReturn(okJson("{\"sessions\":[]}").withFixedDelay(3_000)));

    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                HttpClientAutoConfiguration.class,
                ImperativeHttpClientAutoConfiguration.class,
                HttpMessageConvertersAutoConfiguration.class,
                RestClientAutoConfiguration.class,
                EmpowerIdAutoConfiguration.class))
        .withPropertyValues(
            "empowerid.base-url=" + wm.baseUrl(),
            "empowerid.allow-insecure-http=true",
            "empowerid.api-key=" + TestSettings.API_KEY,
            "empowerid.client-id=" + TestSettings.CLIENT_ID,
            "empowerid.client-secret=" + TestSettings.CLIENT_SECRET,
            "empowerid.read-timeout=1s",
            "empowerid.retry.max-attempts=1",
            "spring.http.clients.read-timeout=1m")
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasBean("restClientBuilder");
              assertThat(context.getBeanProvider(RestClient.Builder.class).getIfAvailable())
                  .isNotNull();
              var client = context.getBean(EmpowerIdClient.class);
              assertThat(client.poll(List.of(SessionId.of("s1")))).isEmpty();

              assertThatThrownBy(() -> client.poll(List.of(SessionId.of("s1"))))
                  .isInstanceOf(EmpowerIdException.class)
                  .hasMessageContaining("could not be reached. operation: poll")
                  .hasMessageContaining("HttpTimeoutException");
            });
  }
}
