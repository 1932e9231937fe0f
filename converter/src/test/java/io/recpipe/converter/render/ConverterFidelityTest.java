package io.recpipe.converter.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.converter.Conversion;
import io.recpipe.converter.FfmpegTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Converts every shared recording and compares the picture with guacenc's reference video at
 * {@value #MOMENTS} moments spread over the session, with ffmpeg's {@code ssim} filter.
 *
 * <p>Both videos share the time origin (the first {@code sync}); guacenc's frames are quantised to
 * 40 ms slots and show a sync's picture one slot late, so each moment is compared with the
 * reference frames within two slots of it and the best match counts. Fails below a mean SSIM of
 * {@value #MIN_MEAN} or any moment below {@value #MIN_ANY}.
 *
 * <p>On the small corpus (ssh-1 and vnc-5-idle only), guacenc's picture comes from stills cut at
 * half size from its videos ({@link ReferenceStills}), at every {@value #STILLS_EVERY}th moment.
 */
class ConverterFidelityTest {

  private static final int MOMENTS = 24;
  private static final int SLACK_FRAMES = 2;
  private static final double MIN_MEAN = 0.98;
  private static final double MIN_ANY = 0.90;
  private static final int STILLS_EVERY = 4;

  /**
   * Both pictures are compared in the videos' own colour space (yuv420p) at half size (area
   * averaging): the reference is MPEG-4 Part 2 at 2 Mbit/s whose ringing around 1-pixel glyph
   * strokes alone costs ~0.1 SSIM at full size on terminal text, while a wrong or misplaced drawing
   * still costs as much at half size.
   */
  private static final String HALF = "scale=512:384:flags=area,format=yuv420p";

  private static final Pattern ALL = Pattern.compile("All:([0-9.]+)");

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "ssh-1-1024x768, ssh-1-1024x768.guacenc.m4v, 13.68",
    "vnc-1-short-1024x768, vnc-1-short-1024x768.guacenc.m4v, 14.77",
    "vnc-4-pngjpeg-1024x768, vnc-4-pngjpeg-1024x768.guacenc.m4v, 14.71",
    "rdp-1-1024x768, rdp-1-1024x768.guacenc.m4v, 30.22",
    "vnc-2-long-1024x768, vnc-2-long-1024x768.guacenc.m4v, 61.84",
    "vnc-5-idle-1024x768, vnc-5-idle-1024x768.guacenc-x264.mp4, 485.20",
  })
  void nativeVideoMatchesGuacencsPicture(String name, String reference, double sessionSeconds)
      throws Exception {
    Path recordings = Recordings.shared();
    Path mp4 = dir.resolve(name + ".mp4");
    Conversion c =
        new NativeConverter(NativeSettings.defaults(), FfmpegTools.onPath(), Clock.systemUTC())
            .convert(Recordings.recording(name), mp4);

    assertThat(c.partial()).isFalse();
    assertThat(c.sessionDuration().toMillis() / 1000.0)
        .isCloseTo(sessionSeconds, org.assertj.core.data.Offset.offset(0.01));
    assertThat(c.videoDuration().toMillis() / 1000.0)
        .as("video lasts the session, within about a frame")
        .isCloseTo(sessionSeconds, org.assertj.core.data.Offset.offset(0.1));
    assertThat(Videos.codecAndDuration(mp4)).contains("codec_name=h264", "pix_fmt=yuv420p");

    List<Integer> moments = new ArrayList<>();
    int frames = (int) Math.floor(sessionSeconds * 25);
    int every = ReferenceStills.inUse() ? STILLS_EVERY : 1;
    for (int k = every / 2; k < MOMENTS; k += every) {
      moments.add((int) Math.round(frames * (k + 0.5) / MOMENTS));
    }
    List<Integer> refFrames = new ArrayList<>();
    List<Integer> ourFrames = new ArrayList<>();
    for (int n : moments) {
      for (int d = -SLACK_FRAMES; d <= SLACK_FRAMES; d++) {
        ourFrames.add(n);
        refFrames.add(Math.max(0, n + d));
      }
    }
    Path ours = extract(mp4, ourFrames, "ours");
    Path ref =
        ReferenceStills.inUse()
            ? ReferenceStills.copy(name, "512x384", refFrames, dir.resolve("ref"))
            : extract(recordings.resolve("reference").resolve(reference), refFrames, "ref");
    List<Double> ssim = ssim(ours, ref, ourFrames.size());

    double sum = 0;
    double min = 1;
    StringBuilder report = new StringBuilder();
    for (int k = 0; k < moments.size(); k++) {
      double best = 0;
      for (int d = 0; d <= 2 * SLACK_FRAMES; d++) {
        best = Math.max(best, ssim.get(k * (2 * SLACK_FRAMES + 1) + d));
      }
      sum += best;
      min = Math.min(min, best);
      report.append(String.format(Locale.ROOT, " %.2fs:%.3f", moments.get(k) / 25.0, best));
    }
    double mean = sum / moments.size();
    System.out.printf(
        Locale.ROOT, "fidelity %s: mean %.4f, min %.4f;%s%n", name, mean, min, report);
    assertThat(mean).as("mean SSIM of " + name + report).isGreaterThanOrEqualTo(MIN_MEAN);
    assertThat(min).as("lowest SSIM of " + name + report).isGreaterThanOrEqualTo(MIN_ANY);
  }

  /**
   * Writes the listed frames (indexes in the video made constant 25 fps) as numbered PNGs, in list
   * order, repeating a frame where the list does.
   */
  private Path extract(Path video, List<Integer> wanted, String prefix) throws Exception {
    Path out = Files.createDirectory(dir.resolve(prefix));
    List<Integer> distinct = wanted.stream().distinct().sorted().toList();
    StringBuilder select = new StringBuilder();
    for (int k = 0; k < distinct.size(); ) {
      int from = distinct.get(k);
      int to = from;
      while (++k < distinct.size() && distinct.get(k) == to + 1) {
        to++;
      }
      select.append(select.length() == 0 ? "" : "+");
      select.append("between(n\\,").append(from).append("\\,").append(to).append(")");
    }
    Videos.run(
        List.of(
            "ffmpeg",
            "-v",
            "error",
            "-i",
            video.toString(),
            "-vf",
            "fps=25,select=" + select,
            "-fps_mode",
            "passthrough",
            out.resolve("d_%04d.png").toString()));
    for (int k = 0; k < wanted.size(); k++) {
      int index = distinct.indexOf(wanted.get(k)) + 1;
      Files.copy(
          out.resolve(String.format(Locale.ROOT, "d_%04d.png", index)),
          out.resolve(String.format(Locale.ROOT, "f_%04d.png", k + 1)));
    }
    return out;
  }

  private List<Double> ssim(Path ours, Path ref, int count) throws Exception {
    Path stats = dir.resolve("ssim-" + ours.getFileName() + ".log");
    Videos.run(
        List.of(
            "ffmpeg",
            "-v",
            "error",
            "-i",
            ours.resolve("f_%04d.png").toString(),
            "-i",
            ref.resolve("f_%04d.png").toString(),
            "-lavfi",
            "[0]" + HALF + "[a];[1]" + HALF + "[b];[a][b]ssim=stats_file=" + stats,
            "-f",
            "null",
            "-"));
    List<Double> values = new ArrayList<>();
    for (String line : Files.readAllLines(stats)) {
      Matcher m = ALL.matcher(line);
      if (m.find()) {
        values.add(Double.parseDouble(m.group(1)));
      }
    }
    assertThat(values).hasSize(count);
    return values;
  }
}
