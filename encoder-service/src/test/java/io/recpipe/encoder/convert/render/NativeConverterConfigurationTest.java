package io.recpipe.encoder.convert.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.common.job.InstanceName;
import io.recpipe.common.process.ChildProcesses;
import io.recpipe.converter.FfmpegTools;
import io.recpipe.converter.RecordingConverter;
import io.recpipe.converter.render.NativeConverter;
import io.recpipe.converter.render.NativeSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

class NativeConverterConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(NativeConverterConfiguration.class);

  @Test
  void nativeIsTheDefaultConverterWithDefaultSettings() {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(RecordingConverter.class);
          assertThat(context.getBean(RecordingConverter.class).name()).isEqualTo("native");
          NativeConverterProperties p = context.getBean(NativeConverterProperties.class);
          assertThat(p.maxFps()).isEqualTo(25);
          assertThat(p.crf()).isEqualTo(23);
          assertThat(p.preset()).isEqualTo("veryfast");
          assertThat(p.x264Params())
              .isEqualTo("me=dia:subme=0:partitions=i8x8,i4x4:rc-lookahead=5:no-deblock=1")
              .isEqualTo(NativeSettings.defaults().x264Params());
          assertThat(p.timeout()).isEqualTo(Duration.ofHours(2));
          assertThat(p.pixelBudget())
              .isEqualTo(NativeConverterProperties.DEFAULT_PIXEL_BUDGET)
              .isEqualTo(NativeSettings.defaults().pixelBudget());
          assertThat(context.getBean(FfmpegTools.class).ffmpeg().path()).isEmpty();
          assertThat(context.getBean(FfmpegTools.class).environment()).isEmpty();
        });
  }

  @Test
  void settingsBindAndAnotherConverterTurnsItOff() {
    runner
        .withPropertyValues(
            "encoder.native.max-fps=10",
            "encoder.native.size=1280x720",
            "encoder.native.pixel-budget=33554432",
            "encoder.native.x264-params=",
            "encoder.ffmpeg.path=/opt/ffmpeg/bin/ffmpeg")
        .run(
            context -> {
              NativeConverterProperties p = context.getBean(NativeConverterProperties.class);
              assertThat(p.maxFps()).isEqualTo(10);
              assertThat(p.settings().width()).isEqualTo(1280);
              assertThat(p.pixelBudget()).isEqualTo(32L << 20);
              assertThat(p.settings().x264Params()).isEmpty();
              assertThat(context.getBean(FfmpegTools.class).ffmpeg().path())
                  .isEqualTo("/opt/ffmpeg/bin/ffmpeg");
            });
    runner
        .withPropertyValues("encoder.converter=guacenc")
        .run(context -> assertThat(context).doesNotHaveBean(NativeConverter.class));
  }

  @Test
  void everyChildTheConvertersStartCarriesTheInstanceName() {
    runner
        .withBean(InstanceName.class, () -> new InstanceName("encoder-a"))
        .run(
            context ->
                assertThat(context.getBean(FfmpegTools.class).environment())
                    .containsExactly(Map.entry(ChildProcesses.TAG, "encoder-a")));
  }

  @Test
  void badSettingsFailStartup() {
    runner
        .withPropertyValues("encoder.native.size=huge")
        .run(context -> assertThat(context).hasFailed());
    runner
        .withPropertyValues("encoder.native.crf=99")
        .run(context -> assertThat(context).hasFailed());
    runner
        .withPropertyValues("encoder.native.pixel-budget=1000")
        .run(context -> assertThat(context).hasFailed());
    runner
        .withPropertyValues("encoder.native.x264-params=subme=0 -y /etc/passwd")
        .run(context -> assertThat(context).hasFailed());
  }
}
