package io.recpipe.encoder.convert.sidecar;

import io.recpipe.converter.sidecar.SidecarSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What is made beside each MP4, whichever converter makes it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({KeystrokeProperties.class, PosterProperties.class})
class SidecarConfiguration {

  @Bean
  SidecarSettings sidecarSettings(KeystrokeProperties keystrokes, PosterProperties poster) {
    return new SidecarSettings(
        keystrokes.enabled(),
        keystrokes.pause(),
        poster.enabled(),
        poster.frames(),
        poster.width(),
        SidecarSettings.DEFAULT_TIMEOUT);
  }
}
