package io.recpipe.encoder.convert.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/** Reads the codec and duration of an MP4 with ffprobe, to check what ffmpeg wrote. */
final class Ffprobe {

  private final String executable;

  Ffprobe(String executable) {
    this.executable = executable;
  }

  /** What ffprobe says about a video. */
  record Probe(String codec, Duration duration) {}

  Probe probe(Path video) throws IOException, InterruptedException {
    List<String> command =
        List.of(
            executable,
            "-v",
            "error",
            "-select_streams",
            "v:0",
            "-show_entries",
            "stream=codec_name:format=duration",
            "-of",
            "default=noprint_wrappers=1",
            video.toString());
    try (ToolProcess p = ToolProcess.start(command)) {
      String out = new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8);
      OptionalInt code = p.await(60_000);
      if (code.isEmpty() || code.getAsInt() != 0) {
        throw new IOException("ffprobe failed on " + video + ": " + p.stderrTail());
      }
      String codec = null;
      Duration duration = null;
      for (String line : out.split("\\R")) {
        if (line.startsWith("codec_name=")) {
          codec = line.substring("codec_name=".length()).strip();
        } else if (line.startsWith("duration=") && !line.contains("N/A")) {
          double seconds = Double.parseDouble(line.substring("duration=".length()).strip());
          duration = Duration.ofNanos(Math.round(seconds * 1e9));
        }
      }
      if (codec == null || duration == null) {
        throw new IOException("ffprobe found no video stream or duration in " + video);
      }
      return new Probe(codec, duration);
    }
  }
}
