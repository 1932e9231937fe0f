package io.recpipe.converter.render;

import static io.recpipe.converter.render.Recordings.i;
import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.converter.Conversion;
import io.recpipe.converter.FfmpegTools;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real recording with instructions the renderer does not know put after every {@code sync}
 * converts as the recording alone does: same session, same frames, not partial.
 */
class UnknownInstructionsTest {

  private static final String SYNC = "4.sync,";

  /** Opcodes no renderer knows, with arguments of all kinds, and known ones misused. */
  private static final String UNKNOWN =
      i("cursorrec", 1)
          + i("x-vendor-frame", "ключ", "😀", "")
          + i("frobnicate")
          + i("a", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)
          + i("size", "wide", "tall")
          + i("cfill")
          + i("copy", 99999, 0, 0, 1, 1, 14, -99999, 0, 0)
          + i("nest", i("sync", 1, 0));

  @TempDir Path dir;

  private final NativeConverter converter =
      new NativeConverter(NativeSettings.defaults(), FfmpegTools.onPath(), Clock.systemUTC());

  @Test
  void aRecordingWithUnknownInstructionsConvertsAsWithoutThem() throws Exception {
    Path recording = Recordings.recording("ssh-1-1024x768");
    String original = Files.readString(recording, StandardCharsets.UTF_8);
    ByteArrayOutputStream with = new ByteArrayOutputStream();
    int from = 0;
    int inserted = 0;
    for (int at = original.indexOf(SYNC); at >= 0; at = original.indexOf(SYNC, at + 1)) {
      int end = original.indexOf(';', at) + 1;
      with.writeBytes(original.substring(from, end).getBytes(StandardCharsets.UTF_8));
      with.writeBytes(UNKNOWN.getBytes(StandardCharsets.UTF_8));
      from = end;
      inserted++;
    }
    with.writeBytes(original.substring(from).getBytes(StandardCharsets.UTF_8));
    Path odd = Files.write(dir.resolve("odd.guac"), with.toByteArray());

    Conversion plain = converter.convert(recording, dir.resolve("plain.mp4"));
    Conversion c = converter.convert(odd, dir.resolve("odd.mp4"));

    assertThat(inserted).isGreaterThan(10);
    assertThat(c.partial()).isFalse();
    assertThat(c.damaged()).isEmpty();
    assertThat(c.sessionDuration()).isEqualTo(plain.sessionDuration());
    assertThat(c.frames()).isEqualTo(plain.frames());
    assertThat(Videos.codecAndDuration(dir.resolve("odd.mp4"))).contains("codec_name=h264");
  }
}
