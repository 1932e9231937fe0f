package io.recpipe.converter.render;

import io.recpipe.converter.parse.Instruction;

/**
 * The state a recording draws into: visible layers (index 0 and up, 0 is the screen), off-screen
 * buffers (negative indexes) and the cursor. Follows guacenc's rules: layers and buffers come into
 * existence when first named, buffers grow to fit what is drawn on them, layers start under layer 0
 * at (0, 0), fully opaque.
 */
final class Display {

  private final Layer[] layers = new Layer[Limits.MAX_LAYERS];
  private final Surface[] buffers = new Surface[Limits.MAX_BUFFERS];
  private final Limits limits;
  private final Anomalies anomalies;
  private final PixelBudget budget;
  final Cursor cursor;

  /** Where the picture may have changed since the last {@link #takeChanged(Area)}. */
  private final Area changed = new Area();

  Display(Limits limits, Anomalies anomalies, PixelBudget budget) {
    this.limits = limits;
    this.anomalies = anomalies;
    this.budget = budget;
    this.cursor = new Cursor(budget);
  }

  /** A display outside any budget (tests). */
  Display(Limits limits, Anomalies anomalies) {
    this(limits, anomalies, PixelBudget.unlimited());
  }

  Limits limits() {
    return limits;
  }

  PixelBudget budget() {
    return budget;
  }

  /** The layer of that index, created on first use; {@code null} (reported) when out of range. */
  Layer layer(int index, Instruction cause) {
    if (index < 0 || index >= layers.length) {
      anomalies.report("layer index out of range", cause);
      return null;
    }
    if (layers[index] == null) {
      layers[index] = new Layer(index, budget);
    }
    return layers[index];
  }

  /** A layer if it exists, without creating it. */
  Layer existingLayer(int index) {
    return index >= 0 && index < layers.length ? layers[index] : null;
  }

  /** The pixels of a layer or buffer, created on first use; {@code null} when out of range. */
  Surface surface(int index, Instruction cause) {
    if (index >= 0) {
      Layer layer = layer(index, cause);
      return layer == null ? null : layer.surface;
    }
    int slot = -index - 1;
    if (slot >= buffers.length) {
      anomalies.report("buffer index out of range", cause);
      return null;
    }
    if (buffers[slot] == null) {
      buffers[slot] = new Surface(true, budget);
    }
    return buffers[slot];
  }

  /** Frees a layer or buffer; a layer named again later starts afresh. */
  void dispose(int index) {
    if (index >= 0 && index < layers.length) {
      if (layers[index] != null) {
        layers[index].surface.free();
        layers[index] = null;
      }
      markChanged();
    } else if (index < 0 && -index - 1 < buffers.length) {
      if (buffers[-index - 1] != null) {
        buffers[-index - 1].free();
        buffers[-index - 1] = null;
      }
    }
  }

  /**
   * Makes sure a surface may hold {@code w} x {@code h} pixels, within the limits.
   *
   * @return false (reported) when the size is out of bounds and the drawing must be skipped
   */
  boolean resize(Surface surface, int w, int h, Instruction cause) {
    if (!limits.allows(w, h)) {
      anomalies.report("size beyond limits", cause);
      return false;
    }
    surface.resize(w, h);
    return true;
  }

  /** Grows an autosizing buffer so that a drawing reaching {@code (x2, y2)} (exclusive) fits. */
  boolean fit(Surface surface, int x2, int y2, Instruction cause) {
    if (!surface.autosize()) {
      return true;
    }
    int w = Math.max(surface.width(), x2);
    int h = Math.max(surface.height(), y2);
    return resize(surface, w, h, cause);
  }

  /** Notes that a drawing touched the surface at that index, anywhere. */
  void touched(int index) {
    if (index >= 0) {
      markChanged();
    }
  }

  /**
   * Notes that a drawing touched {@code w} x {@code h} pixels at {@code (x, y)} of the surface at
   * that index: for a layer, that part of the screen (at the layer's place) may have changed.
   */
  void touched(int index, int x, int y, int w, int h) {
    if (index < 0) {
      return; // buffers are not on screen
    }
    long ox = 0;
    long oy = 0;
    int depth = 0;
    for (int i = index; i != 0; ) {
      Layer layer = existingLayer(i);
      if (layer == null || ++depth > Limits.MAX_LAYERS) {
        markChanged(); // not where we can follow it: assume anywhere
        return;
      }
      ox += layer.x;
      oy += layer.y;
      i = layer.parent;
    }
    changed.add(ox + x, oy + y, ox + x + w, oy + y + h);
  }

  /** Notes that the picture may have changed anywhere. */
  void markChanged() {
    changed.setAll();
  }

  /** Notes that the screen may have changed within that rectangle (e.g. under the cursor). */
  void markChanged(int x, int y, int w, int h) {
    changed.add(x, y, (long) x + w, (long) y + h);
  }

  /**
   * Moves where the picture changed since the last call into {@code into} (replacing what it held),
   * and forgets it here.
   *
   * @return whether anything changed
   */
  boolean takeChanged(Area into) {
    into.set(changed);
    changed.clear();
    return !into.isEmpty();
  }

  /** The pointer image, its hotspot, and where the pointer is ({@code -1} until a mouse). */
  static final class Cursor {
    final Surface image;
    int hotspotX;
    int hotspotY;
    int x = -1;
    int y = -1;

    Cursor(PixelBudget budget) {
      this.image = new Surface(false, budget);
    }

    boolean visible() {
      return x >= 0 && y >= 0 && image.width() > 0 && image.height() > 0;
    }
  }

  Layer[] layers() {
    return layers;
  }
}
