package io.recpipe.converter.sidecar;

import java.time.Duration;

/**
 * Which files are made beside the MP4, for either converter; the encoder binds them from {@code
 * encoder.keystrokes.*} and {@code encoder.poster.*}, the command line from its options.
 *
 * @param keystrokes make {@code <id>.vtt} of what was typed and add it to the MP4 as a subtitle
 *     track; it may hold passwords typed in clear
 * @param keystrokePause a longer gap between two keys starts a new cue (as Enter does); a cue also
 *     shows this long after its last key
 * @param poster make {@code <id>.jpg}, a contact sheet of moments evenly spaced over the video
 * @param posterFrames how many moments the poster shows (tiled in rows of up to 3 for 6 frames:
 *     columns = ceil(sqrt(frames)))
 * @param posterWidth the width in pixels of each moment on the poster (height keeps the aspect)
 * @param timeout the longest each ffmpeg run for a sidecar may take before it is killed
 */
public record SidecarSettings(
    boolean keystrokes,
    Duration keystrokePause,
    boolean poster,
    int posterFrames,
    int posterWidth,
    Duration timeout) {

  public static final Duration DEFAULT_PAUSE = Duration.ofSeconds(2);
  public static final int DEFAULT_POSTER_FRAMES = 6;
  public static final int DEFAULT_POSTER_WIDTH = 320;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  /** No sidecars (the command line's default). */
  public static SidecarSettings none() {
    return new SidecarSettings(
        false, DEFAULT_PAUSE, false, DEFAULT_POSTER_FRAMES, DEFAULT_POSTER_WIDTH, DEFAULT_TIMEOUT);
  }

  public SidecarSettings withKeystrokes(boolean on) {
    return new SidecarSettings(on, keystrokePause, poster, posterFrames, posterWidth, timeout);
  }

  public SidecarSettings withKeystrokePause(Duration pause) {
    return new SidecarSettings(keystrokes, pause, poster, posterFrames, posterWidth, timeout);
  }

  public SidecarSettings withPoster(boolean on) {
    return new SidecarSettings(keystrokes, keystrokePause, on, posterFrames, posterWidth, timeout);
  }

  /** Whether any sidecar is asked for. */
  public boolean any() {
    return keystrokes || poster;
  }
}
