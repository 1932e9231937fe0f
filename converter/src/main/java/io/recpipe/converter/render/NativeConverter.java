package io.recpipe.converter.render;

import io.recpipe.converter.ByteRange;
import io.recpipe.converter.Conversion;
import io.recpipe.converter.ConversionException;
import io.recpipe.converter.ConversionProgress;
import io.recpipe.converter.FfmpegTools;
import io.recpipe.converter.Mp4Facts;
import io.recpipe.converter.PartialOutput;
import io.recpipe.converter.RecordingConverter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts a recording to H.264 MP4 in one pass: a streaming parser, a display model drawn on
 * {@code int[]} pixels as guacenc draws, and one ffmpeg process fed timestamped frames only when
 * the picture changed.
 *
 * <p>Output is written straight into {@code mp4} when that is a partial file (the service's case:
 * it publishes the file itself), else into a partial file beside it that this class moves onto
 * {@code mp4} atomically ({@link PartialOutput}); either way it is checked with ffprobe (H.264,
 * duration matching the session) first, and removed on every failure, so the caller sees a complete
 * MP4 or none.
 */
public final class NativeConverter implements RecordingConverter {

  private static final Logger log = LoggerFactory.getLogger(NativeConverter.class);
  private static final long LOG_EVERY_MILLIS = 10_000;

  private final NativeSettings settings;
  private final FfmpegTools tools;
  private final Clock clock;

  public NativeConverter(NativeSettings settings, FfmpegTools tools, Clock clock) {
    this.settings = settings;
    this.tools = tools;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "native";
  }

  /** Converts, telling {@code progress} the part of the recording read about once a second. */
  @Override
  public Conversion convert(Path guac, Path mp4, ConversionProgress progress) {
    long total = sizeOf(guac);
    Path temp = PartialOutput.fileFor(mp4);
    boolean published = false;
    long started = clock.millis();
    try {
      Rendering rendering =
          new Rendering(
              settings,
              FfmpegLocator.resolve(tools.ffmpeg().path(), "ffmpeg"),
              tools.environment(),
              temp,
              clock);
      RenderResult result;
      try (FileChannel in = FileChannel.open(guac)) {
        result = rendering.run(in, total, progress, started + settings.timeout().toMillis());
      }
      Duration session = Duration.ofMillis(result.sessionMillis());
      Duration video = verify(temp, session, result.frames());
      if (!PartialOutput.isPartial(mp4)) {
        Files.move(temp, mp4, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
      published = true;
      log.info(
          "Recording converted. file: {}, session seconds: {}, video seconds: {}, frames: {},"
              + " partial: {}, bytes ignored: {}, damaged ranges: {}, wall seconds: {}",
          guac.getFileName(),
          session.toMillis() / 1000.0,
          video.toMillis() / 1000.0,
          result.frames(),
          result.partial(),
          result.bytesIgnored(),
          result.damaged(),
          (clock.millis() - started) / 1000.0);
      return new Conversion(
          session,
          video,
          result.frames(),
          result.partial(),
          result.bytesIgnored(),
          result.damaged());
    } catch (NoSuchFileException | AccessDeniedException e) {
      throw new ConversionException("recording is unreadable: " + guac, true, e);
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new ConversionException("conversion interrupted", false, e);
      }
      throw new ConversionException("conversion failed on I/O: " + e.getMessage(), false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConversionException("conversion interrupted", false, e);
    } finally {
      if (!published) {
        deleteQuietly(temp);
      }
    }
  }

  private static long sizeOf(Path guac) {
    try {
      return Files.size(guac);
    } catch (IOException e) {
      throw new ConversionException("recording is unreadable: " + guac, true, e);
    }
  }

  /**
   * Reads the video back (in this process: {@link Mp4Facts}): an H.264 track of {@code frames}
   * samples, as long as the session.
   */
  private Duration verify(Path video, Duration session, long frames) {
    Mp4Facts.Video facts = Mp4Facts.read(video);
    if (!"avc1".equals(facts.codec())) {
      throw new ConversionException("ffmpeg wrote " + facts.codec() + ", not H.264 (avc1)", false);
    }
    if (facts.samples() != frames) {
      throw new ConversionException(
          "the video holds " + facts.samples() + " frames; " + frames + " were given to ffmpeg",
          false);
    }
    long slack = 2L * 1000 / settings.maxFps() + 50;
    if (Math.abs(facts.duration().toMillis() - session.toMillis()) > slack) {
      throw new ConversionException(
          "video lasts "
              + facts.duration().toMillis()
              + " ms but the session "
              + session.toMillis()
              + " ms",
          false);
    }
    return facts.duration();
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      log.warn("Temporary video not removed. file: {}", path, e);
    }
  }

  /** What rendering made of a recording. */
  record RenderResult(
      long sessionMillis,
      long frames,
      boolean partial,
      long bytesIgnored,
      List<ByteRange> damaged) {}

  static long logEveryMillis() {
    return LOG_EVERY_MILLIS;
  }
}
