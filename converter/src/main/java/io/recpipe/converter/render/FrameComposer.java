package io.recpipe.converter.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flattens the display into one video frame: layer 0, then its child layers by ascending {@code z}
 * (each clipped to its parent, with its opacity), then the cursor. When layer 0's size differs from
 * the video's (a resize mid-session, or a {@code --size} setting) the picture is scaled to fit,
 * keeping its aspect ratio, and letterboxed in black.
 *
 * <p>Frames are drawn into a few reused buffers ({@link #composeInto(Display, int[], Area)}). For
 * each buffer the composer remembers which part of the screen changed since the buffer was last
 * drawn, and draws only that part again: on a busy session a frame usually changes in a small part
 * of the screen.
 */
final class FrameComposer {

  private static final int MAX_DEPTH = 16;

  private final int videoWidth;
  private final int videoHeight;

  /** Where layers are flattened: the target itself, or (to be scaled) {@link #scaled}. */
  private final Surface canvas = new Surface(false);

  private final Surface scaled;

  /** Per buffer drawn into: what changed on screen since then (all: contents unknown). */
  private final Map<int[], Area> stale = new IdentityHashMap<>();

  private final Area region = new Area();

  FrameComposer(int videoWidth, int videoHeight, PixelBudget budget) {
    this.videoWidth = videoWidth;
    this.videoHeight = videoHeight;
    this.scaled = new Surface(false, budget);
  }

  /** A composer outside any budget (tests). */
  FrameComposer(int videoWidth, int videoHeight) {
    this(videoWidth, videoHeight, PixelBudget.unlimited());
  }

  int width() {
    return videoWidth;
  }

  int height() {
    return videoHeight;
  }

  /** Renders the whole display into a new array of the video's size. */
  int[] compose(Display display) {
    int[] frame = new int[videoWidth * videoHeight];
    render(display, frame, Area.all(), new Area());
    return frame;
  }

  /** Forgets what {@code target} holds: the next composition into it draws everything. */
  void forget(int[] target) {
    stale.remove(target);
  }

  /**
   * Renders the display into {@code target} ({@code width() * height()} pixels), given where the
   * screen changed since the last call ({@code changed}; every change must be passed exactly once).
   * Only what changed since {@code target} was last drawn is drawn again.
   *
   * @return whether the frame may differ from the last one anywhere, not only within {@code
   *     changed} (a scaled or blank picture)
   */
  boolean composeInto(Display display, int[] target, Area changed) {
    for (Map.Entry<int[], Area> e : stale.entrySet()) {
      e.getValue().add(changed);
    }
    return render(display, target, stale.computeIfAbsent(target, t -> Area.all()), region);
  }

  /**
   * Draws {@code todo} (which is then cleared, or set to all when the next drawing must be
   * complete) into {@code target}; {@code region} is scratch space.
   */
  private boolean render(Display display, int[] target, Area todo, Area region) {
    Layer screen = display.existingLayer(0);
    if (screen == null || screen.surface.width() == 0 || screen.surface.height() == 0) {
      Arrays.fill(target, 0, videoWidth * videoHeight, 0);
      todo.setAll(); // not the screen: draw all next time
      return true;
    }
    Surface s = screen.surface;
    boolean direct = s.width() == videoWidth && s.height() == videoHeight;
    Surface canvas;
    if (direct) {
      canvas = this.canvas;
      canvas.adopt(target, videoWidth, videoHeight);
      region.set(todo);
      todo.clear();
    } else {
      canvas = scaled;
      canvas.resize(s.width(), s.height());
      region.setAll();
      todo.setAll(); // holds a scaled picture: draw all next time
    }
    region.clip(s.width(), s.height());
    if (!region.isEmpty()) {
      draw(display, s, canvas, region);
    }
    if (!direct) {
      Letterbox.scaleInto(canvas, target, videoWidth, videoHeight);
    }
    return !direct;
  }

  /** Draws the screen within {@code r} (inside the screen) onto {@code canvas}. */
  private void draw(Display display, Surface s, Surface canvas, Area r) {
    int w = r.x1 - r.x0;
    int[] to = canvas.pixels();
    for (int y = r.y0; y < r.y1; y++) {
      int at = y * s.width() + r.x0;
      if (s.blank()) {
        Arrays.fill(to, at, at + w, 0);
      } else {
        System.arraycopy(s.pixels(), at, to, at, w);
      }
    }
    drawChildren(canvas, display, 0, 0, 0, r.x0, r.y0, r.x1, r.y1, 255, 0);
    Display.Cursor cursor = display.cursor;
    if (cursor.visible()) {
      Surface img = cursor.image;
      int cx = cursor.x - cursor.hotspotX;
      int cy = cursor.y - cursor.hotspotY;
      int x0 = Math.max(r.x0, cx);
      int y0 = Math.max(r.y0, cy);
      int x1 = Math.min(r.x1, cx + img.width());
      int y1 = Math.min(r.y1, cy + img.height());
      if (x0 < x1 && y0 < y1 && !img.blank()) {
        canvas.draw(
            img.pixels(),
            img.width(),
            img.height(),
            x0 - cx,
            y0 - cy,
            x1 - x0,
            y1 - y0,
            x0,
            y0,
            CompositeOperator.OVER);
      }
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
      if (!s.blank()) { // a layer never drawn on is transparent; its children still show
        Surface.PixelFunction fn =
            a == 255
                ? CompositeOperator.OVER
                : (src, dst) -> CompositeOperator.OVER.apply(CompositeOperator.mix(src, a), dst);
        canvas.draw(
            s.pixels(), s.width(), s.height(), x0 - ax, y0 - ay, x1 - x0, y1 - y0, x0, y0, fn);
      }
      drawChildren(canvas, display, index, ax, ay, x0, y0, x1, y1, a, depth + 1);
    }
  }
}
