package io.recpipe.converter.keys;

import io.recpipe.converter.parse.Instruction;
import io.recpipe.converter.parse.InstructionReader;
import io.recpipe.converter.parse.MalformedRecordingException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What was typed in a recording, from its {@code key} instructions: one pass of the same parser the
 * converters use (salvaging past damage, stopping at a cut-off end), drawing nothing.
 *
 * <p>Keystrokes are kept as typed, passwords included: whoever may read the result may read them.
 */
public final class Keystrokes {

  private Keystrokes() {}

  /**
   * Reads {@code guac} and returns its cues in order.
   *
   * @param pause a longer gap between two keys starts a new cue; a cue also shows this long after
   *     its last key
   */
  public static List<Cue> read(Path guac, Duration pause) throws IOException {
    KeyLog log = new KeyLog(pause.toMillis());
    try (FileChannel in = FileChannel.open(guac)) {
      InstructionReader reader = new InstructionReader(in);
      Instruction instruction;
      while ((instruction = reader.next()) != null) {
        log.accept(instruction);
      }
    } catch (InstructionReader.TruncatedException | MalformedRecordingException e) {
      // what was read up to the end or the damage is what the video shows too
    }
    return log.cues();
  }
}
