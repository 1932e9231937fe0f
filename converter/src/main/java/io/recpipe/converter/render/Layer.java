package io.recpipe.converter.render;

/** A visible layer: its pixels and where it sits under its parent. Layer 0 is the screen. */
final class Layer {

  final Surface surface;
  int parent;
  int x;
  int y;
  int z;
  int opacity = 255;

  Layer(int index, PixelBudget budget) {
    this.surface = new Surface(false, budget);
    this.parent = index == 0 ? -1 : 0;
  }
}
