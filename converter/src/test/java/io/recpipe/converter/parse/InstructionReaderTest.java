package io.recpipe.converter.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InstructionReaderTest {

  private static InstructionReader reader(String s) {
    return new InstructionReader(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void lengthsCountCodePointsNotBytes() throws Exception {
    // "ключ" is 4 code points in 8 bytes; the emoji is 1 code point in 4 bytes (2 UTF-16 chars).
    InstructionReader r = reader("3.key,4.ключ,1.😀;4.sync,3.100;");
    Instruction key = r.next();
    assertThat(key.opcode()).isEqualTo("key");
    assertThat(key.args()).containsExactly("ключ", "😀");
    Instruction sync = r.next();
    assertThat(sync.offset())
        .isEqualTo("3.key,4.ключ,1.😀;".getBytes(StandardCharsets.UTF_8).length);
    assertThat(r.next()).isNull();
  }

  @Test
  void newlinesBetweenInstructionsAreAllowed() throws Exception {
    InstructionReader r = reader("3.nop;\n3.nop;\r\n");
    assertThat(r.next().opcode()).isEqualTo("nop");
    assertThat(r.next().opcode()).isEqualTo("nop");
    assertThat(r.next()).isNull();
  }

  @Test
  void aCutOffInstructionSaysHowManyBytesWereLost() throws Exception {
    InstructionReader r = reader("4.sync,3.100;4.blob,1.1,10.abc");
    assertThat(r.next().opcode()).isEqualTo("sync");
    assertThatThrownBy(r::next)
        .isInstanceOfSatisfying(
            InstructionReader.TruncatedException.class,
            e -> assertThat(e.bytesIgnored()).isEqualTo("4.blob,1.1,10.abc".length()));
  }

  @Test
  void garbageIsReportedWithItsByteOffset() throws Exception {
    InstructionReader r = reader("4.sync,3.100;hello world");
    r.next();
    assertThatThrownBy(r::next)
        .isInstanceOfSatisfying(
            MalformedRecordingException.class, e -> assertThat(e.offset()).isEqualTo(13))
        .hasMessageContaining("byte offset 13");
  }

  @Test
  void aWrongLengthIsCaughtAtTheTerminator() throws Exception {
    InstructionReader r = reader("4.sync,2.100;");
    assertThatThrownBy(r::next)
        .isInstanceOfSatisfying(
            MalformedRecordingException.class, e -> assertThat(e.offset()).isEqualTo(11));
  }

  @Test
  void hugeLengthsAreGarbageNotAnAllocation() {
    assertThatThrownBy(() -> reader("999999999.x;").next())
        .isInstanceOf(MalformedRecordingException.class);
    assertThatThrownBy(() -> reader("12345678901.x;").next())
        .isInstanceOf(MalformedRecordingException.class);
  }

  @Test
  void invalidUtf8IsGarbage() {
    byte[] bad = {'3', '.', 'a', (byte) 0xFF, 'b', ';'};
    assertThatThrownBy(() -> new InstructionReader(new ByteArrayInputStream(bad)).next())
        .isInstanceOfSatisfying(
            MalformedRecordingException.class, e -> assertThat(e.offset()).isEqualTo(3));
  }
}
