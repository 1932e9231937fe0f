package io.recpipe.encoder.convert.guacenc;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The guacenc converter ({@code encoder.guacenc.*}).
 *
 * @param path the guacenc executable
 * @param bitrate the bitrate guacenc encodes with ({@code -r})
 * @param timeout how long guacenc, and then ffmpeg, may each take before they are killed
 * @param preset the libx264 preset of the second pass
 */
@Validated
@ConfigurationProperties("encoder.guacenc")
public record GuacencSettings(
    @DefaultValue("guacenc") @NotBlank String path,
    @DefaultValue("2000000") @Min(10_000) int bitrate,
    @DefaultValue("1h") @NotNull Duration timeout,
    @DefaultValue("veryfast") @NotBlank String preset) {}
