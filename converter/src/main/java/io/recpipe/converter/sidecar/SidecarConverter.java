package io.recpipe.converter.sidecar;

import io.recpipe.converter.Conversion;
import io.recpipe.converter.ConversionException;
import io.recpipe.converter.ConversionProgress;
import io.recpipe.converter.FfmpegTools;
import io.recpipe.converter.PartialOutput;
import io.recpipe.converter.RecordingConverter;
import io.recpipe.converter.Sidecar;
import io.recpipe.converter.keys.Cue;
import io.recpipe.converter.keys.Keystrokes;
import io.recpipe.converter.keys.WebVtt;
import io.recpipe.converter.render.FfmpegLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Any converter, plus the files asked for beside its MP4 ({@link SidecarSettings}): the keystroke
 * track ({@code <id>.vtt}, also muxed into the MP4 as a {@code mov_text} subtitle track) and the
 * poster ({@code <id>.jpg}).
 *
 * <p>The wrapped converter writes into a partial file ({@link PartialOutput}); the keystrokes are
 * read from the recording with the converters' parser, written beside it as a partial file, and
 * muxed into a partial copy of the MP4 (the video's packets copied as they are) that replaces the
 * converter's output once ffprobe sees the same streams (codec, duration) plus the track; the
 * poster is made from that MP4. Every work file is a partial sibling of the MP4's ({@link
 * PartialOutput#sibling}), so clean-up by the MP4's final name finds what a killed conversion left.
 * When the caller gave a final name, the sidecars are moved onto theirs before the MP4 is: whoever
 * sees the MP4 finds them complete.
 *
 * <p>The sidecars never fail a recording: when one cannot be made, a warning is logged and the MP4
 * goes on without it (and without the subtitle track); the video is what the pipeline owes. An
 * interrupt still stops the conversion.
 */
public final class SidecarConverter implements RecordingConverter {

  private static final Logger log = LoggerFactory.getLogger(SidecarConverter.class);

  private final RecordingConverter converter;
  private final SidecarSettings settings;
  private final FfmpegTools tools;

  public SidecarConverter(
      RecordingConverter converter, SidecarSettings settings, FfmpegTools tools) {
    this.converter = converter;
    this.settings = settings;
    this.tools = tools;
  }

  /** The wrapped converter's name: the sidecars do not change how the video is made. */
  @Override
  public String name() {
    return converter.name();
  }

  @Override
  public Conversion convert(Path guac, Path mp4, ConversionProgress progress) {
    if (!settings.any()) {
      return converter.convert(guac, mp4, progress);
    }
    Path target = PartialOutput.fileFor(mp4);
    List<Sidecar> made = new ArrayList<>();
    boolean done = false;
    try {
      Conversion conversion = converter.convert(guac, target, progress);
      long started = System.nanoTime();
      if (settings.keystrokes()) {
        keystrokes(guac, target).ifPresent(made::add);
      }
      if (settings.poster()) {
        poster(target, conversion).ifPresent(made::add);
      }
      log.info(
          "Sidecars made. file: {}, made: {}, seconds: {}",
          guac.getFileName(),
          made.stream().map(s -> s.kind().extension()).toList(),
          (System.nanoTime() - started) / 1_000_000 / 1000.0);
      List<Sidecar> sidecars = PartialOutput.isPartial(mp4) ? made : publish(made, target, mp4);
      done = true;
      return conversion.withSidecars(sidecars);
    } finally {
      if (!done) {
        made.forEach(s -> deleteQuietly(s.file()));
        deleteQuietly(target);
      }
    }
  }

  private Optional<Sidecar> keystrokes(Path guac, Path target) {
    Path vtt = PartialOutput.sibling(target, "vtt");
    Path muxed = PartialOutput.sibling(target, "muxed");
    long started = System.nanoTime();
    try {
      List<Cue> cues = Keystrokes.read(guac, settings.keystrokePause());
      WebVtt.write(cues, vtt);
      if (!cues.isEmpty()) {
        addTrack(target, vtt, muxed);
      }
      log.info(
          "Keystroke track made. file: {}, cues: {}, seconds: {}",
          guac.getFileName(),
          cues.size(),
          (System.nanoTime() - started) / 1_000_000 / 1000.0);
      return Optional.of(new Sidecar(Sidecar.Kind.KEYSTROKES, vtt));
    } catch (IOException | RuntimeException e) {
      deleteQuietly(vtt);
      stopIfInterrupted(e);
      log.warn(
          "Keystroke track not made; the video goes on without it. file: {}",
          guac.getFileName(),
          e);
      return Optional.empty();
    } finally {
      deleteQuietly(muxed);
    }
  }

  /** Muxes {@code vtt} into a copy of {@code target}, checks it and puts it in its place. */
  private void addTrack(Path target, Path vtt, Path muxed) throws IOException {
    String ffmpeg = FfmpegLocator.resolve(tools.ffmpeg().path(), "ffmpeg");
    String ffprobe = FfmpegLocator.resolve(tools.ffprobe().path(), "ffprobe");
    var ffprobeEnv = tools.environmentWith(FfmpegLocator.environmentFor(ffprobe));
    List<String> before = SubtitleMux.streams(ffprobe, ffprobeEnv, target, settings.timeout());
    SubtitleMux.mux(
        ffmpeg,
        tools.environmentWith(FfmpegLocator.environmentFor(ffmpeg)),
        target,
        vtt,
        muxed,
        settings.timeout());
    List<String> after = SubtitleMux.streams(ffprobe, ffprobeEnv, muxed, settings.timeout());
    if (after.size() != before.size() + 1
        || !after.subList(0, before.size()).equals(before)
        || !after.get(before.size()).startsWith("mov_text,subtitle,")) {
      throw new ConversionException(
          "the MP4 with the keystroke track has streams " + after + ", not " + before + " + text",
          false);
    }
    Files.move(muxed, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private Optional<Sidecar> poster(Path target, Conversion conversion) {
    Path jpg = PartialOutput.sibling(target, "jpg");
    try {
      String ffmpeg = FfmpegLocator.resolve(tools.ffmpeg().path(), "ffmpeg");
      Poster.make(
          ffmpeg,
          tools.environmentWith(FfmpegLocator.environmentFor(ffmpeg)),
          target,
          conversion.videoDuration(),
          settings.posterFrames(),
          settings.posterWidth(),
          jpg,
          settings.timeout());
      if (!Files.isRegularFile(jpg) || Files.size(jpg) == 0) {
        throw new ConversionException("ffmpeg wrote no poster", false);
      }
      return Optional.of(new Sidecar(Sidecar.Kind.POSTER, jpg));
    } catch (IOException | RuntimeException e) {
      deleteQuietly(jpg);
      stopIfInterrupted(e);
      log.warn("Poster not made; the video goes on without it. file: {}", target.getFileName(), e);
      return Optional.empty();
    }
  }

  /** Moves each sidecar onto its final name beside {@code mp4}, then the MP4 onto {@code mp4}. */
  private static List<Sidecar> publish(List<Sidecar> made, Path target, Path mp4) {
    List<Sidecar> published = new ArrayList<>();
    try {
      for (Sidecar sidecar : made) {
        Path file =
            mp4.resolveSibling(Sidecar.finalName(mp4.getFileName().toString(), sidecar.kind()));
        move(sidecar.file(), file);
        published.add(new Sidecar(sidecar.kind(), file));
      }
      move(target, mp4);
      return published;
    } catch (IOException e) {
      published.forEach(s -> deleteQuietly(s.file()));
      throw new ConversionException(
          "Cannot move the output into place: " + e.getMessage(), false, e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void stopIfInterrupted(Exception e) {
    if (Thread.currentThread().isInterrupted()) {
      throw new ConversionException("conversion interrupted", false, e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("Could not remove a partial sidecar. file: {}", file, e);
    }
  }
}
