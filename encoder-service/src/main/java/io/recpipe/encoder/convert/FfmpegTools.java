package io.recpipe.encoder.convert;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where ffmpeg and ffprobe are: {@code encoder.ffmpeg.path} and {@code encoder.ffprobe.path}
 * (blank: the one on {@code PATH}). Read by every converter and by the tools health check.
 */
@ConfigurationProperties("encoder")
public record FfmpegTools(@DefaultValue Tool ffmpeg, @DefaultValue Tool ffprobe) {

  /** One executable's location; blank means look it up on {@code PATH}. */
  public record Tool(@DefaultValue("") String path) {}

  public static FfmpegTools onPath() {
    return new FfmpegTools(new Tool(""), new Tool(""));
  }

  public String ffmpegExecutable() {
    return ffmpeg == null || ffmpeg.path().isBlank() ? "ffmpeg" : ffmpeg.path();
  }

  public String ffprobeExecutable() {
    return ffprobe == null || ffprobe.path().isBlank() ? "ffprobe" : ffprobe.path();
  }
}
