package io.recpipe.encoder.convert.guacenc;

import io.recpipe.converter.FfmpegTools;
import io.recpipe.converter.RecordingConverter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Selects guacenc when {@code encoder.converter=guacenc}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "encoder.converter", havingValue = "guacenc")
@EnableConfigurationProperties(GuacencSettings.class)
class GuacencConfiguration {

  @Bean
  RecordingConverter guacencConverter(GuacencSettings settings, FfmpegTools tools) {
    return new GuacencConverter(settings, tools);
  }
}
