package io.recpipe.converter.render;

import static io.recpipe.converter.render.Recordings.i;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.recpipe.converter.Conversion;
import io.recpipe.converter.ConversionException;
import io.recpipe.converter.FfmpegTools;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The converter end to end with the real ffmpeg, on synthetic and real recordings. */
class NativeConverterTest {

  @TempDir Path dir;

  private final NativeConverter converter =
      new NativeConverter(NativeSettings.defaults(), FfmpegTools.onPath(), Clock.systemUTC());

  private static String fill(int r, int g, int b) {
    return i("rect", 0, 0, 0, 64, 48) + i("cfill", 12, 0, r, g, b, 255);
  }

  private Path write(String name, String recording) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, recording, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void framesOnlyWhenThePictureChangesAtTheirRealTimes() throws Exception {
    String rec =
        i("size", 0, 64, 48)
            + fill(255, 0, 0)
            + i("sync", 1000, 0)
            + i("sync", 1010, 0) // nothing changed: no frame
            + fill(0, 255, 0)
            + i("sync", 1020, 0) // changed 20 ms after the last frame: shown at 40 ms
            + i("sync", 6000, 0)
            + fill(0, 0, 255)
            + i("sync", 11000, 0)
            + i("key", 65, 1, 12000)
            + i("sync", 16000, 0); // idle to the end: the last picture is held
    Path mp4 = dir.resolve("out.mp4");
    Conversion c = converter.convert(write("t.guac", rec), mp4);

    assertThat(c.sessionDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.partial()).isFalse();
    assertThat(Videos.frameTimes(mp4)).containsExactly(0.0, 0.04, 10.0, 15.0);
    assertThat(c.frames()).isEqualTo(4);
    assertThat(c.videoDuration().toMillis()).isCloseTo(15_000L, offset(100L));
    assertThat(Videos.codecAndDuration(mp4)).contains("codec_name=h264", "pix_fmt=yuv420p");
    assertThat(Videos.pixelAt(mp4, 0.0, 10, 10)).satisfies(p -> assertRgb(p, 255, 0, 0));
    assertThat(Videos.pixelAt(mp4, 5.0, 10, 10)).satisfies(p -> assertRgb(p, 0, 255, 0));
    assertThat(Videos.pixelAt(mp4, 14.0, 10, 10)).satisfies(p -> assertRgb(p, 0, 0, 255));
    assertThat(listDir()).containsExactly("out.mp4", "t.guac");
  }

  @Test
  void sparseFramesToTheVeryEndGiveAVideoAsLongAsTheSession() throws Exception {
    // A picture change every 2 s up to the last moment: ffmpeg must not take the 2 s gaps for the
    // frame rate and give the last frame a 2 s (or 1 s) duration of its own.
    String rec =
        i("size", 0, 64, 48)
            + fill(255, 0, 0)
            + i("sync", 1000, 0)
            + fill(0, 255, 0)
            + i("sync", 3000, 0)
            + fill(0, 0, 255)
            + i("sync", 5000, 0)
            + fill(255, 255, 255)
            + i("sync", 7000, 0);
    Path mp4 = dir.resolve("sparse.mp4");
    Conversion c = converter.convert(write("sparse.guac", rec), mp4);

    assertThat(c.sessionDuration()).isEqualTo(Duration.ofSeconds(6));
    assertThat(Videos.frameTimes(mp4)).containsExactly(0.0, 2.0, 4.0, 6.0);
    assertThat(c.videoDuration().toMillis()).isCloseTo(6_000L, offset(100L));
  }

  @Test
  void timestampedMouseMarksTimeAndOddSizesArePaddedToEven() throws Exception {
    String rec =
        i("size", 0, 63, 47)
            + i("rect", 0, 0, 0, 63, 47)
            + i("cfill", 12, 0, 255, 255, 255, 255)
            + i("sync", 500, 0)
            + i("mouse", 10, 10, 0, 2500);
    Path mp4 = dir.resolve("m.mp4");
    Conversion c = converter.convert(write("m.guac", rec), mp4);
    assertThat(c.sessionDuration()).isEqualTo(Duration.ofSeconds(2));
    assertThat(Videos.codecAndDuration(mp4)).contains("width=64", "height=48");
  }

  @Test
  void aCutOffRecordingConvertsUpToItsLastCompleteInstruction() throws Exception {
    Path cut = dir.resolve("cut.guac");
    try (InputStream in = Files.newInputStream(shared("vnc-2-long-1024x768.guac"));
        OutputStream out = Files.newOutputStream(cut)) {
      out.write(in.readNBytes(6_870_920));
    }
    Path mp4 = dir.resolve("cut.mp4");
    Conversion c = converter.convert(cut, mp4);
    assertThat(c.partial()).isTrue();
    assertThat(c.bytesIgnored()).isPositive().isLessThan(100_000);
    assertThat(c.frames()).isPositive();
    assertThat(c.sessionDuration().toSeconds()).isBetween(5L, 61L);
    assertThat(Videos.codecAndDuration(mp4)).contains("codec_name=h264");
  }

  @Test
  void emptyAndMissingRecordingsArePermanentErrors() throws Exception {
    Path empty = write("empty.guac", "");
    assertThatThrownBy(() -> converter.convert(empty, dir.resolve("e.mp4")))
        .isInstanceOfSatisfying(
            ConversionException.class, e -> assertThat(e.isPermanent()).isTrue())
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> converter.convert(dir.resolve("nope.guac"), dir.resolve("n.mp4")))
        .isInstanceOfSatisfying(
            ConversionException.class, e -> assertThat(e.isPermanent()).isTrue());
    Path noSync = write("nosync.guac", i("size", 0, 8, 8));
    assertThatThrownBy(() -> converter.convert(noSync, dir.resolve("s.mp4")))
        .isInstanceOfSatisfying(
            ConversionException.class, e -> assertThat(e.isPermanent()).isTrue())
        .hasMessageContaining("no sync");
    assertThat(listDir()).containsExactlyInAnyOrder("empty.guac", "nosync.guac");
  }

  @Test
  void aFailingFfmpegIsATransientErrorCarryingItsStderr() throws Exception {
    Path fake = dir.resolve("fake-ffmpeg.sh");
    Files.writeString(fake, "#!/bin/sh\necho 'fake ffmpeg: out of cheese' >&2\nexit 1\n");
    fake.toFile().setExecutable(true);
    NativeConverter broken =
        new NativeConverter(
            NativeSettings.defaults(),
            new FfmpegTools(new FfmpegTools.Tool(fake.toString()), new FfmpegTools.Tool("")),
            Clock.systemUTC());
    Path rec =
        write(
            "f.guac", i("size", 0, 64, 48) + fill(1, 2, 3) + i("sync", 1, 0) + i("sync", 2000, 0));
    assertThatThrownBy(() -> broken.convert(rec, dir.resolve("f.mp4")))
        .isInstanceOfSatisfying(
            ConversionException.class, e -> assertThat(e.isPermanent()).isFalse())
        .hasMessageContaining("out of cheese");
    assertThat(listDir()).containsExactlyInAnyOrder("f.guac", "fake-ffmpeg.sh");
  }

  @Test
  void anFfmpegThatExitsZeroWithAVideoCutShortOrMissingFramesIsATransientError() throws Exception {
    // The real ffmpeg, then the file damaged as a short write would leave it; exit 0 all the same.
    Path cutting = dir.resolve("cutting-ffmpeg.sh");
    Files.writeString(
        cutting,
        "#!/bin/sh\nfor out; do :; done\nffmpeg \"$@\" || exit $?\n"
            + "truncate -s -100 \"$out\"\nexit 0\n");
    cutting.toFile().setExecutable(true);
    // The real ffmpeg told to drop the last frame, exit 0.
    Path dropping = dir.resolve("dropping-ffmpeg.sh");
    Files.writeString(
        dropping,
        "#!/bin/bash\nargs=(\"$@\"); out=${args[-1]}; unset 'args[-1]'\n"
            + "exec ffmpeg \"${args[@]}\" -frames:v $((FRAMES - 1)) \"$out\"\n");
    dropping.toFile().setExecutable(true);
    Path rec =
        write(
            "c.guac",
            i("size", 0, 64, 48)
                + fill(1, 2, 3)
                + i("sync", 1, 0)
                + i("rect", 0, 0, 0, 8, 8)
                + i("cfill", 14, 0, 9, 9, 9, 255)
                + i("sync", 500, 0)
                + i("sync", 2000, 0));

    assertThatThrownBy(() -> withFfmpeg(cutting, Map.of()).convert(rec, dir.resolve("c.mp4")))
        .isInstanceOfSatisfying(
            ConversionException.class, e -> assertThat(e.isPermanent()).isFalse())
        .hasMessageContaining("not a readable MP4")
        .hasMessageContaining("the file ends first");
    assertThatThrownBy(
            () -> withFfmpeg(dropping, Map.of("FRAMES", "3")).convert(rec, dir.resolve("d.mp4")))
        .isInstanceOfSatisfying(
            ConversionException.class, e -> assertThat(e.isPermanent()).isFalse())
        .hasMessageContaining("the video holds 2 frames; 3 were given to ffmpeg");
    assertThat(listDir())
        .containsExactlyInAnyOrder("c.guac", "cutting-ffmpeg.sh", "dropping-ffmpeg.sh");
    assertThat(withFfmpeg(dropping, Map.of("FRAMES", "4")).convert(rec, dir.resolve("e.mp4")))
        .as("the same wrapper keeping every frame")
        .satisfies(c -> assertThat(c.frames()).isEqualTo(3));
  }

  @Test
  void ffmpegStartedBeforeTheRecordingIsReadIsKilledWhenTheRecordingIsNotValid() throws Exception {
    // ffmpeg starts beside the reading; a recording found to be garbage must not leave it waiting.
    Path garbage = write("g.guac", "this is not a recording at all;");
    Path noScreen = write("n.guac", i("sync", 1, 0) + i("sync", 2000, 0));
    NativeConverter converter =
        new NativeConverter(NativeSettings.defaults(), FfmpegTools.onPath(), Clock.systemUTC());

    assertThatThrownBy(() -> converter.convert(garbage, dir.resolve("g.mp4")))
        .isInstanceOfSatisfying(
            ConversionException.class, e -> assertThat(e.isPermanent()).isTrue());
    assertThatThrownBy(() -> converter.convert(noScreen, dir.resolve("n.mp4")))
        .isInstanceOfSatisfying(
            ConversionException.class, e -> assertThat(e.isPermanent()).isTrue())
        .hasMessageContaining("never draws a screen");

    assertThat(ffmpegsWritingInto(dir)).as("ffmpeg processes left").isEmpty();
    assertThat(listDir()).containsExactlyInAnyOrder("g.guac", "n.guac");
  }

  /** This JVM's child processes whose arguments name a file in {@code folder}. */
  private static List<ProcessHandle> ffmpegsWritingInto(Path folder) throws InterruptedException {
    List<ProcessHandle> left = List.of();
    for (int i = 0; i < 50; i++) { // killed processes are reaped within moments
      left =
          ProcessHandle.current()
              .descendants()
              .filter(ProcessHandle::isAlive)
              .filter(
                  p ->
                      p.info().arguments().stream()
                          .flatMap(Stream::of)
                          .anyMatch(a -> a.contains(folder.toString())))
              .toList();
      if (left.isEmpty()) {
        break;
      }
      Thread.sleep(100);
    }
    return left;
  }

  private static NativeConverter withFfmpeg(Path ffmpeg, Map<String, String> environment) {
    return new NativeConverter(
        NativeSettings.defaults(),
        new FfmpegTools(
            new FfmpegTools.Tool(ffmpeg.toString()), new FfmpegTools.Tool(""), environment),
        Clock.systemUTC());
  }

  @Test
  void aTimeOutKillsFfmpegAndIsTransient() throws Exception {
    NativeConverter impatient =
        new NativeConverter(
            new NativeSettings(25, 23, "veryfast", "", "", Duration.ofMillis(1), 1 << 26, 1 << 26),
            FfmpegTools.onPath(),
            Clock.systemUTC());
    Path rec = shared("ssh-1-1024x768.guac");
    assertThatThrownBy(() -> impatient.convert(rec, dir.resolve("t.mp4")))
        .isInstanceOfSatisfying(
            ConversionException.class, e -> assertThat(e.isPermanent()).isFalse())
        .hasMessageContaining("timed out");
    assertThat(listDir()).isEmpty();
  }

  private static void assertRgb(int p, int r, int g, int b) {
    assertThat((p >> 16) & 0xFF).as("red").isCloseTo(r, offset(12));
    assertThat((p >> 8) & 0xFF).as("green").isCloseTo(g, offset(12));
    assertThat(p & 0xFF).as("blue").isCloseTo(b, offset(12));
  }

  private static Path shared(String name) {
    return Recordings.recording(name.replaceFirst("\\.guac$", ""));
  }

  private List<String> listDir() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
