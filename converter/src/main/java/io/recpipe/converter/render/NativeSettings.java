package io.recpipe.converter.render;

import java.time.Duration;

/**
 * Settings of the native converter; the encoder binds them from {@code encoder.native.*} and checks
 * their ranges, the command line from its options.
 *
 * @param maxFps the most frames a second the video gets; idle time gets none
 * @param crf libx264's constant rate factor (quality; lower is better and larger)
 * @param preset libx264's preset (speed against size)
 * @param x264Params libx264 options applied over the preset ({@code key=value} pairs joined by
 *     {@code :}, as ffmpeg's {@code -x264-params}); empty for the preset alone. The default,
 *     {@value #SCREEN_X264_PARAMS}, is for screen content: motion is searched in whole pixels only
 *     (text scrolls and windows move by whole pixels, so sub-pixel search and the inter partitions
 *     it refines cost time for almost nothing), the lookahead is 5 frames instead of 10 (the
 *     macroblock tree still sees which parts of the screen stay still), and there is no deblocking
 *     filter (it smooths block edges in camera pictures; on the shared recordings it changed SSIM
 *     by less than 0.0001 and file size by under 1%, at 5-15% of libx264's time). On vnc-2-long
 *     libx264's CPU time (one thread) falls from 5.5 s to 3.1 s and the file is 4% smaller than
 *     {@code veryfast}'s own; SSIM against the frames given: 0.9983 instead of 0.9990
 * @param size the video's size as {@code WIDTHxHEIGHT}; empty for the recording's own size
 * @param timeout the longest one conversion may take before ffmpeg is killed
 * @param maxImagePixels the largest layer, buffer or image (in pixels) drawn; larger are skipped
 * @param pixelBudget the most pixels (4 bytes each) one conversion may hold at once: layers,
 *     buffers and the cursor once drawn on, the video frames in flight, image streams and images
 *     being decoded; a recording that needs more fails for good. The default, 64 Mi pixels (256
 *     MiB), keeps one conversion under a 512 MB heap (a 4K screen needs about 50 Mi)
 */
public record NativeSettings(
    int maxFps,
    int crf,
    String preset,
    String x264Params,
    String size,
    Duration timeout,
    long maxImagePixels,
    long pixelBudget) {

  /** The default {@link #x264Params()}, for screen content (see {@link #x264Params()}). */
  public static final String SCREEN_X264_PARAMS =
      "me=dia:subme=0:partitions=i8x8,i4x4:rc-lookahead=5:no-deblock=1";

  /**
   * What {@link #x264Params()} may hold: {@code key=value} pairs joined by {@code :}, letters,
   * digits and {@code _ . , + -} within them (passed to ffmpeg as one argument, no shell).
   */
  public static final String X264_PARAMS_PATTERN =
      "^$|^[A-Za-z0-9_-]+=[A-Za-z0-9_.,+-]+(:[A-Za-z0-9_-]+=[A-Za-z0-9_.,+-]+)*$";

  /** The default {@link #pixelBudget()}: 64 Mi pixels. */
  public static final long DEFAULT_PIXEL_BUDGET = 64L << 20;

  /** The smallest {@link #pixelBudget()}: 1 Mi pixels. */
  public static final long MIN_PIXEL_BUDGET = 1L << 20;

  /** The defaults, for use outside Spring (the CLI, tests, benchmarks). */
  public static NativeSettings defaults() {
    return new NativeSettings(
        25,
        23,
        "veryfast",
        SCREEN_X264_PARAMS,
        "",
        Duration.ofHours(2),
        8192 * 8192,
        DEFAULT_PIXEL_BUDGET);
  }

  public NativeSettings withSize(String newSize) {
    return new NativeSettings(
        maxFps, crf, preset, x264Params, newSize, timeout, maxImagePixels, pixelBudget);
  }

  public NativeSettings withCrf(int newCrf) {
    return new NativeSettings(
        maxFps, newCrf, preset, x264Params, size, timeout, maxImagePixels, pixelBudget);
  }

  public NativeSettings withX264Params(String newX264Params) {
    return new NativeSettings(
        maxFps, crf, preset, newX264Params, size, timeout, maxImagePixels, pixelBudget);
  }

  public NativeSettings withPixelBudget(long newPixelBudget) {
    return new NativeSettings(
        maxFps, crf, preset, x264Params, size, timeout, maxImagePixels, newPixelBudget);
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
