package io.recpipe.converter.render;

import static io.recpipe.converter.testing.Protocol.garbage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.recpipe.converter.ByteRange;
import io.recpipe.converter.Conversion;
import io.recpipe.converter.ConversionException;
import io.recpipe.converter.FfmpegTools;
import io.recpipe.converter.parse.Instruction;
import io.recpipe.converter.parse.InstructionReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged copies of a real recording, made here: what is not an instruction is skipped, the rest
 * converts (real ffmpeg, checked with ffprobe), and the conversion says which bytes it skipped.
 */
class NativeConverterSalvageTest {

  private static final String RECORDING = "ssh-1-1024x768";

  @TempDir Path dir;

  private final NativeConverter converter =
      new NativeConverter(NativeSettings.defaults(), FfmpegTools.onPath(), Clock.systemUTC());

  private byte[] original;
  private List<Long> starts;

  @BeforeEach
  void readTheRecording() throws Exception {
    Path recording = Recordings.recording(RECORDING);
    original = Files.readAllBytes(recording);
    starts = new ArrayList<>();
    try (InputStream in = Files.newInputStream(recording)) {
      InstructionReader reader = new InstructionReader(in);
      Instruction instruction;
      while ((instruction = reader.next()) != null) {
        starts.add(instruction.offset());
      }
    }
  }

  @Test
  void garbageInTheMiddleIsSkippedAndEverythingElseConverts() throws Exception {
    int at = (int) firstStartFrom(original.length / 2);
    Path damaged =
        write("middle.guac", slice(0, at), garbage(5000, 11), slice(at, original.length));

    Conversion whole = converter.convert(write("whole.guac", original), dir.resolve("whole.mp4"));
    Conversion c = converter.convert(damaged, dir.resolve("middle.mp4"));

    assertThat(c.partial()).isTrue();
    assertThat(c.damaged()).containsExactly(new ByteRange(at, at + 5000));
    assertThat(c.bytesIgnored()).isEqualTo(5000);
    assertThat(c.detail()).contains(at + "-" + (at + 5000)).contains("5000 bytes not converted");
    assertThat(c.sessionDuration()).isEqualTo(whole.sessionDuration());
    assertThat(c.frames()).as("nothing of the recording was lost").isEqualTo(whole.frames());
    assertPlayable(dir.resolve("middle.mp4"), c);
  }

  @Test
  void bytesOverwrittenInTheMiddleAreSkippedFromTheBrokenInstructionToTheNextWholeOne()
      throws Exception {
    int from = original.length / 2 + 17;
    byte[] copy = original.clone();
    System.arraycopy(garbage(3000, 12), 0, copy, from, 3000);
    Path damaged = write("overwritten.guac", copy);

    Conversion c = converter.convert(damaged, dir.resolve("overwritten.mp4"));

    long broken = lastStartUpTo(from);
    long next = firstStartFrom(from + 3000);
    assertThat(c.partial()).isTrue();
    assertThat(c.damaged()).containsExactly(new ByteRange(broken, next));
    assertThat(c.detail()).contains(broken + "-" + next);
    assertPlayable(dir.resolve("overwritten.mp4"), c);
  }

  @Test
  void garbageAtTheEndConvertsUpToTheDamage() throws Exception {
    int at = (int) firstStartFrom(original.length * 3 / 4);
    Path damaged = write("tail.guac", slice(0, at), garbage(20_000, 13));

    Conversion upToIt = converter.convert(write("prefix.guac", slice(0, at)), dir.resolve("p.mp4"));
    Conversion c = converter.convert(damaged, dir.resolve("tail.mp4"));

    assertThat(c.partial()).isTrue();
    assertThat(c.damaged()).containsExactly(new ByteRange(at, at + 20_000));
    assertThat(c.bytesIgnored()).isEqualTo(20_000);
    assertThat(c.sessionDuration()).isEqualTo(upToIt.sessionDuration());
    assertThat(c.frames()).isEqualTo(upToIt.frames());
    assertPlayable(dir.resolve("tail.mp4"), c);
  }

  @Test
  void garbageFromTheFirstByteIsAPermanentError() throws Exception {
    Path damaged = write("head.guac", garbage(64, 14), original);

    assertThatThrownBy(() -> converter.convert(damaged, dir.resolve("head.mp4")))
        .isInstanceOfSatisfying(
            ConversionException.class, e -> assertThat(e.isPermanent()).isTrue())
        .hasMessageContaining("not valid")
        .hasMessageContaining("byte offset 0");
    assertThat(names()).containsExactly("head.guac");
  }

  private void assertPlayable(Path mp4, Conversion c) throws Exception {
    assertThat(Videos.codecAndDuration(mp4)).contains("codec_name=h264", "pix_fmt=yuv420p");
    List<Double> frames = Videos.frameTimes(mp4);
    assertThat(frames).hasSize((int) c.frames());
    assertThat(frames.get(frames.size() - 1) * 1000)
        .isCloseTo(c.sessionDuration().toMillis(), offset(100.0));
  }

  private long firstStartFrom(long offset) {
    return starts.stream().filter(s -> s >= offset).findFirst().orElseThrow();
  }

  private long lastStartUpTo(long offset) {
    return starts.stream().filter(s -> s <= offset).reduce((a, b) -> b).orElseThrow();
  }

  private byte[] slice(int from, int to) {
    return java.util.Arrays.copyOfRange(original, from, to);
  }

  private Path write(String name, byte[]... parts) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return Files.write(dir.resolve(name), out.toByteArray());
  }

  private List<String> names() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}
