package io.recpipe.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.encoder.queue.ProcessSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class EncoderSettingsTest {

  @Configuration
  @EnableConfigurationProperties({EncoderSettings.class, ProcessSettings.class})
  static class Settings {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(Settings.class);

  @Test
  void defaultsAreTheDocumentedOnes() {
    runner.run(
        context -> {
          EncoderSettings settings = context.getBean(EncoderSettings.class);
          assertThat(settings.recordingsDir()).isEqualTo(Path.of("/session_files"));
          assertThat(settings.outputDir()).isEqualTo(Path.of("/recording"));
          assertThat(settings.quarantineDir()).isEqualTo(Path.of("data/quarantine"));
          assertThat(settings.parallelism()).isEqualTo(Runtime.getRuntime().availableProcessors());
          assertThat(settings.converter()).isEqualTo(EncoderSettings.ConverterKind.NATIVE);
          assertThat(settings.instanceId()).as("generated and kept by InstanceName").isNull();
          assertThat(settings.lease()).isEqualTo(Duration.ofMinutes(1));
          assertThat(settings.shutdownGrace()).isEqualTo(Duration.ofSeconds(20));
          ProcessSettings process = context.getBean(ProcessSettings.class);
          assertThat(process.retryBatch()).isEqualTo(5);
          assertThat(process.batchSize()).isEqualTo(10);
          assertThat(process.maxAttempts()).isEqualTo(3);
        });
  }

  @Test
  void aBadValueStopsStartup() {
    runner
        .withPropertyValues("encoder.process.batch-size=0")
        .run(context -> assertThat(context).hasFailed());
    runner
        .withPropertyValues("encoder.converter=ffmpeg-magic")
        .run(context -> assertThat(context).hasFailed());
    runner
        .withPropertyValues("encoder.instance-id=bad id;")
        .run(context -> assertThat(context).hasFailed());
  }

  @Test
  void waitsAreShortAndCappedByDefault() {
    runner.run(
        context -> {
          ProcessSettings process = context.getBean(ProcessSettings.class);
          assertThat(process.waitDelay()).isEqualTo(Duration.ofSeconds(15));
          assertThat(process.maxWaitDelay()).isEqualTo(Duration.ofMinutes(1));
        });
  }
}
