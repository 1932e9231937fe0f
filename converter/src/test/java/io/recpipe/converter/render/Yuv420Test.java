package io.recpipe.converter.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Yuv420Test {

  @Test
  void convertsBt601LimitedRangeAsSwscaleDoes() {
    // expected: ffmpeg 5.1 -f rawvideo -pix_fmt rgb24 -s 2x2 -i - -pix_fmt yuv420p
    // white, black, red, green, blue in a 2x2 block each (so chroma is the colour's own)
    int[] colours = {0xFFFFFFFF, 0xFF000000, 0xFFFF0000, 0xFF00FF00, 0xFF0000FF};
    int[][] expected = {
      {235, 128, 128}, {16, 128, 128}, {81, 90, 240}, {145, 54, 34}, {41, 240, 110}
    };
    for (int i = 0; i < colours.length; i++) {
      Yuv420 yuv = new Yuv420(2, 2);
      yuv.convert(new int[] {colours[i], colours[i], colours[i], colours[i]});
      byte[] b = yuv.bytes();
      assertThat(b).hasSize(6);
      for (int y = 0; y < 4; y++) {
        assertThat(b[y] & 0xFF).as("luma of colour %d", i).isEqualTo(expected[i][0]);
      }
      assertThat(b[4] & 0xFF).as("U of colour %d", i).isEqualTo(expected[i][1]);
      assertThat(b[5] & 0xFF).as("V of colour %d", i).isEqualTo(expected[i][2]);
    }
  }

  @Test
  void chromaIsTheAverageOfItsBlockAndAlphaIsIgnored() {
    Yuv420 yuv = new Yuv420(2, 2);
    yuv.convert(new int[] {0x00FFFFFF, 0xFFFFFFFF, 0x80000000, 0xFF000000});
    byte[] b = yuv.bytes();
    assertThat(new int[] {b[0] & 0xFF, b[1] & 0xFF, b[2] & 0xFF, b[3] & 0xFF})
        .containsExactly(235, 235, 16, 16);
    assertThat(b[4] & 0xFF).isEqualTo(128);
    assertThat(b[5] & 0xFF).isEqualTo(128);
  }

  @Test
  void convertingOnlyTheChangedPartGivesTheSameBytesAsAFullConversion() {
    Random random = new Random(42);
    int w = 64;
    int h = 48;
    int[] first = new int[w * h];
    for (int i = 0; i < first.length; i++) {
      first[i] = random.nextInt();
    }
    Yuv420 incremental = new Yuv420(w, h, true);
    incremental.convert(first);
    int[] previous = first;
    for (int step = 0; step < 50; step++) {
      int[] next = previous.clone();
      int x0 = random.nextInt(w);
      int y0 = random.nextInt(h);
      int x1 = x0 + random.nextInt(w - x0) + 1;
      int y1 = y0 + random.nextInt(h - y0) + 1;
      for (int y = y0; y < y1; y++) {
        for (int x = x0; x < x1; x++) {
          next[y * w + x] = random.nextInt();
        }
      }
      Area changed = new Area();
      changed.add(x0, y0, x1, y1); // odd edges too: whole 2x2 blocks are converted
      // Said to have changed: exactly there, or there and more (the rows compared find the rest).
      incremental.convert(next, previous, step % 2 == 0 ? changed : Area.all());
      Yuv420 full = new Yuv420(w, h);
      full.convert(next);
      assertThat(incremental.bytes()).as("step %d", step).isEqualTo(full.bytes());
      ByteBuffer direct = incremental.direct();
      byte[] copied = new byte[direct.remaining()];
      direct.get(copied);
      assertThat(copied).as("direct copy, step %d", step).isEqualTo(full.bytes());
      previous = next;
    }
  }

  @Test
  void anEmptyChangeConvertsNothingAndAllConvertsEverything() {
    int[] white = new int[16];
    java.util.Arrays.fill(white, 0xFFFFFFFF);
    Yuv420 yuv = new Yuv420(4, 4);
    yuv.convert(white, null, new Area());
    assertThat(yuv.bytes()).containsOnly((byte) 0);
    yuv.convert(white, null, Area.all());
    assertThat(yuv.bytes()[0] & 0xFF).isEqualTo(235);
    assertThat(yuv.bytes()[15] & 0xFF).isEqualTo(235);
  }

  @Test
  void oddSizesAreRefused() {
    assertThatThrownBy(() -> new Yuv420(3, 2)).isInstanceOf(IllegalArgumentException.class);
  }
}
