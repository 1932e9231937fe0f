package io.recpipe.encoder.convert.render;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the native converter ({@code encoder.native.*}).
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
@Validated
@ConfigurationProperties("encoder.native")
public record NativeConverterProperties(
    @DefaultValue("25") @Min(1) @Max(60) int maxFps,
    @DefaultValue("23") @Min(0) @Max(51) int crf,
    @DefaultValue("veryfast") @NotBlank String preset,
    @DefaultValue("") @Pattern(regexp = "^$|^[1-9][0-9]{0,4}x[1-9][0-9]{0,4}$") String size,
    @DefaultValue("2h") @NotNull Duration timeout,
    @DefaultValue("67108864") @Min(1) long maxImagePixels,
    @DefaultValue("67108864") @Min(1048576) long pixelBudget) {

  /** The default {@link #pixelBudget()}: 64 Mi pixels. */
  public static final long DEFAULT_PIXEL_BUDGET = 64L << 20;

  /** The smallest {@link #pixelBudget()}: 1 Mi pixels. */
  public static final long MIN_PIXEL_BUDGET = 1L << 20;

  /** The defaults, for use outside Spring (the CLI, tests, benchmarks). */
  public static NativeConverterProperties defaults() {
    return new NativeConverterProperties(
        25, 23, "veryfast", "", Duration.ofHours(2), 8192 * 8192, DEFAULT_PIXEL_BUDGET);
  }

  public NativeConverterProperties withSize(String newSize) {
    return new NativeConverterProperties(
        maxFps, crf, preset, newSize, timeout, maxImagePixels, pixelBudget);
  }

  public NativeConverterProperties withCrf(int newCrf) {
    return new NativeConverterProperties(
        maxFps, newCrf, preset, size, timeout, maxImagePixels, pixelBudget);
  }

  public NativeConverterProperties withPixelBudget(long newPixelBudget) {
    return new NativeConverterProperties(
        maxFps, crf, preset, size, timeout, maxImagePixels, newPixelBudget);
  }

  /** The configured width, or 0 when the recording decides. */
  int width() {
    return size == null || size.isEmpty() ? 0 : Integer.parseInt(size.split("x")[0]);
  }

  /** The configured height, or 0 when the recording decides. */
  int height() {
    return size == null || size.isEmpty() ? 0 : Integer.parseInt(size.split("x")[1]);
  }

  Limits limits() {
    return new Limits(8192, (int) Math.min(Integer.MAX_VALUE, maxImagePixels));
  }
}
