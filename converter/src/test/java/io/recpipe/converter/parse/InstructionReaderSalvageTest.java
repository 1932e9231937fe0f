package io.recpipe.converter.parse;

import static io.recpipe.converter.testing.Protocol.garbage;
import static io.recpipe.converter.testing.Protocol.i;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recpipe.converter.ByteRange;
import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Salvage: the reader goes on after damage, at the next instruction that parses. */
class InstructionReaderSalvageTest {

  @TempDir Path dir;

  private static final String A = i("sync", 100, 0);
  private static final String B = i("sync", 200, 0);
  private static final String C = i("sync", 300, 0);

  @Test
  void garbageBetweenInstructionsIsSkippedAndItsRangeKept() throws Exception {
    byte[] garbage = garbage(3000, 1);
    Read read = read(bytes(A, garbage, B, C));

    assertThat(read.timestamps).containsExactly("100", "200", "300");
    assertThat(read.damaged).containsExactly(new ByteRange(A.length(), A.length() + 3000));
    assertThat(read.damagedBytes).isEqualTo(3000);
  }

  @Test
  void aDamagedLengthThatSwallowsTheNextInstructionsIsUndone() throws Exception {
    // The length 20 runs over B into C; the reader sees it only at C's middle.
    String broken = "4.blob,1.0,20.";
    Read read = read(bytes(A, broken.getBytes(StandardCharsets.US_ASCII), B, C, A));

    assertThat(read.timestamps).containsExactly("100", "200", "300", "100");
    assertThat(read.damaged)
        .containsExactly(new ByteRange(A.length(), A.length() + broken.length()));
  }

  @Test
  void aDamagedLengthThatRunsToTheEndIsUndoneToo() throws Exception {
    String broken = "4.blob,1.0,5000.";
    Read read = read(bytes(A, broken.getBytes(StandardCharsets.US_ASCII), B, C));

    assertThat(read.timestamps).containsExactly("100", "200", "300");
    assertThat(read.damaged)
        .containsExactly(new ByteRange(A.length(), A.length() + broken.length()));
  }

  @Test
  void whenNothingParseableFollowsTheInputEndsAtTheDamage() throws Exception {
    byte[] data = bytes(A, B, garbage(20_000, 2));
    Read read = read(data);

    assertThat(read.timestamps).containsExactly("100", "200");
    assertThat(read.damaged).containsExactly(new ByteRange(A.length() + B.length(), data.length));
  }

  @Test
  void garbageFromTheFirstByteIsNoRecording() throws Exception {
    Path file = write(bytes(garbage(100, 3), A, B));
    try (FileChannel channel = FileChannel.open(file)) {
      InstructionReader reader = new InstructionReader(channel);
      assertThatThrownBy(reader::next)
          .isInstanceOfSatisfying(
              MalformedRecordingException.class, e -> assertThat(e.offset()).isZero());
    }
  }

  @Test
  void aRecordingCutShortStaysCutShort() throws Exception {
    String cut = "4.blob,1.0,100.iVBORw0KGgoAAAANSUhEUgAA";
    Path file = write(bytes(A, B, cut.getBytes(StandardCharsets.US_ASCII)));
    try (FileChannel channel = FileChannel.open(file)) {
      InstructionReader reader = new InstructionReader(channel);
      reader.next();
      reader.next();
      assertThatThrownBy(reader::next)
          .isInstanceOfSatisfying(
              InstructionReader.TruncatedException.class,
              e -> assertThat(e.bytesIgnored()).isEqualTo(cut.length()));
      assertThat(reader.damaged()).isEmpty();
    }
  }

  @Test
  void theRangesKeptAreBoundedLaterDamageExtendsTheLast() throws Exception {
    List<Object> parts = new ArrayList<>(List.of(A));
    for (int n = 0; n < DamagedRanges.MAX_RANGES + 20; n++) {
      parts.add("x!x");
      parts.add(B);
    }
    Read read = read(bytes(parts.toArray()));

    assertThat(read.timestamps).hasSize(DamagedRanges.MAX_RANGES + 21);
    assertThat(read.damaged).hasSize(DamagedRanges.MAX_RANGES);
    assertThat(read.damagedBytes).isEqualTo(3L * (DamagedRanges.MAX_RANGES + 20));
    ByteRange last = read.damaged.get(read.damaged.size() - 1);
    assertThat(last.to()).isEqualTo(read.size - B.length());
  }

  @Test
  void withoutSeekingGarbageStaysAnError() {
    InstructionReader reader =
        new InstructionReader(new java.io.ByteArrayInputStream(bytes(A, garbage(10, 4), B)));
    assertThatThrownBy(
            () -> {
              reader.next();
              reader.next();
            })
        .isInstanceOf(MalformedRecordingException.class);
  }

  /** Random bytes that do not start like an instruction (nor like whitespace). */
  private static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      out.writeBytes(
          part instanceof byte[] b ? b : part.toString().getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private Path write(byte[] data) throws Exception {
    Path file = Files.createTempFile(dir, "rec", ".guac");
    Files.write(file, data);
    return file;
  }

  private record Read(
      List<String> timestamps, List<ByteRange> damaged, long damagedBytes, long size) {}

  private Read read(byte[] data) throws Exception {
    try (FileChannel channel = FileChannel.open(write(data))) {
      InstructionReader reader = new InstructionReader(channel);
      List<String> timestamps = new ArrayList<>();
      Instruction in;
      while ((in = reader.next()) != null) {
        timestamps.add(in.args()[0]);
      }
      return new Read(timestamps, reader.damaged(), reader.damagedBytes(), data.length);
    }
  }
}
