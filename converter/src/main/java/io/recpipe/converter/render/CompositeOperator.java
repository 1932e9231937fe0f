package io.recpipe.converter.render;

/**
 * The Porter-Duff operators behind Guacamole's channel masks, on premultiplied ARGB pixels.
 *
 * <p>Each operator is {@code result = src * Fa + dst * Fb} per channel, where {@code Fa} and {@code
 * Fb} are one of 0, 1, the other pixel's alpha, or one minus it. The masks and their operators are
 * those guacenc maps to Cairo (unknown masks draw as OVER, as there).
 */
enum CompositeOperator implements Surface.PixelFunction {
  RIN(0x1, F.ZERO, F.ALPHA),
  ROUT(0x2, F.ZERO, F.INV_ALPHA),
  IN(0x4, F.ALPHA, F.ZERO),
  ATOP(0x6, F.ALPHA, F.INV_ALPHA),
  OUT(0x8, F.INV_ALPHA, F.ZERO),
  RATOP(0x9, F.INV_ALPHA, F.ALPHA),
  XOR(0xA, F.INV_ALPHA, F.INV_ALPHA),
  ROVER(0xB, F.INV_ALPHA, F.ONE),
  SRC(0xC, F.ONE, F.ZERO),
  OVER(0xE, F.ONE, F.INV_ALPHA),
  PLUS(0xF, F.ONE, F.ONE);

  private final int mask;
  private final int fa;
  private final int fb;

  CompositeOperator(int mask, int fa, int fb) {
    this.mask = mask;
    this.fa = fa;
    this.fb = fb;
  }

  /** Kinds of factor: 0, 1, the other pixel's alpha, one minus the other pixel's alpha. */
  private static final class F {
    static final int ZERO = 0;
    static final int ONE = 1;
    static final int ALPHA = 2;
    static final int INV_ALPHA = 3;
  }

  private static final CompositeOperator[] BY_MASK = new CompositeOperator[16];

  static {
    for (CompositeOperator op : values()) {
      BY_MASK[op.mask] = op;
    }
  }

  /** The operator of a channel mask; masks without one draw as OVER, as guacenc does. */
  static CompositeOperator ofMask(int mask) {
    CompositeOperator op = mask >= 0 && mask < 16 ? BY_MASK[mask] : null;
    return op == null ? OVER : op;
  }

  int mask() {
    return mask;
  }

  /** Composites premultiplied {@code src} onto premultiplied {@code dst}. */
  @Override
  public int apply(int src, int dst) {
    if (this == SRC) {
      return src;
    }
    int sa = src >>> 24;
    if (this == OVER) {
      if (sa == 255) {
        return src;
      }
      if (sa == 0) {
        return dst;
      }
    }
    if (this == OVER) {
      return src + mix(dst, 255 - sa); // cannot overflow for premultiplied pixels
    }
    int da = dst >>> 24;
    return add(mix(src, factor(fa, da)), mix(dst, factor(fb, sa)));
  }

  private static int factor(int kind, int alpha) {
    return switch (kind) {
      case 0 -> 0;
      case 1 -> 255;
      case 2 -> alpha;
      default -> 255 - alpha;
    };
  }

  /** Every channel of {@code p} times {@code f / 255}, rounded. */
  static int mix(int p, int f) {
    if (f == 255) {
      return p;
    }
    if (f == 0) {
      return 0;
    }
    int rb = (p & 0x00FF00FF) * f + 0x00800080;
    rb = ((rb + ((rb >>> 8) & 0x00FF00FF)) >>> 8) & 0x00FF00FF;
    int ag = ((p >>> 8) & 0x00FF00FF) * f + 0x00800080;
    ag = (ag + ((ag >>> 8) & 0x00FF00FF)) & 0xFF00FF00;
    return ag | rb;
  }

  private static int add(int s, int d) {
    int r = 0;
    for (int shift = 0; shift < 32; shift += 8) {
      int c = ((s >>> shift) & 0xFF) + ((d >>> shift) & 0xFF);
      r |= Math.min(c, 255) << shift;
    }
    return r;
  }
}
