package io.recpipe.encoder.convert.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A rectangle of premultiplied ARGB pixels in a plain {@code int[]} (row-major), drawn on directly:
 * no Graphics2D on the hot path.
 */
final class Surface {

  /** Off-screen buffers grow to fit what is drawn on them; layers do not. */
  private final boolean autosize;

  /** The current path: rectangles set by {@code rect}, filled and cleared by {@code cfill}. */
  private final List<int[]> path = new ArrayList<>();

  private int width;
  private int height;
  private int[] pixels = new int[0];

  Surface(boolean autosize) {
    this.autosize = autosize;
  }

  boolean autosize() {
    return autosize;
  }

  List<int[]> path() {
    return path;
  }

  int width() {
    return width;
  }

  int height() {
    return height;
  }

  int[] pixels() {
    return pixels;
  }

  /** Changes the size, keeping the pixels that still fit; new pixels are transparent. */
  void resize(int newWidth, int newHeight) {
    if (newWidth == width && newHeight == height) {
      return;
    }
    int[] next = new int[newWidth * newHeight];
    int rows = Math.min(height, newHeight);
    int cols = Math.min(width, newWidth);
    for (int y = 0; y < rows; y++) {
      System.arraycopy(pixels, y * width, next, y * newWidth, cols);
    }
    pixels = next;
    width = newWidth;
    height = newHeight;
  }

  /** Draws from now on into {@code target} ({@code newWidth * newHeight} pixels), as it is. */
  void adopt(int[] target, int newWidth, int newHeight) {
    pixels = target;
    width = newWidth;
    height = newHeight;
  }

  void clear() {
    Arrays.fill(pixels, 0);
  }

  /** Fills a rectangle (clipped to the surface) with one premultiplied colour. */
  void fill(int x, int y, int w, int h, int color, CompositeOperator op) {
    int x0 = Math.max(0, x);
    int y0 = Math.max(0, y);
    int x1 = Math.min(width, x + w);
    int y1 = Math.min(height, y + h);
    for (int row = y0; row < y1; row++) {
      int i = row * width + x0;
      int end = row * width + x1;
      if (op == CompositeOperator.SRC || (op == CompositeOperator.OVER && color >>> 24 == 255)) {
        Arrays.fill(pixels, i, end, color);
      } else {
        for (; i < end; i++) {
          pixels[i] = op.apply(color, pixels[i]);
        }
      }
    }
  }

  /**
   * Composites a {@code w} x {@code h} block of {@code src} (row stride {@code srcWidth}) from
   * {@code (sx, sy)} onto this surface at {@code (dx, dy)}, clipped to both. When source and
   * destination are the same array and overlap, the source is read before anything is written.
   */
  void draw(
      int[] src,
      int srcWidth,
      int srcHeight,
      int sx,
      int sy,
      int w,
      int h,
      int dx,
      int dy,
      PixelFunction fn) {
    // Clip against the source.
    if (sx < 0) {
      w += sx;
      dx -= sx;
      sx = 0;
    }
    if (sy < 0) {
      h += sy;
      dy -= sy;
      sy = 0;
    }
    w = Math.min(w, srcWidth - sx);
    h = Math.min(h, srcHeight - sy);
    // Clip against the destination.
    if (dx < 0) {
      w += dx;
      sx -= dx;
      dx = 0;
    }
    if (dy < 0) {
      h += dy;
      sy -= dy;
      dy = 0;
    }
    w = Math.min(w, width - dx);
    h = Math.min(h, height - dy);
    if (w <= 0 || h <= 0) {
      return;
    }
    if (src == pixels) {
      // Same surface: take a copy of the source block first, as guacenc uses a temporary.
      int[] copy = new int[w * h];
      for (int row = 0; row < h; row++) {
        System.arraycopy(src, (sy + row) * srcWidth + sx, copy, row * w, w);
      }
      src = copy;
      srcWidth = w;
      sx = 0;
      sy = 0;
    }
    for (int row = 0; row < h; row++) {
      int si = (sy + row) * srcWidth + sx;
      int di = (dy + row) * width + dx;
      if (fn == CompositeOperator.SRC) {
        System.arraycopy(src, si, pixels, di, w);
      } else {
        for (int i = 0; i < w; i++) {
          pixels[di + i] = fn.apply(src[si + i], pixels[di + i]);
        }
      }
    }
  }

  /** How one source pixel combines with one destination pixel. */
  interface PixelFunction {
    int apply(int src, int dst);
  }
}
