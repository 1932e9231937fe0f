package io.recpipe.encoder.convert.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Flattens the display into one video frame: layer 0, then its child layers by ascending {@code z}
 * (each clipped to its parent, with its opacity), then the cursor. When layer 0's size differs from
 * the video's (a resize mid-session, or a {@code --size} setting) the picture is scaled to fit,
 * keeping its aspect ratio, and letterboxed in black.
 */
final class FrameComposer {

  private static final int MAX_DEPTH = 16;

  private final int videoWidth;
  private final int videoHeight;

  /** Where layers are flattened: the target itself, or (to be scaled) {@link #scaled}. */
  private final Surface canvas = new Surface(false);

  private final Surface scaled = new Surface(false);

  FrameComposer(int videoWidth, int videoHeight) {
    this.videoWidth = videoWidth;
    this.videoHeight = videoHeight;
  }

  int width() {
    return videoWidth;
  }

  int height() {
    return videoHeight;
  }

  /** Renders the display into a new array of the video's size. */
  int[] compose(Display display) {
    int[] frame = new int[videoWidth * videoHeight];
    composeInto(display, frame);
    return frame;
  }

  /** Renders the display into {@code target} ({@code width() * height()} pixels). */
  void composeInto(Display display, int[] target) {
    Layer screen = display.existingLayer(0);
    if (screen == null || screen.surface.width() == 0 || screen.surface.height() == 0) {
      Arrays.fill(target, 0, videoWidth * videoHeight, 0);
      return;
    }
    Surface s = screen.surface;
    boolean direct = s.width() == videoWidth && s.height() == videoHeight;
    Surface canvas = direct ? this.canvas : scaled;
    if (direct) {
      canvas.adopt(target, videoWidth, videoHeight);
    } else {
      canvas.resize(s.width(), s.height());
    }
    System.arraycopy(s.pixels(), 0, canvas.pixels(), 0, s.width() * s.height());
    drawChildren(canvas, display, 0, 0, 0, 0, 0, s.width(), s.height(), 255, 0);
    Display.Cursor cursor = display.cursor;
    if (cursor.visible()) {
      Surface img = cursor.image;
      canvas.draw(
          img.pixels(),
          img.width(),
          img.height(),
          0,
          0,
          img.width(),
          img.height(),
          cursor.x - cursor.hotspotX,
          cursor.y - cursor.hotspotY,
          CompositeOperator.OVER);
    }
    if (!direct) {
      Letterbox.scaleInto(canvas, target, videoWidth, videoHeight);
    }
  }

  private void drawChildren(
      Surface canvas,
      Display display,
      int parent,
      int px,
      int py,
      int cx0,
      int cy0,
      int cx1,
      int cy1,
      int alpha,
      int depth) {
    if (depth >= MAX_DEPTH) {
      return;
    }
    List<Integer> children = new ArrayList<>();
    Layer[] layers = display.layers();
    for (int i = 1; i < layers.length; i++) {
      if (layers[i] != null && layers[i].parent == parent && layers[i].opacity > 0) {
        children.add(i);
      }
    }
    children.sort(Comparator.comparingInt((Integer i) -> layers[i].z).thenComparingInt(i -> i));
    for (int index : children) {
      Layer child = layers[index];
      Surface s = child.surface;
      int ax = px + child.x;
      int ay = py + child.y;
      int x0 = Math.max(cx0, ax);
      int y0 = Math.max(cy0, ay);
      int x1 = Math.min(cx1, ax + s.width());
      int y1 = Math.min(cy1, ay + s.height());
      if (x1 <= x0 || y1 <= y0) {
        continue;
      }
      int a = alpha * child.opacity / 255;
      Surface.PixelFunction fn =
          a == 255
              ? CompositeOperator.OVER
              : (src, dst) -> CompositeOperator.OVER.apply(CompositeOperator.mix(src, a), dst);
      canvas.draw(
          s.pixels(), s.width(), s.height(), x0 - ax, y0 - ay, x1 - x0, y1 - y0, x0, y0, fn);
      drawChildren(canvas, display, index, ax, ay, x0, y0, x1, y1, a, depth + 1);
    }
  }
}
