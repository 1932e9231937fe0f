package io.recpipe.encoder.convert.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The pointer is drawn: in a real VNC recording, a few seconds in, the picture around the pointer
 * with the cursor differs from the one without it, and shows the cursor image at the pointer minus
 * its hotspot.
 */
class CursorFidelityTest {

  private static final int BOX = 24;

  @Test
  void cursorIsDrawnAtThePointerInARealRecording() throws Exception {
    Path recordings = Recordings.shared();
    Anomalies anomalies = new Anomalies();
    Display display = new Display(Limits.defaults(), anomalies);
    Renderer renderer = new Renderer(display, new ImageDecoder(Limits.defaults()), anomalies);
    long first = Long.MIN_VALUE;
    long at = 0;
    try (InputStream in = Files.newInputStream(recordings.resolve("vnc-1-short-1024x768.guac"))) {
      InstructionReader reader = new InstructionReader(in);
      Instruction ins;
      while ((ins = reader.next()) != null) {
        long t = renderer.apply(ins);
        if (t == Renderer.NO_TIME) {
          continue;
        }
        first = first == Long.MIN_VALUE ? t : first;
        // Stop at a sync a few seconds in, once the pointer has been placed.
        if (ins.opcode().equals("sync") && t - first >= 4000 && display.cursor.visible()) {
          at = t - first;
          break;
        }
      }
    }
    Display.Cursor cursor = display.cursor;
    assertThat(cursor.visible()).isTrue();
    int x0 = Math.max(0, cursor.x - cursor.hotspotX);
    int y0 = Math.max(0, cursor.y - cursor.hotspotY);

    int[] with = crop(new FrameComposer(1024, 768).compose(display), x0, y0);
    int px = cursor.x;
    cursor.x = -1;
    int[] without = crop(new FrameComposer(1024, 768).compose(display), x0, y0);
    cursor.x = px;
    assertThat(difference(with, without)).as("the cursor changes the picture").isGreaterThan(10);

    // The cursor's opaque pixels are exactly what the frame shows at the pointer.
    Surface image = cursor.image;
    int opaque = 0;
    for (int y = 0; y < Math.min(BOX, image.height()); y++) {
      for (int x = 0; x < Math.min(BOX, image.width()); x++) {
        int p = image.pixels()[y * image.width() + x];
        if (p >>> 24 == 255) {
          assertThat(with[y * BOX + x]).isEqualTo(p & 0xFFFFFF);
          opaque++;
        }
      }
    }
    assertThat(opaque).as("opaque cursor pixels at " + at + " ms").isPositive();
  }

  private static int[] crop(int[] frame, int x0, int y0) {
    int[] out = new int[BOX * BOX];
    for (int y = 0; y < BOX; y++) {
      for (int x = 0; x < BOX; x++) {
        out[y * BOX + x] = frame[(y0 + y) * 1024 + x0 + x] & 0xFFFFFF;
      }
    }
    return out;
  }

  /** Mean absolute difference per channel. */
  private static double difference(int[] a, int[] b) {
    long sum = 0;
    for (int n = 0; n < a.length; n++) {
      for (int shift = 0; shift < 24; shift += 8) {
        sum += Math.abs(((a[n] >> shift) & 0xFF) - ((b[n] >> shift) & 0xFF));
      }
    }
    return (double) sum / (a.length * 3);
  }
}
