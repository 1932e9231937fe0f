package io.recpipe.encoder.convert.render;

import java.util.Arrays;

/**
 * ARGB to planar YUV 4:2:0 (I420), BT.601 limited range in 16-bit fixed point: what ffmpeg's
 * swscale does by default for {@code -pix_fmt yuv420p} from RGB, done here so that ffmpeg gets 1.5
 * instead of 4 bytes per pixel and skips its own conversion. Alpha is ignored (premultiplied pixels
 * show over black, as before). Each chroma sample is the average of its 2x2 block.
 *
 * <p>Only the part of each row pair that differs from the previous frame (from its first to its
 * last different column) is converted again: the output buffer keeps the rest from the last call.
 */
final class Yuv420 {

  private final int width;
  private final int height;
  private final byte[] out;

  /** {@code width} and {@code height} must be even. */
  Yuv420(int width, int height) {
    if (width % 2 != 0 || height % 2 != 0) {
      throw new IllegalArgumentException("yuv420p needs even sizes: " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
    this.out = new byte[width * height * 3 / 2];
  }

  /** The I420 bytes of the last conversion: Y plane, then U, then V. */
  byte[] bytes() {
    return out;
  }

  /**
   * Converts {@code argb}; when {@code previous} (the pixels of the last call, or null) has equal
   * rows, those rows are not converted again.
   */
  void convert(int[] argb, int[] previous) {
    int chromaWidth = width / 2;
    int uBase = width * height;
    int vBase = uBase + chromaWidth * (height / 2);
    for (int y = 0; y < height; y += 2) {
      int row0 = y * width;
      int row1 = row0 + width;
      int from = 0;
      int to = width;
      if (previous != null) {
        int a = Arrays.mismatch(argb, row0, row1, previous, row0, row1);
        int b = Arrays.mismatch(argb, row1, row1 + width, previous, row1, row1 + width);
        if (a < 0 && b < 0) {
          continue;
        }
        from = (a < 0 ? b : b < 0 ? a : Math.min(a, b)) & ~1;
        to = lastDifference(argb, previous, row0, row1, from) + 1;
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
    }
  }

  /** The last column (at least {@code from}) where either row differs from the previous frame. */
  private int lastDifference(int[] argb, int[] previous, int row0, int row1, int from) {
    int x = width - 1;
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
