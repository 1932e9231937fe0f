package io.recpipe.encoder.convert.render;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * One ffmpeg process turning timestamped frames (Matroska on its stdin) into H.264 MP4, variable
 * frame rate: each frame keeps the time it was given.
 */
final class VideoEncoder implements AutoCloseable {

  private final ToolProcess process;
  private final MatroskaWriter writer;
  private long frames;

  private VideoEncoder(ToolProcess process, MatroskaWriter writer) {
    this.process = process;
    this.writer = writer;
  }

  static VideoEncoder start(
      String ffmpeg, Path output, int width, int height, NativeConverterProperties settings)
      throws IOException {
    List<String> command =
        List.of(
            ffmpeg,
            "-hide_banner",
            "-nostdin",
            "-loglevel",
            "error",
            "-f",
            "matroska",
            "-i",
            "pipe:0",
            "-fps_mode",
            "vfr",
            "-c:v",
            "libx264",
            // No B-frames: with variable frame rate, ffmpeg 7.1's MP4 muxer (the bundled build)
            // writes a wrong duration when frames are reordered; 5.1 does not, but be safe.
            "-bf",
            "0",
            "-preset",
            settings.preset(),
            "-crf",
            Integer.toString(settings.crf()),
            "-pix_fmt",
            "yuv420p",
            "-movflags",
            "+faststart",
            "-f",
            "mp4",
            "-y",
            output.toString());
    ToolProcess process = ToolProcess.start(command);
    try {
      BufferedOutputStream stdin = new BufferedOutputStream(process.stdin(), 1 << 16);
      return new VideoEncoder(process, new MatroskaWriter(stdin, width, height));
    } catch (IOException e) {
      process.close();
      throw e;
    }
  }

  void frame(int[] argb, long timecode) throws IOException {
    writer.writeFrame(argb, timecode);
    frames++;
  }

  long frames() {
    return frames;
  }

  long lastTimecode() {
    return writer.lastTimecode();
  }

  long pid() {
    return process.pid();
  }

  /**
   * Closes ffmpeg's input and waits for it to finish writing.
   *
   * @return ffmpeg's exit code, or empty when it had to be killed after {@code timeoutMillis}
   */
  OptionalInt finish(long timeoutMillis) throws InterruptedException {
    try {
      writer.close();
    } catch (IOException e) {
      // ffmpeg closed its input early; its exit code and stderr tell why
    }
    return process.await(timeoutMillis);
  }

  String stderrTail() {
    return process.stderrTail();
  }

  @Override
  public void close() {
    process.close();
  }
}
