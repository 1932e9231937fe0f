package io.recpipe.converter.render;

/**
 * The 16 binary raster operations of the {@code transfer} instruction (guacenc leaves it
 * unimplemented). Bit {@code 3 - (s << 1 | d)} of the function code is the result for source bit
 * {@code s} and destination bit {@code d}: 0x3 is SRC, 0x5 DEST, 0x1 AND, 0x7 OR, 0x6 XOR, 0xC NOT
 * SRC, 0x0 BLACK, 0xF WHITE and so on. As in the Guacamole web client, it applies to the colour
 * channels; the destination keeps its alpha.
 */
record RasterOperation(int function) implements Surface.PixelFunction {

  RasterOperation {
    if (function < 0 || function > 15) {
      throw new IllegalArgumentException("transfer function out of range: " + function);
    }
  }

  @Override
  public int apply(int src, int dst) {
    int da = dst >>> 24;
    int s = unpremultiply(src);
    int d = unpremultiply(dst);
    int r = 0;
    if ((function & 0x8) != 0) {
      r |= ~s & ~d;
    }
    if ((function & 0x4) != 0) {
      r |= ~s & d;
    }
    if ((function & 0x2) != 0) {
      r |= s & ~d;
    }
    if ((function & 0x1) != 0) {
      r |= s & d;
    }
    return CompositeOperator.mix(0xFF000000 | (r & 0x00FFFFFF), da);
  }

  /** Straight (non-premultiplied) colour channels of a premultiplied pixel, alpha dropped. */
  static int unpremultiply(int p) {
    int a = p >>> 24;
    if (a == 255) {
      return p & 0x00FFFFFF;
    }
    if (a == 0) {
      return 0;
    }
    int r = Math.min(255, (((p >>> 16) & 0xFF) * 255 + a / 2) / a);
    int g = Math.min(255, (((p >>> 8) & 0xFF) * 255 + a / 2) / a);
    int b = Math.min(255, ((p & 0xFF) * 255 + a / 2) / a);
    return r << 16 | g << 8 | b;
  }
}
