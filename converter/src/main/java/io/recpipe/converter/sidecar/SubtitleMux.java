package io.recpipe.converter.sidecar;

import io.recpipe.converter.ConversionException;
import io.recpipe.converter.ToolProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Adds a WebVTT file to an MP4 as a {@code mov_text} subtitle track: one ffmpeg run that copies the
 * video's packets as they are (no re-encoding) and moves the index to the front again ({@code
 * +faststart}); a fraction of a second even for long videos.
 */
final class SubtitleMux {

  private SubtitleMux() {}

  /** Writes {@code video} plus {@code vtt} into {@code output}. */
  static void mux(
      String ffmpeg,
      Map<String, String> environment,
      Path video,
      Path vtt,
      Path output,
      Duration timeout) {
    List<String> command =
        List.of(
            ffmpeg,
            "-hide_banner",
            "-nostdin",
            "-loglevel",
            "error",
            "-i",
            video.toString(),
            "-f",
            "webvtt",
            "-i",
            vtt.toString(),
            "-map",
            "0",
            "-map",
            "1",
            "-c",
            "copy",
            "-c:s",
            "mov_text",
            "-metadata:s:s:0",
            "title=Keystrokes",
            "-metadata:s:s:0",
            "handler_name=Keystrokes",
            "-movflags",
            "+faststart",
            "-f",
            "mp4",
            "-y",
            output.toString());
    var result = ToolProcess.run(command, environment, output.getParent(), timeout);
    if (result.exitCode() != 0) {
      throw new ConversionException(
          "ffmpeg could not add the keystroke track. exit: %d, output: %s"
              .formatted(result.exitCode(), ToolProcess.last(result.output())),
          false);
    }
  }

  /**
   * The streams of {@code video} as {@code codec,type,duration} lines, e.g. {@code
   * h264,video,61.882000}, from the headers only: counting packets would read the whole file twice
   * per recording (~0.5 s each for a minute of video), and a stream copy keeps every packet or
   * fails.
   */
  static List<String> streams(
      String ffprobe, Map<String, String> environment, Path video, Duration timeout) {
    var result =
        ToolProcess.run(
            List.of(
                ffprobe,
                "-v",
                "error",
                "-show_entries",
                "stream=codec_name,codec_type,duration",
                "-of",
                "csv=p=0",
                video.toString()),
            environment,
            video.getParent(),
            timeout);
    if (result.exitCode() != 0) {
      throw new ConversionException(
          "ffprobe cannot read " + video.getFileName() + ": " + ToolProcess.last(result.output()),
          false);
    }
    return result.output().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }
}
