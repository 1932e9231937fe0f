package io.recpipe.encoder.convert.sidecar;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The poster ({@code encoder.poster.*}): {@code <id>.jpg} beside the MP4, a contact sheet of a few
 * moments of the video. Off by default, though it shows nothing the video does not and costs about
 * a second per recording: the encoder and the uploader are deployed apart, and an uploader that
 * does not yet store and remove sidecars would leave every {@code <id>.jpg} in the output
 * directory. Turn it on once the uploader in service takes them.
 *
 * @param enabled make the poster (for either converter)
 * @param frames moments shown, evenly spaced over the video, tiled ceil(sqrt(frames)) to a row
 * @param width the width in pixels of each moment (the height keeps the aspect)
 */
@Validated
@ConfigurationProperties("encoder.poster")
record PosterProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("6") @Min(1) @Max(16) int frames,
    @DefaultValue("320") @Min(32) @Max(1920) int width) {}
