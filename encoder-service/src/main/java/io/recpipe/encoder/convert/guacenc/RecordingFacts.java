package io.recpipe.encoder.convert.guacenc;

import java.time.Duration;
import java.util.Optional;

/**
 * What a quick streamed read of a recording tells: the display size, the session's time span and
 * whether the file ends in the middle of an instruction.
 *
 * @param width the width of the first {@code size} of layer 0, or 0 when there is none
 * @param height the height of the first {@code size} of layer 0, or 0 when there is none
 * @param firstSync the first {@code sync} timestamp in ms, or -1
 * @param lastSync the last {@code sync} timestamp in ms, or -1
 * @param instructions complete instructions read
 * @param partial whether the file ends with an incomplete or malformed instruction
 * @param bytesIgnored bytes after the last complete instruction
 */
record RecordingFacts(
    int width,
    int height,
    long firstSync,
    long lastSync,
    long instructions,
    boolean partial,
    long bytesIgnored) {

  Optional<String> size() {
    return width > 0 && height > 0 ? Optional.of(width + "x" + height) : Optional.empty();
  }

  Duration sessionDuration() {
    return firstSync < 0 ? Duration.ZERO : Duration.ofMillis(Math.max(0, lastSync - firstSync));
  }
}
