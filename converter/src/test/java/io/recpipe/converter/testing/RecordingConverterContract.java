package io.recpipe.converter.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recpipe.converter.Conversion;
import io.recpipe.converter.ConversionException;
import io.recpipe.converter.RecordingConverter;
import io.recpipe.converter.parse.RecordingFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link RecordingConverter} does, run on each converter by a subclass: every real
 * recording of the corpus in use becomes an H.264 MP4 as long as the session, written completely or
 * not at all; a partial file given is written in place; what is no recording fails for good and
 * leaves nothing behind.
 */
public abstract class RecordingConverterContract {

  @TempDir protected Path dir;

  /** The converter under test. */
  protected abstract RecordingConverter converter();

  /** The real recordings of the corpus in use, by name. */
  public static Stream<String> recordings() throws IOException {
    try (Stream<Path> files = Files.list(TestRecordings.dir())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".guac"))
          .map(n -> n.substring(0, n.length() - ".guac".length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("recordings")
  void aRealRecordingBecomesAnH264Mp4AsLongAsTheSession(String name) throws Exception {
    Path guac = TestRecordings.recording(name);
    Path mp4 = dir.resolve(name + ".mp4");
    RecordingFacts facts = RecordingFacts.read(guac);

    Conversion conversion = converter().convert(guac, mp4);

    Ffprobe.Info info = Ffprobe.probe(mp4);
    assertThat(info.codec()).isEqualTo("h264");
    assertThat(info.pixelFormat()).isEqualTo("yuv420p");
    assertThat(info.frames()).isPositive();
    long session = facts.sessionDuration().toMillis();
    assertThat(conversion.sessionDuration().toMillis()).isEqualTo(session);
    assertThat(info.seconds() * 1000).isCloseTo(session, within(session));
    assertThat(conversion.partial()).isEqualTo(facts.partial());
    assertThat(files()).containsExactly(name + ".mp4");
  }

  @Test
  void aPartialFileGivenIsWrittenInPlaceAndNothingElseIsLeft() throws Exception {
    Path guac = TestRecordings.recording("ssh-1-1024x768");
    Path partial = dir.resolve(".s.mp4.enc-a." + UUID.randomUUID() + ".part");

    converter().convert(guac, partial);

    assertThat(Ffprobe.probe(partial).codec()).isEqualTo("h264");
    assertThat(files()).containsExactly(partial.getFileName().toString());
  }

  @Test
  void aRecordingCutShortConvertsUpToItsLastCompleteInstructionAndSaysSo() throws Exception {
    byte[] whole = Files.readAllBytes(TestRecordings.recording("ssh-1-1024x768"));
    Path cut =
        Files.write(dir.resolve("cut.guac"), java.util.Arrays.copyOf(whole, whole.length - 7));

    Conversion conversion = converter().convert(cut, dir.resolve("cut.mp4"));

    assertThat(conversion.partial()).isTrue();
    assertThat(conversion.bytesIgnored()).isPositive();
    assertThat(Ffprobe.probe(dir.resolve("cut.mp4")).codec()).isEqualTo("h264");
  }

  @Test
  void whatIsNoRecordingFailsForGoodAndLeavesNothing() throws Exception {
    Path junk = Files.write(dir.resolve("junk.guac"), Protocol.garbage(10_000, 5));

    assertThatThrownBy(() -> converter().convert(junk, dir.resolve("junk.mp4")))
        .isInstanceOfSatisfying(
            ConversionException.class, e -> assertThat(e.isPermanent()).isTrue());
    assertThat(files()).isEmpty();
  }

  @Test
  void aMissingRecordingFailsAndLeavesNothing() throws Exception {
    assertThatThrownBy(() -> converter().convert(dir.resolve("nope.guac"), dir.resolve("n.mp4")))
        .isInstanceOf(ConversionException.class);
    assertThat(files()).isEmpty();
  }

  private static org.assertj.core.data.Offset<Double> within(long sessionMillis) {
    // A frame or two at the end, and guacenc's fixed frame rate: 2 s plus a tenth.
    return org.assertj.core.data.Offset.offset(2000.0 + sessionMillis / 10.0);
  }

  private List<String> files() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = new ArrayList<>();
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.endsWith(".guac"))
          .forEach(names::add);
      return names.stream().sorted().toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
