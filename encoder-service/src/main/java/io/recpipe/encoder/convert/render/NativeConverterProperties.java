package io.recpipe.encoder.convert.render;

import io.recpipe.converter.render.NativeSettings;
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
 * The native converter's settings as the encoder binds them ({@code encoder.native.*}), checked at
 * start-up; what each means: {@link NativeSettings}.
 */
@Validated
@ConfigurationProperties("encoder.native")
public record NativeConverterProperties(
    @DefaultValue("25") @Min(1) @Max(60) int maxFps,
    @DefaultValue("23") @Min(0) @Max(51) int crf,
    @DefaultValue("veryfast") @NotBlank String preset,
    @DefaultValue(NativeSettings.SCREEN_X264_PARAMS)
        @Pattern(regexp = NativeSettings.X264_PARAMS_PATTERN)
        String x264Params,
    @DefaultValue("") @Pattern(regexp = "^$|^[1-9][0-9]{0,4}x[1-9][0-9]{0,4}$") String size,
    @DefaultValue("2h") @NotNull Duration timeout,
    @DefaultValue("67108864") @Min(1) long maxImagePixels,
    @DefaultValue("67108864") @Min(1048576) long pixelBudget) {

  /** The default {@link #pixelBudget()}: 64 Mi pixels. */
  public static final long DEFAULT_PIXEL_BUDGET = NativeSettings.DEFAULT_PIXEL_BUDGET;

  /** The settings the converter takes. */
  public NativeSettings settings() {
    return new NativeSettings(
        maxFps, crf, preset, x264Params, size, timeout, maxImagePixels, pixelBudget);
  }
}
