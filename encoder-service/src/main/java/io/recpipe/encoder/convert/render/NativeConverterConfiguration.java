package io.recpipe.encoder.convert.render;

import io.recpipe.encoder.convert.FfmpegTools;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes the native converter the {@code RecordingConverter} unless another one is chosen. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({NativeConverterProperties.class, FfmpegTools.class})
class NativeConverterConfiguration {

  @Bean
  @ConditionalOnProperty(name = "encoder.converter", havingValue = "native", matchIfMissing = true)
  NativeConverter nativeConverter(
      NativeConverterProperties settings, FfmpegTools tools, ObjectProvider<Clock> clock) {
    return new NativeConverter(settings, tools, clock.getIfAvailable(Clock::systemUTC));
  }
}
