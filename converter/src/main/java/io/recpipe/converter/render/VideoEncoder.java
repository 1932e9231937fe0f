package io.recpipe.converter.render;

import io.recpipe.converter.ToolProcess;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * One ffmpeg process turning timestamped frames (Matroska on its stdin) into H.264 MP4, variable
 * frame rate: each frame keeps the time it was given.
 */
final class VideoEncoder implements AutoCloseable {

  private final ToolProcess process;
  private final MatroskaWriter writer;
  private final FrameWriter frameWriter;
  private long frames;
  private long lastTimecode = -1;

  private VideoEncoder(ToolProcess process, MatroskaWriter writer, int width, int height) {
    this.process = process;
    this.writer = writer;
    this.frameWriter = new FrameWriter(writer, width, height);
  }

  /** Starts ffmpeg and gives it the header of a {@code width} x {@code height} video at once. */
  static VideoEncoder start(
      String ffmpeg,
      Map<String, String> environment,
      Path output,
      int width,
      int height,
      NativeSettings settings)
      throws IOException {
    Launch launch = Launch.start(ffmpeg, environment, output, settings);
    try {
      return launch.begin(width, height);
    } finally {
      launch.close();
    }
  }

  /**
   * An ffmpeg started before the video's size is known, so that its start-up (a few dozen
   * milliseconds of loading libraries) overlaps the JVM's reading of the recording; {@link #begin}
   * gives it the header and hands it over to a {@link VideoEncoder}. A failure to start is kept and
   * thrown by {@link #begin}, so that a recording that is not valid is still reported as such.
   * {@link #close} kills an ffmpeg that was never begun (it has written nothing).
   */
  static final class Launch implements AutoCloseable {
    private final ToolProcess process;
    private final BufferedOutputStream stdin;
    private final FileChannel channel;
    private final IOException failure;
    private final NativeSettings settings;
    private boolean begun;

    private Launch(
        ToolProcess process,
        BufferedOutputStream stdin,
        FileChannel channel,
        IOException failure,
        NativeSettings settings) {
      this.process = process;
      this.stdin = stdin;
      this.channel = channel;
      this.failure = failure;
      this.settings = settings;
    }

    static Launch start(
        String ffmpeg, Map<String, String> environment, Path output, NativeSettings settings) {
      List<String> command =
          new ArrayList<>(
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
                  // Keep the input's 1 ms clock: without a pixel-format conversion in between,
                  // ffmpeg would take a time base from the guessed frame rate and shift or drop
                  // frames.
                  "-enc_time_base",
                  "1:1000",
                  "-c:v",
                  "libx264",
                  // No B-frames: with variable frame rate, ffmpeg 7.1's MP4 muxer (the bundled
                  // build) writes a wrong duration when frames are reordered; 5.1 does not, but
                  // be safe.
                  "-bf",
                  "0",
                  "-preset",
                  settings.preset(),
                  "-crf",
                  Integer.toString(settings.crf())));
      String x264Params = settings.x264Params();
      if (x264Params != null && !x264Params.isEmpty()) {
        command.addAll(List.of("-x264-params", x264Params));
      }
      command.addAll(
          List.of(
              "-pix_fmt",
              "yuv420p",
              "-movflags",
              "+faststart",
              "-f",
              "mp4",
              "-y",
              output.toString()));
      Map<String, String> variables = new HashMap<>(environment);
      variables.putAll(FfmpegLocator.environmentFor(ffmpeg));
      ToolProcess process;
      try {
        process = ToolProcess.start(command, variables);
      } catch (IOException e) {
        return new Launch(null, null, null, e, settings);
      }
      BufferedOutputStream stdin = new BufferedOutputStream(process.stdin(), 1 << 16);
      // Frames go through the (enlarged) pipe opened again as a channel when it can be (Linux),
      // the stream being closed at once so that the channel's close is ffmpeg's end of input.
      FileChannel channel = PipeBuffer.enlargeAndOpen(process.pid()).orElse(null);
      if (channel != null) {
        try {
          stdin.close();
        } catch (IOException e) {
          // nothing was written through it
        }
      }
      return new Launch(process, stdin, channel, null, settings);
    }

    /** Whether an ffmpeg process was started. */
    boolean started() {
      return process != null;
    }

    /** Writes the header; the encoder then owns the process. */
    VideoEncoder begin(int width, int height) throws IOException {
      if (failure != null) {
        throw failure;
      }
      if (begun) {
        throw new IllegalStateException("begun already");
      }
      MatroskaWriter writer =
          new MatroskaWriter(stdin, channel, width, height, "I420", 1000L / settings.maxFps());
      begun = true;
      return new VideoEncoder(process, writer, width, height);
    }

    /**
     * What ffmpeg wrote to stderr, once it has exited (waiting at most 2 s, then killing it): why
     * it did not take the header.
     */
    String stderrAfterExit() throws InterruptedException {
      if (process == null) {
        return "";
      }
      process.await(2_000);
      return process.stderrTail();
    }

    /** Kills ffmpeg if no encoder took it over. */
    @Override
    public void close() {
      if (process == null || begun) {
        return;
      }
      process.close();
      try {
        if (channel != null) {
          channel.close();
        }
        stdin.close();
      } catch (IOException e) {
        // ffmpeg is gone; nothing to tell it
      }
    }
  }

  /** Lends a frame buffer to draw the next frame into; see {@link FrameWriter#acquire}. */
  FrameWriter.Frame acquire() throws IOException {
    return frameWriter.acquire();
  }

  /**
   * Queues a frame from {@link #acquire}; it is written on another thread. {@code changed} is where
   * it differs from the frame submitted before (all, for the first).
   */
  void submit(FrameWriter.Frame frame, long timecode, Area changed) {
    if (timecode < lastTimecode) {
      throw new IllegalArgumentException("timecode goes backwards: " + timecode);
    }
    frameWriter.submit(frame, timecode, changed);
    lastTimecode = timecode;
    frames++;
  }

  long frames() {
    return frames;
  }

  long lastTimecode() {
    return lastTimecode;
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
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    try {
      if (!frameWriter.finish(timeoutMillis)) {
        frameWriter.abort();
        process.kill();
        return OptionalInt.empty();
      }
    } catch (IOException e) {
      // ffmpeg closed its input early; its exit code and stderr tell why
    }
    try {
      writer.close();
    } catch (IOException e) {
      // ffmpeg closed its input early; its exit code and stderr tell why
    }
    return process.await(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
  }

  String stderrTail() {
    return process.stderrTail();
  }

  @Override
  public void close() {
    frameWriter.abort();
    process.close();
    try {
      writer.close(); // the channel, when frames went through one (already closed after finish)
    } catch (IOException e) {
      // ffmpeg is gone; nothing to tell it
    }
  }
}
