package io.recpipe.converter.render;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * ARGB to planar YUV 4:2:0 (I420), BT.601 limited range in 16-bit fixed point: what ffmpeg's
 * swscale does by default for {@code -pix_fmt yuv420p} from RGB, done here so that ffmpeg gets 1.5
 * instead of 4 bytes per pixel and skips its own conversion. Alpha is ignored (premultiplied pixels
 * show over black, as before). Each chroma sample is the average of its 2x2 block.
 *
 * <p>Only the part of the frame that changed since the last call is converted again: within the
 * area said to have changed (widened to whole 2x2 blocks), each pair of rows from its first to its
 * last pixel that differs from the last frame. The output buffer keeps the rest from the last call.
 */
final class Yuv420 {

  /** Pixels compared at once when looking for the last difference in a row. */
  private static final int BLOCK = 32;

  private final int width;
  private final int height;
  private final byte[] out;

  /** A direct copy of {@link #out} kept up to date part by part, or null. */
  private final ByteBuffer direct;

  /** {@code width} and {@code height} must be even. */
  Yuv420(int width, int height) {
    this(width, height, false);
  }

  /**
   * With {@code direct}, the output is also kept in a direct buffer ({@link #direct()}): only the
   * parts that changed are copied there, and a channel writes it to a pipe without another copy.
   */
  Yuv420(int width, int height, boolean direct) {
    if (width % 2 != 0 || height % 2 != 0) {
      throw new IllegalArgumentException("yuv420p needs even sizes: " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
    this.out = new byte[width * height * 3 / 2];
    this.direct = direct ? ByteBuffer.allocateDirect(out.length) : null;
  }

  /** The direct copy of {@link #bytes()} (from position 0 to its end), or null without one. */
  ByteBuffer direct() {
    return direct == null ? null : direct.duplicate().clear();
  }

  /** The I420 bytes of the last conversion: Y plane, then U, then V. */
  byte[] bytes() {
    return out;
  }

  /** Converts all of {@code argb}. */
  void convert(int[] argb) {
    convert(argb, null, Area.all());
  }

  /**
   * Converts {@code argb}, which differs from {@code previous} (the pixels of the last call; null
   * to convert all of {@code changed}) only within {@code changed}.
   */
  void convert(int[] argb, int[] previous, Area changed) {
    int x0 = Math.max(0, changed.x0) & ~1;
    int y0 = Math.max(0, changed.y0) & ~1;
    int x1 = (int) Math.min(width, (Math.min((long) width, changed.x1) + 1) & ~1L);
    int y1 = (int) Math.min(height, (Math.min((long) height, changed.y1) + 1) & ~1L);
    if (changed.isEmpty() || x1 <= x0 || y1 <= y0) {
      return;
    }
    int chromaWidth = width / 2;
    int uBase = width * height;
    int vBase = uBase + chromaWidth * (height / 2);
    for (int y = y0; y < y1; y += 2) {
      int row0 = y * width;
      int row1 = row0 + width;
      int from = x0;
      int to = x1;
      if (previous != null) {
        int a = Arrays.mismatch(argb, row0 + x0, row0 + x1, previous, row0 + x0, row0 + x1);
        int b = Arrays.mismatch(argb, row1 + x0, row1 + x1, previous, row1 + x0, row1 + x1);
        if (a < 0 && b < 0) {
          continue;
        }
        from = (x0 + (a < 0 ? b : b < 0 ? a : Math.min(a, b))) & ~1;
        to = lastDifference(argb, previous, row0, row1, from, x1) + 1;
        to += to % 2;
      }
      int c = uBase + (y / 2) * chromaWidth;
      int cv = vBase + (y / 2) * chromaWidth;
      for (int x = from; x < to; x += 2) {
        int p00 = argb[row0 + x];
        int p01 = argb[row0 + x + 1];
        int p10 = argb[row1 + x];
        int p11 = argb[row1 + x + 1];
        out[row0 + x] = luma(p00);
        out[row0 + x + 1] = luma(p01);
        out[row1 + x] = luma(p10);
        out[row1 + x + 1] = luma(p11);
        int r =
            ((p00 >> 16) & 0xFF)
                + ((p01 >> 16) & 0xFF)
                + ((p10 >> 16) & 0xFF)
                + ((p11 >> 16) & 0xFF);
        int g =
            ((p00 >> 8) & 0xFF) + ((p01 >> 8) & 0xFF) + ((p10 >> 8) & 0xFF) + ((p11 >> 8) & 0xFF);
        int b = (p00 & 0xFF) + (p01 & 0xFF) + (p10 & 0xFF) + (p11 & 0xFF);
        // 16-bit fixed point, rounded; sums of four pixels take two more bits of shift
        out[c + x / 2] =
            (byte) ((-9714 * r - 19070 * g + 28784 * b + (128 << 18) + (1 << 17)) >> 18);
        out[cv + x / 2] =
            (byte) ((28784 * r - 24103 * g - 4681 * b + (128 << 18) + (1 << 17)) >> 18);
      }
      if (direct != null && to > from) {
        int n = to - from;
        direct.put(row0 + from, out, row0 + from, n);
        direct.put(row1 + from, out, row1 + from, n);
        direct.put(c + from / 2, out, c + from / 2, n / 2);
        direct.put(cv + from / 2, out, cv + from / 2, n / 2);
      }
    }
  }

  /** The last column before {@code end} (at least {@code from}) where either row differs. */
  private static int lastDifference(
      int[] argb, int[] previous, int row0, int row1, int from, int end) {
    // Equal blocks at the end are skipped with the vectorized Arrays.equals, then pixel by pixel.
    int x = end;
    while (x - BLOCK > from
        && Arrays.equals(argb, row0 + x - BLOCK, row0 + x, previous, row0 + x - BLOCK, row0 + x)
        && Arrays.equals(argb, row1 + x - BLOCK, row1 + x, previous, row1 + x - BLOCK, row1 + x)) {
      x -= BLOCK;
    }
    x--;
    while (x > from
        && argb[row0 + x] == previous[row0 + x]
        && argb[row1 + x] == previous[row1 + x]) {
      x--;
    }
    return x;
  }

  private static byte luma(int p) {
    int r = (p >> 16) & 0xFF;
    int g = (p >> 8) & 0xFF;
    int b = p & 0xFF;
    return (byte) ((16829 * r + 33039 * g + 6416 * b + (16 << 16) + (1 << 15)) >> 16);
  }
}
