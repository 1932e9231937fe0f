package io.recpipe.encoder.convert.guacenc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.recpipe.common.files.PartialFiles;
import io.recpipe.converter.Conversion;
import io.recpipe.converter.ConversionException;
import io.recpipe.converter.FfmpegTools;
import io.recpipe.converter.Sidecar;
import io.recpipe.converter.sidecar.SidecarConverter;
import io.recpipe.converter.sidecar.SidecarSettings;
import io.recpipe.converter.testing.Ffprobe;
import io.recpipe.converter.testing.TestRecordings;
import io.recpipe.encoder.support.StandInGuacenc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** guacenc stand-ins (behaving like guacenc 1.6.0) with the real ffmpeg and ffprobe. */
class GuacencConverterTest {

  @TempDir Path tmp;

  private GuacencConverter converter(String script, Duration timeout) {
    Path guacenc = StandInGuacenc.install(script, tmp.resolve("bin"));
    return new GuacencConverter(
        new GuacencSettings(guacenc.toString(), 2_000_000, timeout, "ultrafast"),
        FfmpegTools.onPath());
  }

  /** A partial file, as the service hands a converter. */
  private Path output() throws Exception {
    return PartialFiles.newPartial(Files.createDirectories(tmp.resolve("out")), "s.mp4", "enc-a");
  }

  @Test
  void convertsToH264AndLeavesNothingElseBehind() throws Exception {
    Path guac = TestRecordings.copy("ssh-1-1024x768", tmp.resolve("in/ssh-1-1024x768.guac"));
    Path mp4 = output();

    List<Double> progress = new ArrayList<>();

    Conversion conversion =
        converter(StandInGuacenc.WORKING, Duration.ofMinutes(2)).convert(guac, mp4, progress::add);

    Ffprobe.Info info = Ffprobe.probe(mp4);
    assertThat(info.codec()).isEqualTo("h264");
    assertThat(info.pixelFormat()).isEqualTo("yuv420p");
    assertThat(info.frames()).isPositive();
    assertThat(info.seconds()).isBetween(12.5, 14.5);
    assertThat(conversion.videoDuration().toMillis()).isBetween(12_500L, 14_500L);
    assertThat(conversion.partial()).isFalse();
    assertThat(guac).exists();
    try (Stream<Path> left = Files.list(mp4.getParent())) {
      assertThat(left).as("work directory removed").containsExactly(mp4);
    }
    assertThat(progress).containsExactly(0.0, 0.5, 1.0);
  }

  @Test
  void theKeystrokeTrackAndPosterComeFromTheSameParserAndTheMp4() throws Exception {
    Path guac = TestRecordings.copy("ssh-1-1024x768", tmp.resolve("in/ssh-1-1024x768.guac"));
    Path mp4 = Files.createDirectories(tmp.resolve("out")).resolve("s.mp4");
    var withSidecars =
        new SidecarConverter(
            converter(StandInGuacenc.WORKING, Duration.ofMinutes(2)),
            SidecarSettings.none().withKeystrokes(true).withPoster(true),
            FfmpegTools.onPath());

    Conversion conversion = withSidecars.convert(guac, mp4);

    assertThat(conversion.sidecars())
        .extracting(Sidecar::file)
        .containsExactly(mp4.resolveSibling("s.vtt"), mp4.resolveSibling("s.jpg"));
    assertThat(Files.readString(mp4.resolveSibling("s.vtt"))).contains("exit&lt;Enter&gt;");
    assertThat(Ffprobe.probe(mp4).codec()).isEqualTo("h264");
    assertThat(
            new ProcessBuilder(
                    "ffprobe",
                    "-v",
                    "error",
                    "-show_entries",
                    "stream=codec_name",
                    "-of",
                    "csv=p=0",
                    mp4.toString())
                .start()
                .inputReader()
                .lines()
                .toList())
        .containsExactly("h264", "mov_text");
    assertThat(Files.readAllBytes(mp4.resolveSibling("s.jpg"))).startsWith(0xFF, 0xD8);
    try (Stream<Path> left = Files.list(mp4.getParent())) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("s.mp4", "s.vtt", "s.jpg");
    }
  }

  @Test
  void aFinalNameIsWrittenThroughAPartialFileBesideIt() throws Exception {
    Path guac = TestRecordings.copy("ssh-1-1024x768", tmp.resolve("in/ssh-1-1024x768.guac"));
    Path mp4 = Files.createDirectories(tmp.resolve("out")).resolve("final.mp4");

    converter(StandInGuacenc.WORKING, Duration.ofMinutes(2)).convert(guac, mp4);

    assertThat(Ffprobe.probe(mp4).codec()).isEqualTo("h264");
    try (Stream<Path> left = Files.list(mp4.getParent())) {
      assertThat(left).containsExactly(mp4);
    }
  }

  @Test
  void interruptedItKillsGuacencWithItsChildrenKeepsTheFlagAndRemovesItsWork() throws Exception {
    Path guac = TestRecordings.copy("ssh-1-1024x768", tmp.resolve("in/a.guac"));
    Path mp4 = output();
    GuacencConverter converter = converter(StandInGuacenc.HANG, Duration.ofMinutes(10));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flagKept = new AtomicBoolean();
    Thread worker =
        new Thread(
            () -> {
              try {
                converter.convert(guac, mp4);
              } catch (RuntimeException e) {
                thrown.set(e);
                flagKept.set(Thread.currentThread().isInterrupted());
              }
            });
    worker.start();
    Path pidFile = StandInGuacenc.hangPidFile(tmp.resolve("bin"));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Files.exists(pidFile) && Files.size(pidFile) > 0);
    try (Stream<Path> work = Files.list(mp4.getParent())) {
      assertThat(work.map(p -> p.getFileName().toString()))
          .as("the work directory is a partial of the same MP4, by the same instance")
          .singleElement()
          .matches(name -> PartialFiles.isPartialOf(name, "s.mp4"))
          .matches(name -> PartialFiles.isOwnedBy(name, "enc-a"));
    }
    long childPid = Long.parseLong(Files.readString(pidFile).strip());

    worker.interrupt();
    worker.join(60_000);

    assertThat(worker.isAlive()).isFalse();
    assertThat(thrown.get())
        .isInstanceOfSatisfying(
            ConversionException.class, e -> assertThat(e.isPermanent()).isFalse())
        .hasMessageContaining("interrupted");
    assertThat(flagKept).isTrue();
    var child = ProcessHandle.of(childPid);
    if (child.isPresent()) {
      child.get().onExit().get(5, TimeUnit.SECONDS);
    }
    assertThat(ProcessHandle.of(childPid).map(ProcessHandle::isAlive))
        .isNotEqualTo(Optional.of(true));
    assertThat(Files.list(mp4.getParent())).isEmpty();
  }

  @Test
  void anErrorLineIsAFailureThoughGuacencExitsZero() throws Exception {
    Path guac = TestRecordings.copy("ssh-1-1024x768", tmp.resolve("in/a.guac"));
    Path mp4 = output();

    assertThatThrownBy(
            () -> converter(StandInGuacenc.ERROR, Duration.ofMinutes(1)).convert(guac, mp4))
        .isInstanceOf(ConversionException.class)
        .hasMessageContaining("guacenc failed")
        .hasMessageContaining("ERROR: Instruction parse error");
    assertThat(mp4).doesNotExist();
    assertThat(guac).exists();
    assertThat(Files.list(mp4.getParent())).isEmpty();
  }

  @Test
  void encodingFailedSummaryIsAFailure() throws Exception {
    Path guac = TestRecordings.copy("ssh-1-1024x768", tmp.resolve("in/a.guac"));

    assertThatThrownBy(
            () -> converter(StandInGuacenc.FAILED, Duration.ofMinutes(1)).convert(guac, output()))
        .isInstanceOf(ConversionException.class)
        .hasMessageContaining("Encoding failed for 1 of 1 file(s)");
  }

  @Test
  void aHangingGuacencIsKilledWithItsChildren() throws Exception {
    Path guac = TestRecordings.copy("ssh-1-1024x768", tmp.resolve("in/a.guac"));
    Path mp4 = output();

    assertThatThrownBy(
            () -> converter(StandInGuacenc.HANG, Duration.ofSeconds(2)).convert(guac, mp4))
        .isInstanceOf(ConversionException.class)
        .hasMessageContaining("timed out")
        .satisfies(e -> assertThat(((ConversionException) e).isPermanent()).isFalse());

    long childPid =
        Long.parseLong(Files.readString(StandInGuacenc.hangPidFile(tmp.resolve("bin"))).strip());
    var child = ProcessHandle.of(childPid);
    if (child.isPresent()) {
      child.get().onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
    }
    assertThat(ProcessHandle.of(childPid).map(ProcessHandle::isAlive))
        .isNotEqualTo(java.util.Optional.of(true));
    assertThat(Files.list(mp4.getParent())).isEmpty();
  }

  @Test
  void garbageFromGuacencIsCaughtByFfmpeg() throws Exception {
    Path guac = TestRecordings.copy("ssh-1-1024x768", tmp.resolve("in/a.guac"));
    Path mp4 = output();

    assertThatThrownBy(
            () -> converter(StandInGuacenc.GARBAGE, Duration.ofMinutes(1)).convert(guac, mp4))
        .isInstanceOf(ConversionException.class)
        .hasMessageContaining("ffmpeg failed");
    assertThat(Files.list(mp4.getParent())).isEmpty();
  }

  @Test
  void anEmptyFileIsAPermanentFailureWithoutRunningGuacenc() throws Exception {
    Path empty = Files.createFile(Files.createDirectories(tmp.resolve("in")).resolve("e.guac"));

    assertThatThrownBy(
            () -> converter(StandInGuacenc.WORKING, Duration.ofMinutes(1)).convert(empty, output()))
        .isInstanceOf(ConversionException.class)
        .hasMessageContaining("no display size")
        .satisfies(e -> assertThat(((ConversionException) e).isPermanent()).isTrue());
  }

  @Test
  void aVideoMuchShorterThanTheSessionIsRejected() throws Exception {
    // The stand-in copies ssh-1's video (13.6 s) for a 61.8 s session: guacenc lost most of it.
    Path guac = TestRecordings.copy("vnc-2-long-1024x768", tmp.resolve("in/not-a-reference.guac"));

    assertThatThrownBy(
            () -> converter(StandInGuacenc.WORKING, Duration.ofMinutes(2)).convert(guac, output()))
        .isInstanceOf(ConversionException.class)
        .hasMessageContaining("length does not match");
  }
}
