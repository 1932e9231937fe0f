package io.recpipe.converter.render;

/**
 * A mutable rectangle {@code [x0, x1) x [y0, y1)} in screen (layer 0) pixels, for what changed;
 * empty when {@code x1 <= x0} or {@code y1 <= y0}. {@link #all()} covers any screen.
 */
final class Area {

  int x0;
  int y0;
  int x1;
  int y1;

  /** An empty area. */
  Area() {}

  static Area all() {
    Area a = new Area();
    a.setAll();
    return a;
  }

  boolean isEmpty() {
    return x1 <= x0 || y1 <= y0;
  }

  boolean isAll() {
    return x0 == Integer.MIN_VALUE && y0 == Integer.MIN_VALUE;
  }

  void clear() {
    x0 = 0;
    y0 = 0;
    x1 = 0;
    y1 = 0;
  }

  void setAll() {
    x0 = Integer.MIN_VALUE;
    y0 = Integer.MIN_VALUE;
    x1 = Integer.MAX_VALUE;
    y1 = Integer.MAX_VALUE;
  }

  /** Grows to cover {@code [ax0, ax1) x [ay0, ay1)} too (long: the arguments may overflow int). */
  void add(long ax0, long ay0, long ax1, long ay1) {
    if (ax1 <= ax0 || ay1 <= ay0) {
      return;
    }
    int cx0 = clamp(ax0);
    int cy0 = clamp(ay0);
    int cx1 = clamp(ax1);
    int cy1 = clamp(ay1);
    if (isEmpty()) {
      x0 = cx0;
      y0 = cy0;
      x1 = cx1;
      y1 = cy1;
    } else {
      x0 = Math.min(x0, cx0);
      y0 = Math.min(y0, cy0);
      x1 = Math.max(x1, cx1);
      y1 = Math.max(y1, cy1);
    }
  }

  void add(Area other) {
    if (other.isAll()) {
      setAll();
    } else if (!other.isEmpty()) {
      add(other.x0, other.y0, other.x1, other.y1);
    }
  }

  void set(Area other) {
    x0 = other.x0;
    y0 = other.y0;
    x1 = other.x1;
    y1 = other.y1;
  }

  /** Shrinks to within {@code [0, width) x [0, height)}. */
  void clip(int width, int height) {
    x0 = Math.max(0, x0);
    y0 = Math.max(0, y0);
    x1 = Math.min(width, x1);
    y1 = Math.min(height, y1);
  }

  private static int clamp(long v) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }

  @Override
  public String toString() {
    return isEmpty()
        ? "empty"
        : isAll() ? "all" : "[" + x0 + "," + y0 + " - " + x1 + "," + y1 + ")";
  }
}
