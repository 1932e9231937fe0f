package io.recpipe.common.empowerid;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.common.session.SessionId;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class EmpowerIdAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(EmpowerIdAutoConfiguration.class));

  private final String[] valid = {
    "empowerid.base-url=https://tenant.example",
    "empowerid.api-key=" + TestSettings.API_KEY,
    "empowerid.client-id=" + TestSettings.CLIENT_ID,
    "empowerid.client-secret=" + TestSettings.CLIENT_SECRET
  };

  @Test
  void isRegisteredAsAnAutoConfiguration() {
    var candidates =
        ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates();
    assertThat(candidates).contains(EmpowerIdAutoConfiguration.class.getName());
  }

  @Test
  void withoutABaseUrlOnlyAClockIsCreated() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed().hasSingleBean(Clock.class);
          assertThat(context).doesNotHaveBean(EmpowerIdClient.class);
          assertThat(context).doesNotHaveBean(EmpowerIdProperties.class);
        });
  }

  @Test
  void createsTheClientAndItsHealthIndicator() {
    runner
        .withPropertyValues(valid)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasSingleBean(HttpEmpowerIdClient.class);
              assertThat(context.getBean(EmpowerIdClient.class).isAvailable()).isTrue();
              var health = context.getBean(EmpowerIdHealthIndicator.class).health();
              assertThat(health.getStatus()).isEqualTo(Status.UP);
            });
  }

  @Test
  void backsOffForTheApplicationsOwnClientAndClock() {
    var fixed = Clock.systemDefaultZone();
    runner
        .withPropertyValues(valid)
        .withBean(Clock.class, () -> fixed)
        .withUserConfiguration(OwnClient.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(EmpowerIdClient.class)).isSameAs(OwnClient.CLIENT);
              assertThat(context).doesNotHaveBean(HttpEmpowerIdClient.class);
              assertThat(context).doesNotHaveBean(EmpowerIdHealthIndicator.class);
              assertThat(context.getBean(Clock.class)).isSameAs(fixed);
            });
  }

  @Test
  void startupFailsOnABadValue() {
    runner
        .withPropertyValues(valid)
        .withPropertyValues("empowerid.polling.batch-size=0")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("polling.batchSize"));
  }

  @Test
  void startupFailsWithoutTheSecrets() {
    runner
        .withPropertyValues("empowerid.base-url=https://tenant.example")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("apiKey")
                    .hasMessageContaining("clientSecret"));
  }

  @Test
  void startupFailsOnAnEmptyBaseUrl() {
    runner
        .withPropertyValues(valid)
        .withPropertyValues("empowerid.base-url=")
        .run(
            context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("baseUrl"));
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnClient {
    static final EmpowerIdClient CLIENT =
        new EmpowerIdClient() {
          @Override
          public Map<SessionId, SessionInfo> poll(Collection<SessionId> sessionIds) {
            return Map.of();
          }

          @Override
          public StatusUpdate updateRecordingStatus(
              SessionId sessionId, RecordingStep step, String detail) {
            return StatusUpdate.APPLIED;
          }

          @Override
          public boolean isAvailable() {
            return true;
          }
        };

    @Bean
    EmpowerIdClient ownClient() {
      return CLIENT;
    }
  }
}
