package io.recpipe.converter.render;

import io.recpipe.converter.parse.Instruction;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies drawing instructions to a {@link Display}, as guacenc does. Instructions that draw
 * nothing (key, clipboard, audio, argv, nop, handshake, vendor opcodes) are skipped and counted.
 */
final class Renderer {

  /** Returned by {@link #apply} for instructions that do not mark a moment in time. */
  static final long NO_TIME = Long.MIN_VALUE;

  private final Display display;
  private final ImageStreams images;
  private final Anomalies anomalies;
  private final Map<String, Long> skipped = new TreeMap<>();

  Renderer(Display display, ImageDecoder decoder, Anomalies anomalies) {
    this.display = display;
    this.anomalies = anomalies;
    this.images = new ImageStreams(display, decoder, anomalies);
  }

  /**
   * Applies one instruction.
   *
   * @return the timestamp (ms) it marks: a {@code sync}, or a {@code mouse} that carries one;
   *     otherwise {@link #NO_TIME}
   */
  long apply(Instruction in) {
    try {
      return dispatch(in);
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      anomalies.report("malformed arguments", in);
      return NO_TIME;
    }
  }

  private long dispatch(Instruction in) {
    switch (in.opcode()) {
      case "sync" -> {
        return in.longArg(0);
      }
      case "mouse" -> {
        return mouse(in);
      }
      case "img" -> images.img(in);
      case "blob" -> images.blob(in);
      case "end" -> images.end(in);
      case "size" -> size(in);
      case "rect" -> rect(in);
      case "cfill" -> cfill(in);
      case "copy" -> Copying.copy(display, in);
      case "transfer" -> Copying.transfer(display, in);
      case "cursor" -> cursor(in);
      case "move" -> LayerTree.move(display, in);
      case "shade" -> LayerTree.shade(display, in);
      case "dispose" -> display.dispose(in.intArg(0));
      default -> skipped.merge(in.opcode(), 1L, Long::sum);
    }
    return NO_TIME;
  }

  /** Counts of skipped (non-drawing) instructions by opcode. */
  Map<String, Long> skipped() {
    return Map.copyOf(skipped);
  }

  private long mouse(Instruction in) {
    Display.Cursor cursor = display.cursor;
    int x = in.intArg(0);
    int y = in.intArg(1);
    if (x != cursor.x || y != cursor.y) {
      markCursor(cursor); // where it was
      cursor.x = x;
      cursor.y = y;
      markCursor(cursor); // where it is
    }
    return in.argCount() >= 4 ? in.longArg(3) : NO_TIME;
  }

  private void markCursor(Display.Cursor cursor) {
    if (cursor.visible()) {
      display.markChanged(
          cursor.x - cursor.hotspotX,
          cursor.y - cursor.hotspotY,
          cursor.image.width(),
          cursor.image.height());
    }
  }

  private void size(Instruction in) {
    int index = in.intArg(0);
    Surface surface = display.surface(index, in);
    if (surface != null && display.resize(surface, in.intArg(1), in.intArg(2), in)) {
      display.touched(index);
    }
  }

  private void rect(Instruction in) {
    int index = in.intArg(0);
    Surface surface = display.surface(index, in);
    if (surface == null) {
      return;
    }
    int x = in.intArg(1);
    int y = in.intArg(2);
    int w = in.intArg(3);
    int h = in.intArg(4);
    if (display.fit(surface, x + w, y + h, in)) {
      surface.path().add(new int[] {x, y, w, h});
    }
  }

  private void cfill(Instruction in) {
    int index = in.intArg(1);
    Surface surface = display.surface(index, in);
    if (surface == null) {
      return;
    }
    CompositeOperator op = CompositeOperator.ofMask(in.intArg(0));
    int argb = in.intArg(5) << 24 | in.intArg(2) << 16 | in.intArg(3) << 8 | in.intArg(4);
    int color = ImageDecoder.premultiply(argb);
    for (int[] r : surface.path()) {
      surface.fill(r[0], r[1], r[2], r[3], color, op);
      display.touched(index, r[0], r[1], r[2], r[3]);
    }
    surface.path().clear();
  }

  private void cursor(Instruction in) {
    Surface src = display.surface(in.intArg(2), in);
    if (src == null) {
      return;
    }
    Display.Cursor cursor = display.cursor;
    int w = in.intArg(5);
    int h = in.intArg(6);
    if (!display.resize(cursor.image, w, h, in)) {
      return;
    }
    cursor.image.clear();
    cursor.image.draw(src, in.intArg(3), in.intArg(4), w, h, 0, 0, CompositeOperator.SRC);
    cursor.hotspotX = in.intArg(0);
    cursor.hotspotY = in.intArg(1);
    display.markChanged();
  }
}
