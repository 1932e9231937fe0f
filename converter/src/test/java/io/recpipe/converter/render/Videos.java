package io.recpipe.converter.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** ffprobe / ffmpeg helpers for tests that look into the videos made. */
public final class Videos {

  private Videos() {}

  static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(command + " failed: " + err);
    }
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  /** Presentation times (seconds) of the video's frames. */
  static List<Double> frameTimes(Path video) throws Exception {
    String out =
        run(
            List.of(
                "ffprobe",
                "-v",
                "error",
                "-select_streams",
                "v",
                "-show_entries",
                "packet=pts_time",
                "-of",
                "csv=p=0",
                video.toString()));
    List<Double> times = new ArrayList<>();
    for (String line : out.split("\\R")) {
      if (!line.isBlank()) {
        times.add(Double.parseDouble(line.strip().replace(",", "")));
      }
    }
    times.sort(Double::compare);
    return times;
  }

  public static String codecAndDuration(Path video) throws Exception {
    return run(List.of(
            "ffprobe",
            "-v",
            "error",
            "-select_streams",
            "v:0",
            "-show_entries",
            "stream=codec_name,pix_fmt,width,height:format=duration",
            "-of",
            "default=noprint_wrappers=1",
            video.toString()))
        .strip();
  }

  /**
   * The RGB colour (0xRRGGBB) of one pixel of the frame shown at {@code seconds}: the video is made
   * constant frame rate first, since seeking a variable-rate video skips to the next frame.
   */
  static int pixelAt(Path video, double seconds, int x, int y) throws Exception {
    Process p =
        new ProcessBuilder(
                "ffmpeg",
                "-v",
                "error",
                "-i",
                video.toString(),
                "-vf",
                "fps=25,crop=2:2:" + x + ":" + y,
                "-ss",
                Double.toString(seconds),
                "-frames:v",
                "1",
                "-f",
                "rawvideo",
                "-pix_fmt",
                "rgb24",
                "-")
            .start();
    byte[] rgb = p.getInputStream().readAllBytes();
    p.getErrorStream().readAllBytes();
    if (p.waitFor() != 0 || rgb.length < 3) {
      throw new IOException("ffmpeg could not read a frame at " + seconds + " s of " + video);
    }
    return (rgb[0] & 0xFF) << 16 | (rgb[1] & 0xFF) << 8 | (rgb[2] & 0xFF);
  }
}
