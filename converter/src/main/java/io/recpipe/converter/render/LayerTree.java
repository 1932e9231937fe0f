package io.recpipe.converter.render;

import io.recpipe.converter.parse.Instruction;

/** The {@code move} and {@code shade} instructions: where a layer sits and how opaque it is. */
final class LayerTree {

  private LayerTree() {}

  /** {@code move layer parent x y z}. */
  static void move(Display display, Instruction in) {
    int index = in.intArg(0);
    int parent = in.intArg(1);
    if (index <= 0 || parent < 0 || parent == index) {
      return; // layer 0 never moves; buffers have no place on screen
    }
    Layer layer = display.layer(index, in);
    if (layer == null || display.layer(parent, in) == null) {
      return;
    }
    layer.parent = parent;
    layer.x = in.intArg(2);
    layer.y = in.intArg(3);
    layer.z = in.intArg(4);
    display.markChanged();
  }

  /** {@code shade layer opacity}. */
  static void shade(Display display, Instruction in) {
    Layer layer = display.layer(in.intArg(0), in);
    if (layer != null) {
      layer.opacity = Math.max(0, Math.min(255, in.intArg(1)));
      display.markChanged();
    }
  }
}
