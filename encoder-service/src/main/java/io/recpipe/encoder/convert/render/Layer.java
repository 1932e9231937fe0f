package io.recpipe.encoder.convert.render;

/** A visible layer: its pixels and where it sits under its parent. Layer 0 is the screen. */
final class Layer {

  final Surface surface = new Surface(false);
  int parent;
  int x;
  int y;
  int z;
  int opacity = 255;

  Layer(int index) {
    this.parent = index == 0 ? -1 : 0;
  }
}
