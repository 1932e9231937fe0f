package io.recpipe.encoder.convert.render;

import io.recpipe.common.job.InstanceName;
import io.recpipe.common.process.ChildProcesses;
import io.recpipe.converter.FfmpegTools;
import io.recpipe.converter.render.NativeConverter;
import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The converters' tools (ffmpeg, ffprobe) and the native converter, the {@code RecordingConverter}
 * unless another one is chosen.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
  NativeConverterProperties.class,
  NativeConverterConfiguration.ToolPaths.class
})
public class NativeConverterConfiguration {

  /**
   * Where ffmpeg and ffprobe are: {@code encoder.ffmpeg.path} and {@code encoder.ffprobe.path}
   * (blank: the one on {@code PATH}).
   */
  @ConfigurationProperties("encoder")
  public record ToolPaths(@DefaultValue Tool ffmpeg, @DefaultValue Tool ffprobe) {

    /** One executable's location; blank means look it up on {@code PATH}. */
    public record Tool(@DefaultValue("") String path) {}
  }

  /**
   * The tools every converter and the tools health check use; every child a converter starts
   * carries this instance's name ({@link ChildProcesses#TAG}), so that a restarted instance ends
   * the ones a killed JVM left running.
   */
  @Bean
  FfmpegTools ffmpegTools(ToolPaths paths, ObjectProvider<InstanceName> instance) {
    InstanceName name = instance.getIfAvailable();
    return new FfmpegTools(
        new FfmpegTools.Tool(paths.ffmpeg().path()),
        new FfmpegTools.Tool(paths.ffprobe().path()),
        name == null ? Map.of() : Map.of(ChildProcesses.TAG, name.value()));
  }

  @Bean
  @ConditionalOnProperty(name = "encoder.converter", havingValue = "native", matchIfMissing = true)
  NativeConverter nativeConverter(
      NativeConverterProperties settings, FfmpegTools tools, ObjectProvider<Clock> clock) {
    return new NativeConverter(settings.settings(), tools, clock.getIfAvailable(Clock::systemUTC));
  }
}
