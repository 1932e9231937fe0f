package io.recpipe.converter.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Reads a video's codec, frame count and duration with the real ffprobe. */
public final class Ffprobe {

  private Ffprobe() {}

  public record Info(String codec, long frames, double seconds, String pixelFormat) {}

  public static Info probe(Path video) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                "ffprobe",
                "-v",
                "error",
                "-count_frames",
                "-select_streams",
                "v:0",
                "-show_entries",
                "stream=codec_name,nb_read_frames,pix_fmt:format=duration",
                "-of",
                "default=noprint_wrappers=1",
                video.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    Map<String, String> values = new HashMap<>();
    out.lines()
        .filter(l -> l.contains("="))
        .forEach(l -> values.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
    return new Info(
        values.get("codec_name"),
        Long.parseLong(values.getOrDefault("nb_read_frames", "0")),
        Double.parseDouble(values.getOrDefault("duration", "0")),
        values.get("pix_fmt"));
  }
}
