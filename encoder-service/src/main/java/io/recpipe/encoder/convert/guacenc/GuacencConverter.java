package io.recpipe.encoder.convert.guacenc;

import io.recpipe.converter.Conversion;
import io.recpipe.converter.ConversionException;
import io.recpipe.converter.ConversionProgress;
import io.recpipe.converter.FfmpegTools;
import io.recpipe.converter.PartialOutput;
import io.recpipe.converter.RecordingConverter;
import io.recpipe.converter.ToolProcess;
import io.recpipe.converter.VideoProbe;
import io.recpipe.converter.parse.RecordingFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts with Apache guacenc, then re-encodes its MPEG-4 Part 2 output to H.264 with ffmpeg.
 *
 * <p>guacenc writes {@code <input>.m4v} next to its input and overwrites silently, so it runs on a
 * hard link (or copy) of the recording in a private work directory beside the output, named as a
 * partial file of the same MP4 ({@link PartialOutput#sibling}) so that clean-up by the MP4's name
 * finds it after a crash. guacenc exits 0 even when encoding failed, so its output is read: {@code
 * ERROR:} or {@code Encoding failed} is a failure, and so is a missing {@code .m4v}. The MP4 is
 * checked with ffprobe (H.264, every frame decodes, duration close to the session's). ffmpeg is
 * told the container ({@code -f mp4}), as a partial file's name does not end in {@code .mp4}.
 */
public class GuacencConverter implements RecordingConverter {

  private static final Logger log = LoggerFactory.getLogger(GuacencConverter.class);

  private final GuacencSettings settings;
  private final FfmpegTools tools;

  public GuacencConverter(GuacencSettings settings, FfmpegTools tools) {
    this.settings = settings;
    this.tools = tools;
  }

  @Override
  public String name() {
    return "guacenc";
  }

  /**
   * Converts; {@code progress} hears 0 at the start, 0.5 once guacenc is done and 1 at the end
   * (guacenc says nothing while it works).
   */
  @Override
  public Conversion convert(Path guac, Path mp4, ConversionProgress progress) {
    RecordingFacts facts = readFacts(guac);
    String size =
        facts
            .size()
            .orElseThrow(
                () ->
                    new ConversionException(
                        "The recording sets no display size (empty or not a recording)", true));
    Path target = PartialOutput.fileFor(mp4);
    Path work = createWorkDir(target);
    boolean published = false;
    try {
      progress.progress(0);
      Path m4v = runGuacenc(guac, work, size);
      progress.progress(0.5);
      encodeH264(m4v, target, work);
      VideoProbe.Video video =
          VideoProbe.probe(
              tools.ffprobeExecutable(), tools.environment(), target, settings.timeout());
      check(video, facts);
      publish(target, mp4);
      published = true;
      progress.progress(1);
      return new Conversion(
          facts.sessionDuration(),
          video.duration(),
          video.frames(),
          facts.partial(),
          facts.bytesIgnored(),
          facts.damaged());
    } finally {
      if (!published) {
        deleteQuietly(target);
      }
      deleteTree(work);
    }
  }

  private static void publish(Path target, Path mp4) {
    if (PartialOutput.isPartial(mp4)) {
      return; // the caller publishes its partial file itself
    }
    try {
      Files.move(target, mp4, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new ConversionException("Cannot move the MP4 into place: " + e.getMessage(), false, e);
    }
  }

  private RecordingFacts readFacts(Path guac) {
    try {
      return RecordingFacts.read(guac);
    } catch (IOException e) {
      throw new ConversionException("Cannot read the recording: " + e.getMessage(), false, e);
    }
  }

  private Path runGuacenc(Path guac, Path work, String size) {
    Path input = work.resolve(guac.getFileName().toString());
    linkOrCopy(guac, input);
    var command =
        List.of(
            settings.path(),
            "-s",
            size,
            "-r",
            Integer.toString(settings.bitrate()),
            input.toString());
    var result = ToolProcess.run(command, tools.environment(), work, settings.timeout());
    String output = result.output();
    if (result.exitCode() != 0 || output.contains("ERROR:") || output.contains("Encoding failed")) {
      throw new ConversionException(
          "guacenc failed. exit: %d, output: %s"
              .formatted(result.exitCode(), ToolProcess.last(output)),
          result.exitCode() == 0);
    }
    Path m4v = work.resolve(input.getFileName() + ".m4v");
    if (!Files.isRegularFile(m4v) || size(m4v) == 0) {
      throw new ConversionException("guacenc wrote no video: " + ToolProcess.last(output), false);
    }
    log.debug("guacenc done. recording: {}, m4v bytes: {}", guac.getFileName(), size(m4v));
    return m4v;
  }

  private void encodeH264(Path m4v, Path mp4, Path work) {
    var command =
        List.of(
            tools.ffmpegExecutable(),
            "-nostdin",
            "-y",
            "-v",
            "error",
            "-i",
            m4v.toString(),
            "-c:v",
            "libx264",
            "-preset",
            settings.preset(),
            "-pix_fmt",
            "yuv420p",
            "-movflags",
            "+faststart",
            "-an",
            "-f",
            "mp4",
            mp4.toAbsolutePath().toString());
    var result = ToolProcess.run(command, tools.environment(), work, settings.timeout());
    if (result.exitCode() != 0) {
      throw new ConversionException(
          "ffmpeg failed. exit: %d, output: %s"
              .formatted(result.exitCode(), ToolProcess.last(result.output())),
          false);
    }
  }

  private static void check(VideoProbe.Video video, RecordingFacts facts) {
    if (!"h264".equals(video.codec()) || video.frames() <= 0) {
      throw new ConversionException(
          "The MP4 is not a decodable H.264 video. codec: %s, frames: %d"
              .formatted(video.codec(), video.frames()),
          false);
    }
    Duration expected = facts.sessionDuration();
    Duration tolerance = Duration.ofSeconds(2).plus(expected.dividedBy(10));
    if (video.duration().minus(expected).abs().compareTo(tolerance) > 0) {
      throw new ConversionException(
          "The MP4's length does not match the session. video: %s, session: %s"
              .formatted(video.duration(), expected),
          false);
    }
  }

  private static Path createWorkDir(Path target) {
    try {
      return Files.createDirectory(PartialOutput.sibling(target, "work"));
    } catch (IOException e) {
      throw new ConversionException("Cannot create a work directory: " + e.getMessage(), false, e);
    }
  }

  private static void linkOrCopy(Path source, Path target) {
    try {
      try {
        Files.createLink(target, source);
      } catch (FileSystemException | UnsupportedOperationException crossDevice) {
        Files.copy(source, target);
      }
    } catch (IOException e) {
      throw new ConversionException("Cannot stage the recording: " + e.getMessage(), false, e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("Could not remove a failed output. file: {}", file, e);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(GuacencConverter::deleteQuietly);
    } catch (IOException | UncheckedIOException e) {
      log.warn("Could not remove a work directory. dir: {}", dir, e);
    }
  }
}
