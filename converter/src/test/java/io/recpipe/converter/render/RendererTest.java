package io.recpipe.converter.render;

import static io.recpipe.converter.render.Recordings.frame;
import static io.recpipe.converter.render.Recordings.i;
import static io.recpipe.converter.render.Recordings.pixel;
import static io.recpipe.converter.render.Recordings.render;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RendererTest {

  private static final int RED = 0xFFFF0000;
  private static final int GREEN = 0xFF00FF00;
  private static final int BLUE = 0xFF0000FF;

  private static String screen(int w, int h) {
    return i("size", 0, w, h);
  }

  private static String fill(int layer, int x, int y, int w, int h, int argb) {
    return i("rect", layer, x, y, w, h)
        + i("cfill", 14, layer, (argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF, argb >>> 24);
  }

  @Test
  void rectAndCfillFillOnlyThePath() throws Exception {
    Display d = render(screen(4, 4) + fill(0, 1, 1, 2, 2, RED));
    assertThat(pixel(d, 0, 1, 1)).isEqualTo(RED);
    assertThat(pixel(d, 0, 2, 2)).isEqualTo(RED);
    assertThat(pixel(d, 0, 0, 0)).isZero();
    assertThat(pixel(d, 0, 3, 3)).isZero();
  }

  @Test
  void severalRectsMakeOnePathFilledOnce() throws Exception {
    Display d =
        render(
            screen(4, 1)
                + i("rect", 0, 0, 0, 1, 1)
                + i("rect", 0, 2, 0, 1, 1)
                + i("cfill", 12, 0, 0, 255, 0, 255)
                + i("cfill", 12, 0, 0, 0, 255, 255));
    assertThat(pixel(d, 0, 0, 0)).isEqualTo(GREEN);
    assertThat(pixel(d, 0, 2, 0)).isEqualTo(GREEN);
    assertThat(pixel(d, 0, 1, 0)).isZero(); // the second cfill had no path left
  }

  @Test
  void cfillWithTranslucentColourBlendsOver() throws Exception {
    Display d = render(screen(1, 1) + fill(0, 0, 0, 1, 1, BLUE) + fill(0, 0, 0, 1, 1, 0x80FF0000));
    int p = pixel(d, 0, 0, 0);
    assertThat(p >>> 24).isEqualTo(255);
    assertThat((p >> 16) & 0xFF).isBetween(127, 129);
    assertThat(p & 0xFF).isBetween(126, 128);
  }

  @Test
  void copyWithinOneLayerReadsBeforeWriting() throws Exception {
    String columns =
        fill(0, 0, 0, 1, 1, RED) + fill(0, 1, 0, 1, 1, GREEN) + fill(0, 2, 0, 1, 1, BLUE);
    // Overlapping copy to the right by one: a naive left-to-right copy would smear RED.
    Display d = render(screen(4, 1) + columns + i("copy", 0, 0, 0, 3, 1, 12, 0, 1, 0));
    assertThat(
            new int[] {pixel(d, 0, 0, 0), pixel(d, 0, 1, 0), pixel(d, 0, 2, 0), pixel(d, 0, 3, 0)})
        .containsExactly(RED, RED, GREEN, BLUE);
    // And to the left.
    Display e = render(screen(4, 1) + columns + i("copy", 0, 0, 0, 3, 1, 12, 0, -1, 0));
    assertThat(new int[] {pixel(e, 0, 0, 0), pixel(e, 0, 1, 0), pixel(e, 0, 2, 0)})
        .containsExactly(GREEN, BLUE, BLUE);
  }

  @Test
  void copyFromABufferGrowsTheBufferAndClipsAtTheScreen() throws Exception {
    Display d =
        render(screen(2, 2) + fill(-1, 5, 5, 2, 2, GREEN) + i("copy", -1, 5, 5, 2, 2, 14, 0, 1, 1));
    assertThat(d.surface(-1, null).width()).isEqualTo(7);
    assertThat(pixel(d, 0, 1, 1)).isEqualTo(GREEN);
    assertThat(pixel(d, 0, 0, 0)).isZero();
  }

  @Test
  void outOfRangeLayersAreSkippedAndCounted() throws Exception {
    Display d = render(screen(2, 2) + fill(9999, 0, 0, 1, 1, RED) + i("size", 0, 100000, 100000));
    assertThat(d.surface(0, null).width()).isEqualTo(2);
  }

  @Test
  void childLayersStackByZAndAreClippedToTheirParent() throws Exception {
    String r =
        screen(4, 4)
            + fill(0, 0, 0, 4, 4, BLUE)
            + i("size", 1, 2, 2)
            + i("size", 2, 2, 2)
            + fill(1, 0, 0, 2, 2, RED)
            + fill(2, 0, 0, 2, 2, GREEN)
            + i("move", 1, 0, 1, 1, 5)
            + i("move", 2, 0, 2, 2, 1);
    int[] f = frame(render(r));
    assertThat(f[1 * 4 + 1]).isEqualTo(RED);
    assertThat(f[2 * 4 + 2]).isEqualTo(RED); // overlap: z 5 above z 1
    assertThat(f[3 * 4 + 3]).isEqualTo(GREEN);
    assertThat(f[0]).isEqualTo(BLUE);

    // Raise layer 2 above layer 1.
    int[] g = frame(render(r + i("move", 2, 0, 2, 2, 9)));
    assertThat(g[2 * 4 + 2]).isEqualTo(GREEN);

    // A grandchild is clipped to its parent (layer 1 spans 1..2).
    int[] h =
        frame(
            render(
                r
                    + i("size", 3, 4, 4)
                    + fill(3, 0, 0, 4, 4, 0xFFFFFFFF)
                    + i("move", 3, 1, 0, 0, 0)
                    + i("move", 2, 0, 3, 3, 0)));
    assertThat(h[1 * 4 + 1]).isEqualTo(0xFFFFFFFF);
    assertThat(h[2 * 4 + 2]).isEqualTo(0xFFFFFFFF);
    assertThat(h[0]).isEqualTo(BLUE);
    assertThat(h[3 * 4 + 0]).isEqualTo(BLUE);
  }

  @Test
  void shadeSetsOpacityAndDisposeRemovesTheLayer() throws Exception {
    String r =
        screen(2, 1) + fill(0, 0, 0, 2, 1, BLUE) + i("size", 1, 1, 1) + fill(1, 0, 0, 1, 1, RED);
    assertThat(frame(render(r))[0]).isEqualTo(RED);
    int shaded = frame(render(r + i("shade", 1, 128)))[0];
    assertThat((shaded >> 16) & 0xFF).isBetween(127, 129);
    assertThat(shaded & 0xFF).isBetween(126, 128);
    assertThat(frame(render(r + i("shade", 1, 0)))[0]).isEqualTo(BLUE);
    assertThat(frame(render(r + i("dispose", 1)))[0]).isEqualTo(BLUE);
  }

  @Test
  void cursorIsDrawnAtThePointerMinusHotspotOnlyAfterTheFirstMouse() throws Exception {
    String r =
        screen(8, 8)
            + fill(0, 0, 0, 8, 8, BLUE)
            + fill(-1, 0, 0, 2, 2, RED)
            + i("cursor", 1, 1, -1, 0, 0, 2, 2);
    int[] before = frame(render(r));
    assertThat(before).containsOnly(BLUE);
    int[] after = frame(render(r + i("mouse", 5, 5, 0, 1000)));
    assertThat(after[4 * 8 + 4]).isEqualTo(RED);
    assertThat(after[5 * 8 + 5]).isEqualTo(RED);
    assertThat(after[6 * 8 + 6]).isEqualTo(BLUE);
    assertThat(after[3 * 8 + 3]).isEqualTo(BLUE);
  }

  @Test
  void aResizedScreenIsLetterboxedIntoTheVideoSize() throws Exception {
    Display d = render(screen(8, 4) + fill(0, 0, 0, 8, 4, RED));
    int[] f = new FrameComposer(4, 4).compose(d);
    // 8x4 scaled to 4x2, centred: rows 1 and 2 red, rows 0 and 3 black.
    assertThat(f[0]).isZero();
    assertThat(f[4 + 0]).isEqualTo(RED);
    assertThat(f[2 * 4 + 3]).isEqualTo(RED);
    assertThat(f[3 * 4 + 3]).isZero();
  }

  @Test
  void nonDrawingInstructionsAreSkipped() throws Exception {
    Display d =
        render(
            i("args", "VERSION_1_5_0", "hostname")
                + screen(1, 1)
                + i("key", 65, 1, 100)
                + i("clipboard", 0, "text/plain")
                + i("nop")
                + i("cursorrec", 1)
                + fill(0, 0, 0, 1, 1, GREEN));
    assertThat(pixel(d, 0, 0, 0)).isEqualTo(GREEN);
  }
}
