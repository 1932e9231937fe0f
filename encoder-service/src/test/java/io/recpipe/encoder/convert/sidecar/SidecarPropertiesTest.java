package io.recpipe.encoder.convert.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.converter.sidecar.SidecarSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

/** {@code encoder.keystrokes.*} and {@code encoder.poster.*} as bound and checked at start-up. */
class SidecarPropertiesTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(SidecarConfiguration.class);

  @Test
  void bothAreOffByDefault() {
    runner.run(
        context ->
            assertThat(context.getBean(SidecarSettings.class))
                .isEqualTo(
                    new SidecarSettings(
                        false,
                        Duration.ofSeconds(2),
                        false,
                        6,
                        320,
                        SidecarSettings.DEFAULT_TIMEOUT)));
  }

  @Test
  void theSettingsAreTheProperties() {
    runner
        .withPropertyValues(
            "encoder.keystrokes.enabled=true",
            "encoder.keystrokes.pause=1500ms",
            "encoder.poster.enabled=true",
            "encoder.poster.frames=4",
            "encoder.poster.width=200")
        .run(
            context ->
                assertThat(context.getBean(SidecarSettings.class))
                    .isEqualTo(
                        new SidecarSettings(
                            true,
                            Duration.ofMillis(1500),
                            true,
                            4,
                            200,
                            SidecarSettings.DEFAULT_TIMEOUT)));
  }

  @Test
  void aBadValueStopsStartup() {
    runner
        .withPropertyValues("encoder.poster.frames=0")
        .run(context -> assertThat(context).hasFailed());
    runner
        .withPropertyValues("encoder.poster.width=5000")
        .run(context -> assertThat(context).hasFailed());
    runner
        .withPropertyValues("encoder.keystrokes.pause=0s")
        .run(context -> assertThat(context).hasFailed());
  }
}
