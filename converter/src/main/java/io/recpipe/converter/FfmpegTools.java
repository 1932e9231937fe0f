package io.recpipe.converter;

import java.util.HashMap;
import java.util.Map;

/**
 * Where ffmpeg and ffprobe are (blank: the one on {@code PATH}), and the variables every child
 * process a converter starts gets on top of the inherited environment. The encoder passes its
 * instance tag there, so that a restarted instance finds the children a killed JVM left running;
 * the converter itself knows nothing of instances.
 */
public record FfmpegTools(Tool ffmpeg, Tool ffprobe, Map<String, String> environment) {

  /** One executable's location; blank means look it up on {@code PATH}. */
  public record Tool(String path) {}

  public FfmpegTools {
    environment = Map.copyOf(environment == null ? Map.of() : environment);
  }

  /** No variables added to the children's environment. */
  public FfmpegTools(Tool ffmpeg, Tool ffprobe) {
    this(ffmpeg, ffprobe, Map.of());
  }

  public static FfmpegTools onPath() {
    return new FfmpegTools(new Tool(""), new Tool(""));
  }

  public String ffmpegExecutable() {
    return ffmpeg == null || ffmpeg.path().isBlank() ? "ffmpeg" : ffmpeg.path();
  }

  public String ffprobeExecutable() {
    return ffprobe == null || ffprobe.path().isBlank() ? "ffprobe" : ffprobe.path();
  }

  /** {@link #environment()} with {@code extra} added (extra wins). */
  public Map<String, String> environmentWith(Map<String, String> extra) {
    Map<String, String> all = new HashMap<>(environment);
    all.putAll(extra);
    return all;
  }
}
