package io.recpipe.converter.render;

/**
 * Bounds that keep a hostile or broken recording from exhausting memory.
 *
 * @param maxDimension the largest width or height of any layer, buffer or image
 * @param maxPixels the largest pixel count of any one layer, buffer or image
 */
record Limits(int maxDimension, int maxPixels) implements ImageDecoder.Admission {

  static final int MAX_LAYERS = 64;
  static final int MAX_BUFFERS = 4096;
  static final int MAX_STREAMS = 64;
  static final int MAX_STREAM_BYTES = 32 * 1024 * 1024;

  static Limits defaults() {
    return new Limits(8192, 8192 * 8192);
  }

  /** Refuses an image beyond these limits. */
  @Override
  public void admit(int width, int height) throws ImageDecoder.TooLargeException {
    if (!allows(width, height)) {
      throw new ImageDecoder.TooLargeException(width, height);
    }
  }

  boolean allows(long width, long height) {
    return width >= 0
        && height >= 0
        && width <= maxDimension
        && height <= maxDimension
        && width * height <= maxPixels;
  }
}
