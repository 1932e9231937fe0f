package io.recpipe.converter.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.converter.testing.Protocol;
import io.recpipe.converter.testing.TestRecordings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facts the guacenc path takes from the one parser. */
class RecordingFactsTest {

  @TempDir Path tmp;

  @Test
  void readsDisplaySizeAndSessionLengthOfARealRecording() throws IOException {
    RecordingFacts facts = RecordingFacts.read(TestRecordings.recording("ssh-1-1024x768"));

    assertThat(facts.size()).contains("1024x768");
    // MANIFEST.md: the session lasts 13.68 s.
    assertThat(facts.sessionDuration().toMillis()).isBetween(13_600L, 13_760L);
    assertThat(facts.partial()).isFalse();
    assertThat(facts.bytesIgnored()).isZero();
  }

  @Test
  void sayWhenARecordingIsCutShortInsideABlob() throws IOException {
    Path whole = TestRecordings.recording("vnc-1-short-1024x768");
    Path cut = tmp.resolve("cut.guac");
    long cutAt = 2_000_000;
    try (var in = Files.newInputStream(whole)) {
      Files.write(cut, in.readNBytes((int) cutAt));
    }

    RecordingFacts facts = RecordingFacts.read(cut);

    assertThat(facts.size()).contains("1024x768");
    assertThat(facts.partial()).isTrue();
    assertThat(facts.bytesIgnored()).isBetween(1L, cutAt);
    assertThat(facts.sessionDuration()).isPositive();
  }

  @Test
  void countsElementLengthsInCodePointsNotBytes() throws IOException {
    Path file = tmp.resolve("unicode.guac");
    String text =
        "4.size,1.0,3.800,3.600;4.sync,4.1000,1.0;"
            + "9.clipboard,1.1,6.héllo😀;"
            + "4.sync,4.3500,1.0;";
    Files.writeString(file, text, StandardCharsets.UTF_8);

    RecordingFacts facts = RecordingFacts.read(file);

    assertThat(facts.size()).contains("800x600");
    assertThat(facts.instructions()).isEqualTo(4);
    assertThat(facts.sessionDuration().toMillis()).isEqualTo(2500);
    assertThat(facts.partial()).isFalse();
  }

  @Test
  void damagedPartsAreSkippedAndSaid() throws IOException {
    Path file = tmp.resolve("damaged.guac");
    byte[] head = "4.size,1.0,3.800,3.600;4.sync,4.1000,1.0;".getBytes(StandardCharsets.UTF_8);
    byte[] tail = "4.sync,4.3500,1.0;".getBytes(StandardCharsets.UTF_8);
    byte[] garbage = Protocol.garbage(5000, 7);
    try (var out = Files.newOutputStream(file)) {
      out.write(head);
      out.write(garbage);
      out.write(tail);
    }

    RecordingFacts facts = RecordingFacts.read(file);

    assertThat(facts.size()).contains("800x600");
    assertThat(facts.sessionDuration().toMillis()).isEqualTo(2500);
    assertThat(facts.partial()).isTrue();
    assertThat(facts.damaged()).hasSize(1);
    assertThat(facts.damaged().get(0).from()).isEqualTo(head.length);
  }

  @Test
  void garbageFromTheFirstByteIsNoRecording() throws IOException {
    Path file = Files.write(tmp.resolve("junk.guac"), Protocol.garbage(5000, 3));

    RecordingFacts facts = RecordingFacts.read(file);

    assertThat(facts.size()).isEmpty();
    assertThat(facts.instructions()).isZero();
    assertThat(facts.partial()).isTrue();
  }

  @Test
  void anEmptyFileHasNoDisplaySize() throws IOException {
    Path empty = Files.createFile(tmp.resolve("empty.guac"));
    RecordingFacts facts = RecordingFacts.read(empty);
    assertThat(facts.size()).isEmpty();
    assertThat(facts.instructions()).isZero();
  }
}
