package io.recpipe.converter.render;

import io.recpipe.converter.ConversionException;
import io.recpipe.converter.ConversionProgress;
import io.recpipe.converter.parse.Instruction;
import io.recpipe.converter.parse.InstructionReader;
import io.recpipe.converter.parse.MalformedRecordingException;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of parse, draw and encode over a recording, on the calling thread, within a {@link
 * PixelBudget}. Damaged parts are skipped ({@link InstructionReader}); going over the budget fails
 * the conversion for good.
 */
final class Rendering {

  private static final Logger log = LoggerFactory.getLogger(Rendering.class);

  private final NativeSettings settings;
  private final String ffmpeg;
  private final Map<String, String> environment;
  private final Path output;
  private final Clock clock;
  private final Anomalies anomalies = new Anomalies();

  Rendering(
      NativeSettings settings,
      String ffmpeg,
      Map<String, String> environment,
      Path output,
      Clock clock) {
    this.settings = settings;
    this.ffmpeg = ffmpeg;
    this.environment = environment;
    this.output = output;
    this.clock = clock;
  }

  NativeConverter.RenderResult run(
      SeekableByteChannel in, long totalBytes, ConversionProgress progress, long deadline)
      throws IOException, InterruptedException {
    // ffmpeg starts first, so that its start-up overlaps ours and the reading of the recording;
    // it gets the video's size once the screen has one.
    VideoEncoder.Launch launch = VideoEncoder.Launch.start(ffmpeg, environment, output, settings);
    try {
      return run(in, totalBytes, progress, deadline, launch);
    } finally {
      launch.close(); // kills it when no encoder took it over
    }
  }

  private NativeConverter.RenderResult run(
      SeekableByteChannel in,
      long totalBytes,
      ConversionProgress progress,
      long deadline,
      VideoEncoder.Launch launch)
      throws IOException, InterruptedException {
    PixelBudget budget = new PixelBudget(settings.pixelBudget());
    Display display = new Display(settings.limits(), anomalies, budget);
    ImageDecoder decoder = new ImageDecoder(settings.limits(), budget);
    Renderer renderer = new Renderer(display, decoder, anomalies);
    Timeline timeline =
        new Timeline(
            display, settings.maxFps(), settings.width(), settings.height(), launch::begin);
    InstructionReader reader = new InstructionReader(in);
    boolean partial = false;
    long ignored = 0;
    long instructions = 0;
    long nextReport = clock.millis() + 1000;
    long nextLog = clock.millis() + NativeConverter.logEveryMillis();
    try {
      while (true) {
        Instruction instruction;
        try {
          instruction = reader.next();
        } catch (InstructionReader.TruncatedException e) {
          partial = true;
          ignored = e.bytesIgnored();
          log.warn(
              "Recording was cut short; converting up to its last complete instruction."
                  + " bytes ignored: {}, offset: {}",
              ignored,
              reader.offset() - ignored);
          break;
        } catch (MalformedRecordingException e) {
          throw new ConversionException("recording is not valid: " + e.getMessage(), true, e);
        }
        if (instruction == null) {
          break;
        }
        budget.at(instruction);
        long t = renderer.apply(instruction);
        if (t != Renderer.NO_TIME) {
          timeline.mark(t);
        }
        if ((++instructions & 0x3FF) == 0) {
          if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("conversion interrupted");
          }
          long now = clock.millis();
          if (now > deadline) {
            throw new ConversionException(
                "conversion timed out after " + settings.timeout(), false);
          }
          if (now >= nextReport) {
            progress.progress(fraction(reader.offset(), totalBytes));
            nextReport = now + 1000;
          }
          if (now >= nextLog) {
            log.info(
                "Conversion in progress. percent: {}, frames: {}",
                totalBytes == 0 ? 100 : reader.offset() * 100 / totalBytes,
                frames(timeline));
            nextLog = now + NativeConverter.logEveryMillis();
          }
        }
      }
      if (instructions == 0) {
        throw new ConversionException("recording is empty: no complete instruction", true);
      }
      if (!timeline.hasMoments()) {
        throw new ConversionException("recording has no sync: nothing to show", true);
      }
      timeline.finish();
      VideoEncoder encoder = timeline.encoder();
      if (encoder == null) {
        throw new ConversionException("recording never draws a screen (no size of layer 0)", true);
      }
      finishEncoder(encoder, deadline);
      progress.progress(fraction(reader.offset(), totalBytes));
      logSummary(renderer, timeline, instructions, budget);
      return new NativeConverter.RenderResult(
          timeline.sessionMillis(),
          encoder.frames(),
          partial || !reader.damaged().isEmpty(),
          ignored + reader.damagedBytes(),
          reader.damaged());
    } catch (PixelBudget.ExceededException e) {
      throw new ConversionException(
          "recording needs more memory than its pixel budget: " + e.getMessage(), true, e);
    } catch (IOException e) {
      VideoEncoder encoder = timeline.encoder();
      if (encoder != null || launch.started()) {
        String said;
        if (encoder != null) {
          encoder.close();
          said = encoder.stderrTail();
        } else {
          said = launch.stderrAfterExit(); // it went away before it took the header
        }
        if (Thread.currentThread().isInterrupted()) {
          throw new ConversionException("conversion interrupted", false, e);
        }
        throw new ConversionException(
            "ffmpeg stopped taking frames: " + e.getMessage() + "; ffmpeg said: " + said, false, e);
      }
      throw e;
    } finally {
      decoder.close();
      if (timeline.encoder() != null) {
        timeline.encoder().close();
      }
    }
  }

  private void finishEncoder(VideoEncoder encoder, long deadline) throws InterruptedException {
    OptionalInt code = encoder.finish(Math.max(1000, deadline - clock.millis()));
    if (code.isEmpty()) {
      throw new ConversionException(
          "ffmpeg timed out and was killed; ffmpeg said: " + encoder.stderrTail(), false);
    }
    if (code.getAsInt() != 0) {
      throw new ConversionException(
          "ffmpeg failed with exit code " + code.getAsInt() + ": " + encoder.stderrTail(), false);
    }
  }

  private static double fraction(long read, long total) {
    return total <= 0 ? 1.0 : Math.min(1.0, (double) read / total);
  }

  private static long frames(Timeline timeline) {
    return timeline.encoder() == null ? 0 : timeline.encoder().frames();
  }

  private void logSummary(
      Renderer renderer, Timeline timeline, long instructions, PixelBudget budget) {
    log.info(
        "Recording rendered. instructions: {}, skipped (draw nothing): {}, anomalies: {},"
            + " backwards timestamps: {}, peak pixels: {} of {}",
        instructions,
        renderer.skipped(),
        anomalies.counts(),
        timeline.backwardsMoments(),
        budget.peak(),
        budget.limit());
  }

  Anomalies anomalies() {
    return anomalies;
  }
}
