package io.recpipe.uploader.playback;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Playing a stored video from the console ({@code uploader.playback.*}).
 *
 * @param linkTtl how long a link to a stored object (S3 presigned URL, Azure SAS) stays valid; at
 *     most 7 days (S3's limit for a presigned URL)
 */
@Validated
@ConfigurationProperties("uploader.playback")
public record PlaybackSettings(@DefaultValue("5m") @NotNull Duration linkTtl) {

  static final Duration MAX_TTL = Duration.ofDays(7);

  public PlaybackSettings {
    if (linkTtl != null
        && (linkTtl.isNegative() || linkTtl.isZero() || linkTtl.compareTo(MAX_TTL) > 0)) {
      throw new IllegalArgumentException(
          "uploader.playback.link-ttl must be more than 0 and at most 7d: " + linkTtl);
    }
  }
}
