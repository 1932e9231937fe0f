package io.recpipe.encoder.convert.render;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where ffmpeg and ffprobe are ({@code encoder.ffmpeg.path}, {@code encoder.ffprobe.path}); empty
 * means {@code PATH}, then the bundled executable (Maven profile {@code bundled-ffmpeg}).
 */
@ConfigurationProperties("encoder")
public record FfmpegProperties(@DefaultValue Tool ffmpeg, @DefaultValue Tool ffprobe) {

  /** One executable's location. */
  public record Tool(@DefaultValue("") String path) {}

  public static FfmpegProperties defaults() {
    return new FfmpegProperties(new Tool(""), new Tool(""));
  }

  String ffmpegExecutable() {
    return FfmpegLocator.resolve(ffmpeg.path(), "ffmpeg");
  }

  String ffprobeExecutable() {
    return FfmpegLocator.resolve(ffprobe.path(), "ffprobe");
  }
}
