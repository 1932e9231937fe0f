package io.recpipe.converter.sidecar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real ffmpeg and ffprobe, for reading back what a test made. */
final class Tools {

  private Tools() {}

  static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  /** Each stream as {@code codec,type[,width,height]}, e.g. {@code h264,video}. */
  static List<String> streams(Path file) throws Exception {
    return run(
            "ffprobe",
            "-v",
            "error",
            "-show_entries",
            "stream=codec_name,codec_type",
            "-of",
            "csv=p=0",
            file.toString())
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .toList();
  }

  /** The SHA-256 of the video stream's packets: the same for a stream copy. */
  static String videoHash(Path mp4) throws Exception {
    return run(
            "ffmpeg",
            "-v",
            "error",
            "-i",
            mp4.toString(),
            "-map",
            "0:v",
            "-c",
            "copy",
            "-f",
            "streamhash",
            "-")
        .strip();
  }

  /** The subtitle track as SRT text (times and cue text, entities decoded). */
  static String subtitles(Path mp4) throws Exception {
    return run("ffmpeg", "-v", "error", "-i", mp4.toString(), "-map", "0:s", "-f", "srt", "-");
  }

  /** {@code codec,width,height} of an image. */
  static String image(Path file) throws Exception {
    List<String> lines =
        new ArrayList<>(
            run(
                    "ffprobe",
                    "-v",
                    "error",
                    "-show_entries",
                    "stream=codec_name,width,height",
                    "-of",
                    "csv=p=0",
                    file.toString())
                .lines()
                .toList());
    return lines.get(0).strip();
  }
}
