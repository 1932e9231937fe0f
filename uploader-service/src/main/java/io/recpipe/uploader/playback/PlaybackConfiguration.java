package io.recpipe.uploader.playback;

import io.recpipe.common.admin.StoredVideos;
import io.recpipe.uploader.upload.StoreRouter;
import io.recpipe.uploader.upload.StoredKeys;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console plays stored videos through short-lived links ({@code uploader.playback.*}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PlaybackSettings.class)
class PlaybackConfiguration {

  @Bean
  StoredVideos storedVideos(
      StoredKeys keys, StoreRouter router, PlaybackSettings settings, Clock clock) {
    return new StoreVideoLinks(keys, router, settings.linkTtl(), clock);
  }
}
