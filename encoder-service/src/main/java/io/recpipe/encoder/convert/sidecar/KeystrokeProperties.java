package io.recpipe.encoder.convert.sidecar;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The keystroke track ({@code encoder.keystrokes.*}): {@code <id>.vtt} beside the MP4 and a
 * subtitle track in it, of what was typed in the session. Off by default: it holds whatever was
 * typed, passwords included, in clear.
 *
 * @param enabled make the track (for either converter)
 * @param pause a longer gap between two keys starts a new cue (as Enter does); a cue also shows
 *     this long after its last key
 */
@Validated
@ConfigurationProperties("encoder.keystrokes")
record KeystrokeProperties(
    @DefaultValue("false") boolean enabled, @DefaultValue("2s") @NotNull Duration pause) {

  KeystrokeProperties {
    if (pause != null && (pause.isNegative() || pause.isZero())) {
      throw new IllegalArgumentException("encoder.keystrokes.pause must be above 0: " + pause);
    }
  }
}
