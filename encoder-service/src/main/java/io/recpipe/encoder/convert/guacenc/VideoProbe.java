package io.recpipe.encoder.convert.guacenc;

import io.recpipe.encoder.convert.ConversionException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads an MP4 back with ffprobe, decoding every frame, so a broken file is caught here. */
final class VideoProbe {

  /** What ffprobe saw. */
  record Video(String codec, Duration duration, long frames) {}

  private VideoProbe() {}

  static Video probe(String ffprobe, Path video, Duration timeout) {
    var result =
        ExternalProcess.run(
            List.of(
                ffprobe,
                "-v",
                "error",
                "-count_frames",
                "-select_streams",
                "v:0",
                "-show_entries",
                "stream=codec_name,nb_read_frames:format=duration",
                "-of",
                "default=noprint_wrappers=1",
                video.toAbsolutePath().toString()),
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
          "ffprobe cannot read the video: " + last(result.output()), false);
    }
    return new Video(
        values.get("codec_name"),
        seconds(values.get("duration")),
        number(values.get("nb_read_frames")));
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

  static String last(String output) {
    String trimmed = output.strip();
    return trimmed.length() <= 500 ? trimmed : "…" + trimmed.substring(trimmed.length() - 500);
  }
}
