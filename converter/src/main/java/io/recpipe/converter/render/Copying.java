package io.recpipe.converter.render;

import io.recpipe.converter.parse.Instruction;

/** The {@code copy} (channel mask) and {@code transfer} (raster operation) instructions. */
final class Copying {

  private Copying() {}

  /** {@code copy srclayer sx sy w h mask dstlayer dx dy}. */
  static void copy(Display display, Instruction in) {
    blit(display, in, CompositeOperator.ofMask(in.intArg(5)));
  }

  /** {@code transfer srclayer sx sy w h fn dstlayer dx dy}: guacenc skips it; we do not. */
  static void transfer(Display display, Instruction in) {
    int fn = in.intArg(5);
    if (fn < 0 || fn > 15) {
      throw new NumberFormatException("transfer function out of range: " + fn);
    }
    blit(display, in, new RasterOperation(fn));
  }

  private static void blit(Display display, Instruction in, Surface.PixelFunction fn) {
    Surface src = display.surface(in.intArg(0), in);
    int dstIndex = in.intArg(6);
    Surface dst = display.surface(dstIndex, in);
    if (src == null || dst == null) {
      return;
    }
    int w = in.intArg(3);
    int h = in.intArg(4);
    int dx = in.intArg(7);
    int dy = in.intArg(8);
    if (!display.fit(dst, dx + w, dy + h, in)) {
      return;
    }
    dst.draw(src, in.intArg(1), in.intArg(2), w, h, dx, dy, fn);
    display.touched(dstIndex, dx, dy, w, h);
  }
}
