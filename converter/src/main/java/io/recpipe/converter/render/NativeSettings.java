package io.recpipe.converter.render;

import java.time.Duration;

/**
 * Settings of the native converter; the encoder binds them from {@code encoder.native.*} and checks
 * their ranges, the command line from its options.
 *
 * @param maxFps the most frames a second the video gets; idle time gets none
 * @param crf libx264's constant rate factor (quality; lower is better and larger)
 * @param preset libx264's preset (speed against size)
 * @param size the video's size as {@code WIDTHxHEIGHT}; empty for the recording's own size
 * @param timeout the longest one conversion may take before ffmpeg is killed
 * @param maxImagePixels the largest layer, buffer or image (in pixels) drawn; larger are skipped
 * @param pixelBudget the most pixels (4 bytes each) one conversion may hold at once: layers,
 *     buffers and the cursor once drawn on, the video frames in flight, image streams and images
 *     being decoded; a recording that needs more fails for good. The default, 64 Mi pixels (256
 *     MiB), keeps one conversion under a 512 MB heap (a 4K screen needs about 46 Mi)
 */
public record NativeSettings(
    int maxFps,
    int crf,
    String preset,
    String size,
    Duration timeout,
    long maxImagePixels,
    long pixelBudget) {

  /** The default {@link #pixelBudget()}: 64 Mi pixels. */
  public static final long DEFAULT_PIXEL_BUDGET = 64L << 20;

  /** The smallest {@link #pixelBudget()}: 1 Mi pixels. */
  public static final long MIN_PIXEL_BUDGET = 1L << 20;

  /** The defaults, for use outside Spring (the CLI, tests, benchmarks). */
  public static NativeSettings defaults() {
    return new NativeSettings(
        25, 23, "veryfast", "", Duration.ofHours(2), 8192 * 8192, DEFAULT_PIXEL_BUDGET);
  }

  public NativeSettings withSize(String newSize) {
    return new NativeSettings(maxFps, crf, preset, newSize, timeout, maxImagePixels, pixelBudget);
  }

  public NativeSettings withCrf(int newCrf) {
    return new NativeSettings(maxFps, newCrf, preset, size, timeout, maxImagePixels, pixelBudget);
  }

  public NativeSettings withPixelBudget(long newPixelBudget) {
    return new NativeSettings(maxFps, crf, preset, size, timeout, maxImagePixels, newPixelBudget);
  }

  /** The configured width, or 0 when the recording decides. */
  public int width() {
    return size == null || size.isEmpty() ? 0 : Integer.parseInt(size.split("x")[0]);
  }

  /** The configured height, or 0 when the recording decides. */
  public int height() {
    return size == null || size.isEmpty() ? 0 : Integer.parseInt(size.split("x")[1]);
  }

  Limits limits() {
    return new Limits(8192, (int) Math.min(Integer.MAX_VALUE, maxImagePixels));
  }
}
