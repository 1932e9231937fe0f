package io.recpipe.converter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an MP4 back with ffprobe (codec, duration, frames). {@link #probe} decodes every frame, so
 * a broken file is caught here; {@link #probePackets} only counts packets, for a video this process
 * just encoded itself (decoding it again would cost a tenth of the conversion).
 */
public final class VideoProbe {

  /** What ffprobe saw. */
  public record Video(String codec, Duration duration, long frames) {}

  private VideoProbe() {}

  /**
   * @throws ConversionException (transient) when ffprobe fails, times out or finds no video stream
   */
  public static Video probe(String ffprobe, Path video, Duration timeout) {
    return probe(ffprobe, Map.of(), video, timeout);
  }

  /** As {@link #probe(String, Path, Duration)}, with variables added to ffprobe's environment. */
  public static Video probe(
      String ffprobe, Map<String, String> environment, Path video, Duration timeout) {
    return run(ffprobe, environment, video, timeout, true);
  }

  /** Counts packets instead of decoding frames; otherwise as {@link #probe}. */
  public static Video probePackets(
      String ffprobe, Map<String, String> environment, Path video, Duration timeout) {
    return run(ffprobe, environment, video, timeout, false);
  }

  private static Video run(
      String ffprobe,
      Map<String, String> environment,
      Path video,
      Duration timeout,
      boolean decode) {
    String counted = decode ? "nb_read_frames" : "nb_read_packets";
    var result =
        ToolProcess.run(
            List.of(
                ffprobe,
                "-v",
                "error",
                decode ? "-count_frames" : "-count_packets",
                "-select_streams",
                "v:0",
                "-show_entries",
                "stream=codec_name," + counted + ":format=duration",
                "-of",
                "default=noprint_wrappers=1",
                video.toAbsolutePath().toString()),
            environment,
            video.toAbsolutePath().getParent(),
            timeout);
    Map<String, String> values = new HashMap<>();
    result
        .output()
        .lines()
        .map(String::strip)
        .filter(l -> l.contains("="))
        .forEach(
            l ->
                values.putIfAbsent(
                    l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
    if (result.exitCode() != 0 || !values.containsKey("codec_name")) {
      throw new ConversionException(
          "ffprobe cannot read the video: " + ToolProcess.last(result.output()), false);
    }
    return new Video(
        values.get("codec_name"), seconds(values.get("duration")), number(values.get(counted)));
  }

  private static Duration seconds(String value) {
    try {
      return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    } catch (NumberFormatException | NullPointerException e) {
      return Duration.ZERO;
    }
  }

  private static long number(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException | NullPointerException e) {
      return 0;
    }
  }
}
