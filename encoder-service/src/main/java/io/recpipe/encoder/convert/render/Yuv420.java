package io.recpipe.encoder.convert.render;

import java.util.Arrays;

/**
 * ARGB to planar YUV 4:2:0 (I420), BT.601 limited range in integers: what ffmpeg's swscale does by
 * default for {@code -pix_fmt yuv420p} from RGB, done here so that ffmpeg gets 1.5 instead of 4
 * bytes per pixel and skips its own conversion. Alpha is ignored (premultiplied pixels show over
 * black, as before). Each chroma sample is the average of its 2x2 block.
 *
 * <p>Only the row pairs that differ from the previous frame are converted again: the output buffer
 * keeps the rest from the last call.
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
      if (previous != null
          && Arrays.equals(argb, row0, row1 + width, previous, row0, row1 + width)) {
        continue;
      }
      int c = uBase + (y / 2) * chromaWidth;
      int cv = vBase + (y / 2) * chromaWidth;
      for (int x = 0; x < width; x += 2) {
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
        // sums of four: the factors carry two more bits of shift
        out[c + x / 2] = (byte) (((-38 * r - 74 * g + 112 * b + 512) >> 10) + 128);
        out[cv + x / 2] = (byte) (((112 * r - 94 * g - 18 * b + 512) >> 10) + 128);
      }
    }
  }

  private static byte luma(int p) {
    int r = (p >> 16) & 0xFF;
    int g = (p >> 8) & 0xFF;
    int b = p & 0xFF;
    return (byte) (((66 * r + 129 * g + 25 * b + 128) >> 8) + 16);
  }
}
