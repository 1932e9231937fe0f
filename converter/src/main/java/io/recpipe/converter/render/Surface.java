package io.recpipe.converter.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A rectangle of premultiplied ARGB pixels in a plain {@code int[]} (row-major), drawn on directly:
 * no Graphics2D on the hot path.
 *
 * <p>The pixels are allocated (and taken from the {@link PixelBudget}) when first drawn on, not
 * when sized: until then the surface is {@link #blank()}, fully transparent, and readers skip it. A
 * recording may size many layers it never draws on.
 */
final class Surface {

  private static final int[] NONE = new int[0];

  /** Off-screen buffers grow to fit what is drawn on them; layers do not. */
  private final boolean autosize;

  /** The current path: rectangles set by {@code rect}, filled and cleared by {@code cfill}. */
  private final List<int[]> path = new ArrayList<>();

  private final PixelBudget budget;
  private int width;
  private int height;
  private int[] pixels = NONE;

  /** Pixels of {@link #pixels} taken from the budget (0 for adopted or blank ones). */
  private long charged;

  Surface(boolean autosize, PixelBudget budget) {
    this.autosize = autosize;
    this.budget = budget;
  }

  /** A surface outside any budget (tests). */
  Surface(boolean autosize) {
    this(autosize, PixelBudget.unlimited());
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

  /** Whether nothing was drawn yet: all pixels transparent, none allocated. */
  boolean blank() {
    return pixels.length == 0 && width > 0 && height > 0;
  }

  /** The pixels to draw on, allocated (from the budget) if still {@link #blank()}. */
  int[] pixels() {
    if (blank()) {
      budget.charge(PixelBudget.area(width, height), describe(width, height));
      pixels = new int[width * height];
      charged = pixels.length;
    }
    return pixels;
  }

  /**
   * Changes the size, keeping the pixels that still fit; new pixels are transparent. A blank
   * surface stays blank: nothing is allocated.
   */
  void resize(int newWidth, int newHeight) {
    if (newWidth == width && newHeight == height) {
      return;
    }
    if (pixels.length == 0) {
      width = newWidth;
      height = newHeight;
      return;
    }
    long size = PixelBudget.area(newWidth, newHeight);
    budget.charge(size, describe(newWidth, newHeight)); // the old pixels are still held meanwhile
    int[] next = new int[newWidth * newHeight];
    int rows = Math.min(height, newHeight);
    int cols = Math.min(width, newWidth);
    for (int y = 0; y < rows; y++) {
      System.arraycopy(pixels, y * width, next, y * newWidth, cols);
    }
    budget.release(charged);
    pixels = next;
    charged = size;
    width = newWidth;
    height = newHeight;
  }

  /** Draws from now on into {@code target} ({@code newWidth * newHeight} pixels), as it is. */
  void adopt(int[] target, int newWidth, int newHeight) {
    budget.release(charged);
    charged = 0;
    pixels = target;
    width = newWidth;
    height = newHeight;
  }

  /** Lets the pixels go (a disposed layer or buffer): blank again, the budget given back. */
  void free() {
    budget.release(charged);
    charged = 0;
    pixels = NONE;
  }

  void clear() {
    Arrays.fill(pixels, 0);
  }

  private String describe(int w, int h) {
    return "a " + w + "x" + h + (autosize ? " buffer" : " surface");
  }

  /** Fills a rectangle (clipped to the surface) with one premultiplied colour. */
  void fill(int x, int y, int w, int h, int color, PixelFunction op) {
    int x0 = Math.max(0, x);
    int y0 = Math.max(0, y);
    int x1 = Math.min(width, x + w);
    int y1 = Math.min(height, y + h);
    if (x0 >= x1 || y0 >= y1) {
      return;
    }
    int[] pixels = pixels();
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
   * As {@link #draw(int[], int, int, int, int, int, int, int, int, PixelFunction)} from another
   * surface (or this one); a {@link #blank()} source draws as transparent pixels.
   */
  void draw(Surface src, int sx, int sy, int w, int h, int dx, int dy, PixelFunction fn) {
    if (src.blank()) {
      // Clip as a drawing would, then apply fn to transparent source pixels.
      int x0 = Math.max(Math.max(0, dx), dx - sx);
      int y0 = Math.max(Math.max(0, dy), dy - sy);
      int x1 = Math.min(dx + w, dx - sx + src.width);
      int y1 = Math.min(dy + h, dy - sy + src.height);
      fill(x0, y0, x1 - x0, y1 - y0, 0, fn);
      return;
    }
    draw(src.pixels, src.width, src.height, sx, sy, w, h, dx, dy, fn);
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
    int[] pixels = pixels();
    if (src == pixels) {
      // Same surface: take a copy of the source block first, as guacenc uses a temporary.
      long size = PixelBudget.area(w, h);
      budget.charge(size, "a copy of " + w + "x" + h + " pixels within a surface");
      try {
        int[] copy = new int[w * h];
        for (int row = 0; row < h; row++) {
          System.arraycopy(src, (sy + row) * srcWidth + sx, copy, row * w, w);
        }
        blend(copy, w, 0, 0, w, h, dx, dy, fn);
      } finally {
        budget.release(size);
      }
      return;
    }
    blend(src, srcWidth, sx, sy, w, h, dx, dy, fn);
  }

  private void blend(
      int[] src, int srcWidth, int sx, int sy, int w, int h, int dx, int dy, PixelFunction fn) {
    for (int row = 0; row < h; row++) {
      int si = (sy + row) * srcWidth + sx;
      int di = (dy + row) * width + dx;
      if (fn == CompositeOperator.SRC) {
        System.arraycopy(src, si, pixels, di, w);
      } else if (fn == CompositeOperator.OVER) {
        over(src, si, pixels, di, w);
      } else {
        for (int i = 0; i < w; i++) {
          pixels[di + i] = fn.apply(src[si + i], pixels[di + i]);
        }
      }
    }
  }

  /**
   * OVER on one row, without a call per pixel (the operator is the common case: images and the
   * layers composited into frames). Runs of opaque source pixels are copied as they are.
   */
  private static void over(int[] src, int si, int[] dst, int di, int w) {
    int i = 0;
    while (i < w) {
      int start = i;
      while (i < w && src[si + i] >>> 24 == 255) {
        i++;
      }
      if (i > start) {
        System.arraycopy(src, si + start, dst, di + start, i - start);
      }
      for (; i < w; i++) {
        int s = src[si + i];
        int sa = s >>> 24;
        if (sa == 255) {
          break;
        }
        if (sa != 0) {
          dst[di + i] = s + CompositeOperator.mix(dst[di + i], 255 - sa);
        }
      }
    }
  }

  /** How one source pixel combines with one destination pixel. */
  interface PixelFunction {
    int apply(int src, int dst);
  }
}
