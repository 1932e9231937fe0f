package io.recpipe.converter.sidecar;

import io.recpipe.converter.ConversionException;
import io.recpipe.converter.ToolProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A contact sheet of a finished video: {@code frames} moments at the middles of equal slices of its
 * length, each scaled to {@code width} and tiled, as one JPEG. One ffmpeg run that opens the video
 * once per moment and seeks there, so it decodes only from the keyframe before each moment, not the
 * whole video.
 */
final class Poster {

  private Poster() {}

  /** The tiles' columns for {@code frames} moments: 2 for 4, 3 for 5 to 9. */
  static int columns(int frames) {
    return (int) Math.ceil(Math.sqrt(frames));
  }

  static int rows(int frames) {
    return (frames + columns(frames) - 1) / columns(frames);
  }

  static void make(
      String ffmpeg,
      Map<String, String> environment,
      Path video,
      Duration length,
      int frames,
      int width,
      Path output,
      Duration timeout) {
    List<String> command = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostdin"));
    command.addAll(List.of("-loglevel", "error", "-threads", "1"));
    StringBuilder graph = new StringBuilder();
    StringBuilder tiles = new StringBuilder();
    for (int n = 0; n < frames; n++) {
      double at = length.toMillis() * (2 * n + 1) / (2.0 * frames) / 1000.0;
      command.addAll(
          List.of("-ss", String.format(Locale.ROOT, "%.3f", at), "-i", video.toString()));
      graph.append("[%d:v]trim=end_frame=1,scale=%d:-2,setsar=1[f%d];".formatted(n, width, n));
      tiles.append("[f").append(n).append(']');
    }
    graph
        .append(tiles)
        .append("concat=n=%d:v=1:a=0,".formatted(frames))
        .append("tile=%dx%d".formatted(columns(frames), rows(frames)));
    command.addAll(
        List.of(
            "-filter_complex",
            graph.toString(),
            "-frames:v",
            "1",
            "-q:v",
            "4",
            "-c:v",
            "mjpeg",
            "-f",
            "mjpeg",
            "-y",
            output.toString()));
    var result = ToolProcess.run(command, environment, output.getParent(), timeout);
    if (result.exitCode() != 0) {
      throw new ConversionException(
          "ffmpeg could not make the poster. exit: %d, output: %s"
              .formatted(result.exitCode(), ToolProcess.last(result.output())),
          false);
    }
  }
}
