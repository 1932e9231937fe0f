package io.recpipe.converter.sidecar;

import static io.recpipe.converter.testing.Protocol.i;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recpipe.converter.Conversion;
import io.recpipe.converter.ConversionException;
import io.recpipe.converter.FfmpegTools;
import io.recpipe.converter.PartialOutput;
import io.recpipe.converter.RecordingConverter;
import io.recpipe.converter.Sidecar;
import io.recpipe.converter.render.NativeConverter;
import io.recpipe.converter.render.NativeSettings;
import io.recpipe.converter.testing.TestRecordings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keystroke track and poster beside and in the MP4, with the real ffmpeg and ffprobe. */
class SidecarConverterTest {

  private static final SidecarSettings BOTH =
      SidecarSettings.none().withKeystrokes(true).withPoster(true);

  @TempDir Path dir;

  private final NativeConverter plain =
      new NativeConverter(NativeSettings.defaults(), FfmpegTools.onPath(), Clock.systemUTC());

  private RecordingConverter with(SidecarSettings settings) {
    return new SidecarConverter(plain, settings, FfmpegTools.onPath());
  }

  private static String fill(int r, int g, int b) {
    return i("rect", 0, 0, 0, 160, 120) + i("cfill", 12, 0, r, g, b, 255);
  }

  private static String tap(int keysym, long time) {
    return i("key", keysym, 1, time) + i("key", keysym, 0, time + 5);
  }

  /** 6 s of colours with "ls<Enter>" typed at 1 s and Ctrl+C at 4 s. */
  private Path recording() throws Exception {
    String rec =
        i("size", 0, 160, 120)
            + fill(255, 0, 0)
            + i("sync", 1000, 0)
            + fill(0, 255, 0)
            + i("sync", 1040, 0)
            + tap('l', 2000)
            + tap('s', 2100)
            + tap(0xff0d, 2200)
            + fill(0, 0, 255)
            + i("sync", 3000, 0)
            + i("key", 0xffe3, 1, 5000)
            + tap('c', 5010)
            + i("key", 0xffe3, 0, 5020)
            + i("sync", 7000, 0);
    return Files.writeString(dir.resolve("k.guac"), rec);
  }

  @Test
  void theTrackAndPosterAreWrittenBesideTheMp4AndTheTrackIsInItWithTheVideoUnchanged()
      throws Exception {
    Path guac = recording();
    Path mp4 = dir.resolve("out.mp4");

    Conversion c = with(BOTH).convert(guac, mp4);

    assertThat(c.sidecars())
        .containsExactly(
            new Sidecar(Sidecar.Kind.KEYSTROKES, dir.resolve("out.vtt")),
            new Sidecar(Sidecar.Kind.POSTER, dir.resolve("out.jpg")));
    assertThat(names()).containsExactlyInAnyOrder("k.guac", "out.mp4", "out.vtt", "out.jpg");
    assertThat(Files.readString(dir.resolve("out.vtt")))
        .isEqualTo(
            """
            WEBVTT

            00:00:01.000 --> 00:00:03.200
            ls&lt;Enter&gt;

            00:00:04.010 --> 00:00:06.000
            &lt;Ctrl+C&gt;
            """);
    assertThat(Tools.streams(mp4)).containsExactly("h264,video", "mov_text,subtitle");
    assertThat(Tools.subtitles(mp4))
        .contains("00:00:01,000 --> 00:00:03,200\nls<Enter>")
        .contains("00:00:04,010 --> 00:00:06,000\n<Ctrl+C>");
    Path without = dir.resolve("plain.mp4");
    plain.convert(guac, without);
    assertThat(Tools.videoHash(mp4)).isEqualTo(Tools.videoHash(without));
    assertThat(Tools.run("ffprobe", "-v", "trace", mp4.toString()))
        .as("+faststart: the index (moov) before the data (mdat)")
        .containsPattern("(?s)type:'moov'.*type:'mdat'");
    // 6 moments in 3 columns and 2 rows, each 160x120 scaled to 320 wide
    assertThat(Tools.image(dir.resolve("out.jpg"))).isEqualTo("mjpeg,960,480");
    assertThat(Files.readAllBytes(dir.resolve("out.jpg"))).startsWith(0xFF, 0xD8);
  }

  @Test
  void aPartialMp4GetsPartialSidecarsForTheCallerToPublish() throws Exception {
    Path partial = PartialOutput.fileFor(dir.resolve("s-1.mp4"));

    Conversion c = with(BOTH).convert(recording(), partial);

    assertThat(c.sidecars()).hasSize(2);
    for (Sidecar sidecar : c.sidecars()) {
      String name = sidecar.file().getFileName().toString();
      assertThat(PartialOutput.isPartial(sidecar.file())).as(name).isTrue();
      assertThat(name).startsWith(partial.getFileName().toString().replace(".part", "-"));
    }
    assertThat(names())
        .containsExactlyInAnyOrder(
            "k.guac",
            partial.getFileName().toString(),
            c.sidecars().get(0).file().getFileName().toString(),
            c.sidecars().get(1).file().getFileName().toString());
    assertThat(Tools.streams(partial)).containsExactly("h264,video", "mov_text,subtitle");
  }

  @Test
  void aPosterThatCannotBeMadeIsLeftOutAndTheRecordingStillConverts() throws Exception {
    SidecarSettings noFrames =
        new SidecarSettings(
            false, SidecarSettings.DEFAULT_PAUSE, true, 0, 320, SidecarSettings.DEFAULT_TIMEOUT);

    Conversion c = with(noFrames).convert(recording(), dir.resolve("out.mp4"));

    assertThat(c.sidecars()).isEmpty();
    assertThat(names()).containsExactlyInAnyOrder("k.guac", "out.mp4");
  }

  @Test
  void whenFfmpegFailsForTheSidecarsTheMp4IsPublishedWithoutThem() throws Exception {
    FfmpegTools failing =
        new FfmpegTools(new FfmpegTools.Tool("/bin/false"), new FfmpegTools.Tool(""));
    Path mp4 = dir.resolve("out.mp4");

    Conversion c = new SidecarConverter(plain, BOTH, failing).convert(recording(), mp4);

    assertThat(c.sidecars()).isEmpty();
    assertThat(names()).containsExactlyInAnyOrder("k.guac", "out.mp4");
    assertThat(Tools.streams(mp4)).containsExactly("h264,video");
  }

  @Test
  void anInterruptWhileMakingTheTrackStopsTheConversionAndLeavesNothing() throws Exception {
    Path slow = Files.writeString(dir.resolve("slow-ffmpeg"), "#!/bin/sh\nexec sleep 60\n");
    slow.toFile().setExecutable(true);
    FfmpegTools hanging =
        new FfmpegTools(new FfmpegTools.Tool(slow.toString()), new FfmpegTools.Tool(""));
    Path guac = recording();
    var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
    Thread worker =
        new Thread(
            () -> {
              try {
                new SidecarConverter(plain, BOTH, hanging).convert(guac, dir.resolve("out.mp4"));
              } catch (Throwable t) {
                failure.set(t);
              }
            });
    worker.start();
    // The track file is written, then ffprobe and the (hanging) mux run: interrupt in there.
    long until = System.nanoTime() + 60_000_000_000L;
    while (names().stream().noneMatch(n -> n.endsWith("-vtt.part")) && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    worker.interrupt();
    worker.join(30_000);

    assertThat(failure.get())
        .isInstanceOf(ConversionException.class)
        .hasMessageContaining("interrupted");
    assertThat(names()).containsExactlyInAnyOrder("k.guac", "slow-ffmpeg");
  }

  @Test
  void withoutKeysTheTrackFileIsEmptyAndTheMp4HasNoSubtitles() throws Exception {
    Path guac =
        Files.writeString(
            dir.resolve("n.guac"),
            i("size", 0, 160, 120) + fill(9, 9, 9) + i("sync", 0, 0) + i("sync", 2000, 0));

    Conversion c = with(BOTH.withPoster(false)).convert(guac, dir.resolve("n.mp4"));

    assertThat(c.sidecars()).extracting(Sidecar::kind).containsExactly(Sidecar.Kind.KEYSTROKES);
    assertThat(dir.resolve("n.vtt")).hasContent("WEBVTT");
    assertThat(Tools.streams(dir.resolve("n.mp4"))).containsExactly("h264,video");
  }

  @Test
  void aFailedConversionLeavesNothingBehind() throws Exception {
    Path guac = Files.writeString(dir.resolve("bad.guac"), i("size", 0, 160, 120) + i("nop"));

    assertThatThrownBy(() -> with(BOTH).convert(guac, dir.resolve("bad.mp4")))
        .isInstanceOf(ConversionException.class);

    assertThat(names()).containsExactly("bad.guac");
  }

  @Test
  void aSharedRecordingsKeysBecomeItsTrack() throws Exception {
    Path guac = TestRecordings.recording("ssh-1-1024x768");
    Path mp4 = dir.resolve("ssh.mp4");

    Conversion c = with(BOTH.withPoster(false)).convert(guac, mp4);

    String vtt = Files.readString(dir.resolve("ssh.vtt"));
    assertThat(vtt.split("\n\n")).hasSize(8); // the header and one cue per line typed
    assertThat(vtt).contains("exit&lt;Enter&gt;");
    assertThat(Tools.streams(mp4)).containsExactly("h264,video", "mov_text,subtitle");
    assertThat(c.sidecars()).hasSize(1);
  }

  private List<String> names() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}
