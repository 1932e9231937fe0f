package io.recpipe.converter.parse;

import io.recpipe.converter.ByteRange;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one read of a recording with {@link InstructionReader} tells, without drawing it: the
 * display size, the session's time span and whether the file is cut short or damaged. For a
 * converter that hands the drawing to another tool (guacenc) but must pass it the size and check
 * the video's length.
 *
 * @param width the width of the first {@code size} of layer 0, or 0 when there is none
 * @param height the height of the first {@code size} of layer 0, or 0 when there is none
 * @param firstSync the first {@code sync} timestamp in ms, or -1
 * @param lastSync the last {@code sync} timestamp in ms, or -1
 * @param instructions complete instructions read
 * @param partial whether the file ends inside an instruction, has damaged parts, or is no recording
 *     from its first byte
 * @param bytesIgnored bytes after the last complete instruction (the whole file when it is no
 *     recording)
 * @param damaged the byte ranges skipped as damaged
 */
public record RecordingFacts(
    int width,
    int height,
    long firstSync,
    long lastSync,
    long instructions,
    boolean partial,
    long bytesIgnored,
    List<ByteRange> damaged) {

  public RecordingFacts {
    damaged = List.copyOf(damaged);
  }

  /** Reads {@code recording} to its end (salvaging past damage, as the native converter does). */
  public static RecordingFacts read(Path recording) throws IOException {
    int width = 0;
    int height = 0;
    long firstSync = -1;
    long lastSync = -1;
    long instructions = 0;
    long ignored = 0;
    boolean partial = false;
    try (FileChannel in = FileChannel.open(recording)) {
      InstructionReader reader = new InstructionReader(in);
      try {
        Instruction instruction;
        while ((instruction = reader.next()) != null) {
          instructions++;
          String opcode = instruction.opcode();
          if (width == 0
              && opcode.equals("size")
              && instruction.argCount() >= 3
              && "0".equals(instruction.args()[0])) {
            width = parseInt(instruction.args()[1]);
            height = parseInt(instruction.args()[2]);
          } else if (opcode.equals("sync") && instruction.argCount() >= 1) {
            long ts = parseLong(instruction.args()[0]);
            if (ts >= 0) {
              firstSync = firstSync < 0 ? ts : firstSync;
              lastSync = Math.max(lastSync, ts);
            }
          }
        }
      } catch (InstructionReader.TruncatedException e) {
        partial = true;
        ignored = e.bytesIgnored();
      } catch (MalformedRecordingException e) {
        partial = true;
        ignored = Math.max(0, in.size() - e.offset());
      }
      List<ByteRange> damaged = reader.damaged();
      return new RecordingFacts(
          width,
          height,
          firstSync,
          lastSync,
          instructions,
          partial || !damaged.isEmpty(),
          ignored,
          damaged);
    }
  }

  /** {@code WIDTHxHEIGHT}, when the recording sets a display size. */
  public Optional<String> size() {
    return width > 0 && height > 0 ? Optional.of(width + "x" + height) : Optional.empty();
  }

  /** From the first {@code sync} to the last. */
  public Duration sessionDuration() {
    return firstSync < 0 ? Duration.ZERO : Duration.ofMillis(Math.max(0, lastSync - firstSync));
  }

  private static int parseInt(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
