package io.recpipe.encoder.convert.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recpipe.common.files.PartialFiles;
import io.recpipe.converter.ConversionException;
import io.recpipe.converter.FfmpegTools;
import io.recpipe.converter.render.NativeConverter;
import io.recpipe.converter.render.NativeSettings;
import io.recpipe.converter.render.Videos;
import io.recpipe.converter.testing.TestRecordings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native converter as the service drives it: writing into the partial file it is given,
 * reporting progress, and stopping cleanly when its thread is interrupted. Real recordings, real
 * ffmpeg; the clock steps a second at each reading so progress is reported at every check.
 */
class NativeConverterPartialTest {

  private static final String RECORDING = "vnc-1-short-1024x768";

  @TempDir Path dir;

  private final NativeConverter converter =
      new NativeConverter(NativeSettings.defaults(), FfmpegTools.onPath(), new SteppingClock());

  @Test
  void writesIntoThePartialFileItIsGivenAndReportsIncreasingProgressToTheEnd() throws Exception {
    Path mp4 = PartialFiles.newPartial(dir, "s.mp4", "enc-a");
    List<Double> fractions = new ArrayList<>();
    List<String> seenBeside = new ArrayList<>();

    converter.convert(
        shared(),
        mp4,
        fraction -> {
          fractions.add(fraction);
          seenBeside.addAll(names());
        });

    assertThat(Videos.codecAndDuration(mp4)).contains("codec_name=h264");
    assertThat(names()).containsExactly(mp4.getFileName().toString());
    assertThat(seenBeside)
        .as("nothing but partials of s.mp4 while converting")
        .isNotEmpty()
        .allMatch(name -> PartialFiles.isPartialOf(name, "s.mp4"));
    assertThat(fractions).hasSizeGreaterThan(2).isSorted().allMatch(f -> f >= 0 && f <= 1);
    assertThat(fractions.get(0)).isLessThan(0.5);
    assertThat(fractions.get(fractions.size() - 1)).isEqualTo(1.0);
  }

  @Test
  void interruptedItKillsFfmpegKeepsTheFlagAndRemovesThePartialFile() throws Exception {
    Path mp4 = PartialFiles.newPartial(dir, "s.mp4", "enc-a");
    Path recording = shared(); // outside the lambda: a missing recording skips the test
    List<ProcessHandle> children = new ArrayList<>();
    List<String> commands = new ArrayList<>();

    assertThatThrownBy(
            () ->
                converter.convert(
                    recording,
                    mp4,
                    fraction -> {
                      if (children.isEmpty()) {
                        ProcessHandle.current().descendants().forEach(children::add);
                        children.forEach(c -> commands.add(c.info().command().orElse("")));
                        Thread.currentThread().interrupt(); // as a shutdown would
                      }
                    }))
        .isInstanceOfSatisfying(
            ConversionException.class, e -> assertThat(e.isPermanent()).isFalse())
        .hasMessageContaining("interrupted");

    assertThat(Thread.interrupted()).as("the interrupt flag is kept").isTrue();
    assertThat(commands).as("ffmpeg was running").anyMatch(c -> c.endsWith("ffmpeg"));
    for (ProcessHandle child : children) {
      child.onExit().get(10, TimeUnit.SECONDS);
    }
    assertThat(names()).isEmpty();
  }

  @Test
  void aFinalNameIsWrittenThroughAPartialFileBesideIt() throws Exception {
    Path mp4 = dir.resolve("final.mp4");
    List<String> seenBeside = new ArrayList<>();

    converter.convert(shared(), mp4, fraction -> seenBeside.addAll(names()));

    assertThat(names()).containsExactly("final.mp4");
    assertThat(seenBeside)
        .isNotEmpty()
        .allMatch(name -> PartialFiles.isPartialOf(name, "final.mp4"));
  }

  private static Path shared() {
    return TestRecordings.recording(RECORDING);
  }

  private List<String> names() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A clock one second later at each reading. */
  private static final class SteppingClock extends Clock {
    private final AtomicLong millis =
        new AtomicLong(Instant.parse("2025-01-01T00:00:00Z").toEpochMilli());

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.addAndGet(1000));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
